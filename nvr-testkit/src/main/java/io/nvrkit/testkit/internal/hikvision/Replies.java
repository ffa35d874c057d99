package io.nvrkit.testkit.internal.hikvision;

import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The answers of the fake's web server: the firmware's headers ({@code Server: Webs}, {@code
 * X-Frame-Options}, {@code Cache-Control: no-cache}, a {@code Date} from the device clock) and its
 * bodies ({@code ResponseStatus}, the 401 {@code userCheck}, the "Document Error" HTML page).
 */
final class Replies {
  static final String XML = "application/xml; charset=\"UTF-8\"";

  private final HikSettings settings;
  private final FakeClock clock;

  Replies(HikSettings settings, FakeClock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Starts a document in the device's namespace and version. */
  IsapiXml doc(String root) {
    return new IsapiXml(root, settings.namespace(), settings.xmlVersion());
  }

  FakeResponse xml(int status, String body) {
    return raw(status, XML, body);
  }

  FakeResponse raw(int status, String contentType, String body) {
    List<Map.Entry<String, String>> h = new ArrayList<>();
    h.add(
        Map.entry(
            "Date",
            DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.now().atOffset(ZoneOffset.UTC))));
    h.add(Map.entry("Server", "Webs"));
    h.add(Map.entry("X-Frame-Options", "SAMEORIGIN"));
    h.add(Map.entry("Cache-Control", "no-cache"));
    h.add(Map.entry("Content-Type", contentType));
    return new FakeResponse(status, reason(status), h, body.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code statusCode 1 OK / subStatusCode ok}. */
  FakeResponse ok(String requestUrl) {
    return status(200, requestUrl, 1, "ok");
  }

  /**
   * A {@code ResponseStatus} answer.
   *
   * @param http the HTTP status
   * @param requestUrl the request path
   * @param statusCode 1–9
   * @param sub the {@code subStatusCode}
   * @return the response
   */
  FakeResponse status(int http, String requestUrl, int statusCode, String sub) {
    IsapiXml d =
        doc("ResponseStatus")
            .el("requestURL", requestUrl)
            .el("statusCode", statusCode)
            .el("statusString", statusString(statusCode))
            .el("subStatusCode", sub);
    return xml(http, d.end());
  }

  /** 400, statusCode 5, {@code badXmlFormat}. */
  FakeResponse badXmlFormat(String url) {
    return status(400, url, 5, "badXmlFormat");
  }

  /** 400, statusCode 6, {@code badXmlContent}. */
  FakeResponse badXmlContent(String url) {
    return status(400, url, 6, "badXmlContent");
  }

  /** 400, statusCode 6, {@code badParameters}. */
  FakeResponse badParameters(String url) {
    return status(400, url, 6, "badParameters");
  }

  /** 403, statusCode 4, {@code invalidOperation}. */
  FakeResponse invalidOperation(String url) {
    return status(403, url, 4, "invalidOperation");
  }

  /** 403, statusCode 4, {@code notSupport}. */
  FakeResponse notSupport(String url) {
    return status(403, url, 4, "notSupport");
  }

  /** 403, statusCode 4, {@code lowPrivilege}. */
  FakeResponse lowPrivilege(String url) {
    return status(403, url, 4, "lowPrivilege");
  }

  /** 403, statusCode 4, {@code methodNotAllowed}. */
  FakeResponse methodNotAllowed(String url) {
    return status(403, url, 4, "methodNotAllowed");
  }

  /** The 401 {@code userCheck} body of 2022 firmware (no namespace, this exact shape). */
  FakeResponse unauthorized(IpLock.Status s, List<String> challenges) {
    if (settings.htmlUnauthorized()) {
      // 2017 firmware (research note §3.3): an HTML page that tells neither lock nor retries
      FakeResponse r =
          raw(
              401,
              "text/html",
              "<!DOCTYPE html>\r\n<html><head><title>Document Error: Unauthorized</title></head>\r\n"
                  + "<body><h2>Access Error: 401 -- Unauthorized</h2>\r\n"
                  + "<p>Authentication Error</p></body>\r\n</html>\r\n");
      for (String c : challenges) {
        r = r.withHeader("WWW-Authenticate", c);
      }
      return r;
    }
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\r\n<userCheck>\r\n"
            + "<statusValue>401</statusValue>\r\n<statusString>Unauthorized</statusString>\r\n"
            + "<lockStatus>"
            + (s.locked() ? "lock" : "unlock")
            + "</lockStatus>\r\n<unlockTime>"
            + s.unlockSeconds()
            + "</unlockTime>\r\n<retryLoginTime>"
            + s.retriesLeft()
            + "</retryLoginTime>\r\n</userCheck>\r\n";
    FakeResponse r = raw(401, XML, body);
    for (String c : challenges) {
      r = r.withHeader("WWW-Authenticate", c);
    }
    return r;
  }

  /** The web server's page for a path it does not have. */
  FakeResponse notFound() {
    return raw(
        404,
        "text/html",
        "<!DOCTYPE html>\r\n<html><head><title>Document Error: Not Found</title></head>\r\n"
            + "<body><h2>Access Error: 404 -- Not Found</h2>\r\n"
            + "<p>Cannot open URL</p></body>\r\n</html>\r\n");
  }

  static String statusString(int code) {
    switch (code) {
      case 0:
      case 1:
        return "OK";
      case 2:
        return "Device Busy";
      case 3:
        return "Device Error";
      case 4:
        return "Invalid Operation";
      case 5:
        return "Invalid XML Format";
      case 6:
        return "Invalid XML Content";
      case 7:
        return "Reboot Required";
      default:
        return "Additional Error";
    }
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 500:
        return "Internal Server Error";
      default:
        return "Error";
    }
  }
}
