package io.nvrkit.hikvision.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.LockoutLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WireMock stubs that answer like Hikvision ISAPI firmware: the CAP401 Digest challenge (real), a
 * Digest check of the password (so a wrong password really is refused), {@code userCheck} 401
 * bodies, and the headers of research note §9.
 */
final class IsapiStubs {
  /** The real challenge of 2022 firmware (CAP401). */
  static final String CHALLENGE =
      "Digest realm=\"c504892f438ee5f2114e9fdd\", domain=\"::\", qop=\"auth\","
          + " nonce=\"158ca9b5cb4b32a578432756aef2a189:1669838955551\", opaque=\"\","
          + " algorithm=\"MD5\", stale=\"FALSE\"";

  static final String SCENARIO = "device";
  static final String STARTED = com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

  final WireMockExtension wm;

  IsapiStubs(WireMockExtension wm) {
    this.wm = wm;
    // every request without credentials draws the challenge (newest firmware adds a userCheck)
    wm.stubFor(
        any(anyUrl())
            .atPriority(10)
            .withHeader("Authorization", absent())
            .willReturn(
                xml(401, Bodies.userCheck401(5)).withHeader("WWW-Authenticate", CHALLENGE)));
  }

  static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml; charset=\"UTF-8\"")
        .withHeader("Server", "Webs")
        .withHeader("X-Frame-Options", "SAMEORIGIN")
        .withHeader("Cache-Control", "no-cache")
        .withBody(body);
  }

  /** {@code method path} with a Digest response computed from {@code password} answers this. */
  IsapiStubs authed(String method, String path, String password, int status, String body) {
    return authed(method, path, password, null, null, xml(status, body));
  }

  IsapiStubs authed(
      String method,
      String path,
      String password,
      String inState,
      String toState,
      ResponseDefinitionBuilder answer) {
    MappingBuilder mb =
        request(method, urlPathEqualTo(path))
            .atPriority(1)
            .andMatching(new DigestMatcher("admin", password));
    if (inState != null || toState != null) {
      mb = mb.inScenario(SCENARIO).whenScenarioStateIs(inState == null ? STARTED : inState);
      if (toState != null) {
        mb =
            ((com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder) mb)
                .willSetStateTo(toState);
      }
    }
    wm.stubFor(mb.willReturn(answer));
    return this;
  }

  /** Any credentialed request that matched nothing else: a 401 with this body. */
  IsapiStubs refuseOthers(String body) {
    wm.stubFor(
        any(anyUrl())
            .atPriority(5)
            .withHeader("Authorization", matching("Digest .*"))
            .willReturn(xml(401, body).withHeader("WWW-Authenticate", CHALLENGE)));
    return this;
  }

  /** The standard NVR: lock settings, userCheck, identity, users, all with {@code password}. */
  IsapiStubs nvr(String password) {
    authed("GET", "/ISAPI/Security/illegalLoginLock", password, 200, Bodies.ILLEGAL_LOGIN_LOCK);
    authed("GET", "/ISAPI/Security/userCheck", password, 200, Bodies.USERCHECK_200);
    authed("GET", "/ISAPI/System/deviceInfo", password, 200, Bodies.NVR_DEVICE_INFO);
    authed("GET", "/ISAPI/System/time", password, 200, Bodies.TIME_US_EASTERN);
    authed("GET", "/ISAPI/Security/users", password, 200, Bodies.USER_LIST);
    return this;
  }

  DeviceEndpoint endpoint() {
    return DeviceEndpoint.of("http://127.0.0.1:" + wm.getPort());
  }

  static ConnectOptions fastOptions() {
    return ConnectOptions.builder()
        .connectTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofSeconds(10))
        .totalTimeout(Duration.ofSeconds(15))
        .build();
  }

  /** The tests' kit: only its transport is used (each test has its own ledger). */
  static final NvrKit KIT =
      NvrKit.builder().driver(new io.nvrkit.hikvision.HikvisionDriver()).build();

  /** A factory on the tests' kit transport with its own, empty ledger. */
  static IsapiTransport.Factory isolated() {
    return isolated(Clock.systemUTC());
  }

  static IsapiTransport.Factory isolated(Clock clock) {
    return new IsapiTransport.Factory(
        (endpoint, options) ->
            KIT.driverContext().openHttp(endpoint, options, DeviceHttp.Nonces.REUSABLE),
        LockoutLedger.inMemory(clock),
        clock);
  }

  static HikvisionDriverCore core(IsapiTransport.Factory f) {
    return new HikvisionDriverCore(f, 0, Duration.ZERO);
  }

  static Credentials admin(String pw) {
    return Credentials.of("admin", Secret.of(pw));
  }

  /** Checks an RFC 2617 qop=auth MD5 Digest response against a password, as firmware does. */
  static final class DigestMatcher implements ValueMatcher<Request> {
    private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");
    private final String user;
    private final String password;

    DigestMatcher(String user, String password) {
      this.user = user;
      this.password = password;
    }

    @Override
    public MatchResult match(Request r) {
      String h = r.getHeader("Authorization");
      if (h == null || !h.startsWith("Digest ")) {
        return MatchResult.noMatch();
      }
      Map<String, String> p = new LinkedHashMap<>();
      Matcher m = PARAM.matcher(h.substring(7));
      while (m.find()) {
        p.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
      }
      if (!user.equals(p.get("username")) || !"auth".equals(p.get("qop"))) {
        return MatchResult.noMatch();
      }
      String ha1 = md5(user + ":" + p.get("realm") + ":" + password);
      String ha2 = md5(r.getMethod().getName() + ":" + p.get("uri"));
      String expected =
          md5(
              ha1
                  + ":"
                  + p.get("nonce")
                  + ":"
                  + p.get("nc")
                  + ":"
                  + p.get("cnonce")
                  + ":auth:"
                  + ha2);
      return MatchResult.of(expected.equals(p.get("response")));
    }

    static String md5(String s) {
      try {
        return HexFormat.of()
            .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
