package io.nvrkit.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpRequest.AuthScheme;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The canary over the HTTP transport: the login password, an old and a new password travel in the
 * query string and in bodies, through digest and Basic authentication and failure paths, while
 * every logger is captured at TRACE. None may appear in a log line (HttpClient's included, except
 * its wire and header loggers: see {@link LogCapture#EXCLUDED_LOGGERS}), printed output, an
 * exception or a {@code toString()}.
 */
class TransportCanaryTest {
  // unreserved characters only, so the percent-encoded query holds them verbatim
  static final String LOGIN = "Login-Canary-4u8";
  static final String NEW = "New-Canary-9q7";
  static final String OLD = "Old-Canary-2w5";
  static final String BASIC =
      Base64.getEncoder().encodeToString(("admin:" + LOGIN).getBytes(StandardCharsets.UTF_8));
  static final String[] SECRETS = {LOGIN, NEW, OLD, BASIC};

  static final String CHALLENGE =
      "Digest realm=\"Login to ND021811019863\", qop=\"auth\", nonce=\"n0nce-1\","
          + " opaque=\"0paque\"";

  static WireMockServer wm;

  DeviceHttp http;
  DeviceEndpoint endpoint;

  @BeforeAll
  static void startServer() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterAll
  static void stopServer() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    endpoint = DeviceEndpoint.of("http://127.0.0.1:" + wm.port());
  }

  static void digestThenOk(String okBody) {
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", CHALLENGE)));
    wm.stubFor(
        any(anyUrl())
            .withHeader("Authorization", containing("Digest"))
            .willReturn(aResponse().withStatus(200).withBody(okBody)));
  }

  static Credentials login() {
    return Credentials.of("admin", Secret.of(LOGIN));
  }

  static DeviceHttpRequest cgiChange() {
    return DeviceHttpRequest.get(
            "modifyPassword",
            "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd="
                + NEW
                + "&pwdOld="
                + OLD)
        .credentials(login())
        .secretParams("pwd", "pwdOld")
        .carriesNewSecret()
        .build();
  }

  static DeviceHttpRequest rpcChange() {
    String json =
        "{\"method\":\"userManager.modifyPassword\",\"params\":{\"name\":\"admin\",\"pwd\":\""
            + NEW
            + "\",\"pwdOld\":\""
            + OLD
            + "\"},\"id\":7}";
    return DeviceHttpRequest.post(
            "userManager.modifyPassword",
            "/RPC2",
            "application/json",
            json.getBytes(StandardCharsets.UTF_8))
        .credentials(login())
        .carriesNewSecret()
        .build();
  }

  static DeviceHttpRequest soapSetUser() {
    String xml =
        "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
            + "<tds:SetUser xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
            + " xmlns:tt=\"http://www.onvif.org/ver10/schema\"><tds:User>"
            + "<tt:Username>admin</tt:Username><tt:Password>"
            + NEW
            + "</tt:Password><tt:UserLevel>Administrator</tt:UserLevel></tds:User>"
            + "</tds:SetUser></s:Body></s:Envelope>";
    return DeviceHttpRequest.post(
            "SetUser",
            "/onvif/device_service",
            "application/soap+xml; charset=utf-8",
            xml.getBytes(StandardCharsets.UTF_8))
        .credentials(login())
        .carriesNewSecret()
        .build();
  }

  @Test
  void transportPathsNeverShowThePasswords() {
    List<String> texts = new ArrayList<>();
    try (LogCapture logs = LogCapture.start();
        DeviceHttp http =
            io.nvrkit.core.internal.http.TestTransports.create(
                endpoint, ConnectOptions.defaults());
        DeviceHttp basic =
            io.nvrkit.core.internal.http.TestTransports.create(
                endpoint, ConnectOptions.builder().allowBasicAuth(true).build());
        DeviceHttp tiny =
            io.nvrkit.core.internal.http.TestTransports.create(
                endpoint, ConnectOptions.builder().maxResponseBytes(1024).build())) {
      // 1. digest challenge, then the change in the query, in a JSON body, in a SOAP body;
      //    the device even echoes the new password in its answer (device bodies are untrusted)
      digestThenOk("OK " + NEW);
      for (DeviceHttpRequest r : List.of(cgiChange(), rpcChange(), soapSetUser(), cgiChange())) {
        DeviceHttpResponse resp = http.execute(r);
        assertEquals(200, resp.status());
        texts.add(resp.toString());
        texts.add(r.toString());
      }
      texts.add(http.toString());

      // 2. the password is wrong: the 401 stays
      wm.resetAll();
      wm.stubFor(
          any(anyUrl())
              .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", CHALLENGE)));
      texts.add(http.execute(cgiChange()).toString());

      // 3. Basic, where allowed
      wm.resetAll();
      wm.stubFor(
          any(anyUrl())
              .withHeader("Authorization", absent())
              .willReturn(
                  aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"x\"")));
      wm.stubFor(
          any(anyUrl())
              .withHeader("Authorization", containing("Basic"))
              .willReturn(aResponse().withStatus(200)));
      DeviceHttpRequest basicReq =
          DeviceHttpRequest.get("getUsers", "/cgi-bin/x.cgi?pwd=" + NEW)
              .credentials(login())
              .auth(Set.of(AuthScheme.BASIC, AuthScheme.DIGEST))
              .secretParams("pwd")
              .build();
      texts.add(basic.execute(basicReq).toString());
      texts.add(basic.toString());

      // 4. an oversized answer, a connection reset
      wm.resetAll();
      wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("x".repeat(8192))));
      texts.add(
          LogCapture.describe(
              assertThrows(ProtocolException.class, () -> tiny.execute(rpcChange()))));
      wm.resetAll();
      wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
      texts.add(
          LogCapture.describe(
              assertThrows(DeviceUnreachableException.class, () -> http.execute(cgiChange()))));
      wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
      texts.add(
          LogCapture.describe(assertThrows(NvrException.class, () -> http.execute(rpcChange()))));

      // 5. a new password over plain HTTP to a non-loopback address is refused before sending
      try (DeviceHttp remote =
          io.nvrkit.core.internal.http.TestTransports.create(
              DeviceEndpoint.of("http://192.0.2.1:9"), ConnectOptions.defaults())) {
        texts.add(
            LogCapture.describe(
                assertThrows(NvrException.class, () -> remote.execute(cgiChange()))));
        texts.add(remote.toString());
      }

      for (int i = 0; i < texts.size(); i++) {
        LogCapture.assertNoSecretIn("text #" + i, texts.get(i), SECRETS);
      }
      logs.assertNoSecret(SECRETS);

      // the capture really saw the transport's own lines and HttpClient's, at every level
      assertFalse(logs.events("io.nvrkit.core.internal.http").isEmpty(), "transport lines");
      assertFalse(logs.events("org.apache.hc.client5").isEmpty(), "HttpClient lines");
      assertTrue(
          logs.events("io.nvrkit.core.internal.http").stream()
              .anyMatch(e -> e.message().contains("pwd=***")),
          "the redacted request line was logged");
    }
  }
}
