package io.nvrkit.onvif.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real-device quirks (onvif.md §4.3) and hostile answers, over the real transport against WireMock
 * on loopback.
 */
class WireMockQuirksTest {
  static WireMockServer wm;
  static final String PATH = "/onvif/device_service";
  static final PasswordPolicy ANY = PasswordPolicy.builder("test").minLength(1).build();
  static final Credentials ADMIN = Credentials.of("admin", Secret.of("Admin12345"));
  static final ConnectOptions OPTS =
      ConnectOptions.builder()
          .responseTimeout(Duration.ofSeconds(3))
          .totalTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeAll
  static void start() {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
  }

  static MappingBuilder op(String op) {
    return post(urlEqualTo(PATH)).withRequestBody(containing("<tds:" + op));
  }

  static void answer(String op, int status, String xml) {
    wm.stubFor(
        op(op)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/soap+xml; charset=utf-8")
                    .withBody(xml)));
  }

  static void standardDevice() {
    answer("GetSystemDateAndTime", 200, Fixtures.systemDateAndTime(java.time.Instant.now()));
    answer("GetServices", 200, Fixtures.GET_SERVICES);
    answer("GetDeviceInformation", 200, Fixtures.GET_DEVICE_INFORMATION);
    answer("GetNetworkInterfaces", 200, Fixtures.GET_NETWORK_INTERFACES);
    answer("GetHostname", 200, Fixtures.GET_HOSTNAME);
    answer("GetScopes", 200, Fixtures.GET_SCOPES);
    answer("GetUsers", 200, Fixtures.GET_USERS);
  }

  /** The tests' kit: its transport (each test gets its own ledger from {@link #env()}). */
  static final io.nvrkit.core.NvrKit KIT = io.nvrkit.core.NvrKit.builder().build();

  static OnvifEnv env() {
    return OnvifEnv.of(KIT.driverContext())
        .withGuard(io.nvrkit.core.spi.LockoutLedger.inMemory(Clock.systemUTC()));
  }

  static DeviceEndpoint ep() {
    return DeviceEndpoint.of("http://127.0.0.1:" + wm.port());
  }

  static OnvifClient connect() {
    return OnvifClient.connect(ep(), ADMIN, OPTS, env(), ANY);
  }

  static final String TWO_CHALLENGES_MD5 =
      "Digest realm=\"IP Camera\", qop=\"auth\", nonce=\"abc123\", opaque=\"o1\"";
  static final String TWO_CHALLENGES_SHA =
      "Digest realm=\"IP Camera\", qop=\"auth\", nonce=\"abc123\", opaque=\"o1\","
          + " algorithm=SHA-256";

  /** Answers op with a Digest challenge (two headers, Hikvision style) unless authorized. */
  static void digestProtected(String op, String xml) {
    wm.stubFor(
        op(op)
            .withHeader("Authorization", absent())
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", TWO_CHALLENGES_MD5, TWO_CHALLENGES_SHA)));
    wm.stubFor(
        op(op)
            .withHeader("Authorization", containing("Digest"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/soap+xml")
                    .withBody(xml)));
  }

  @Test
  void digestOnlyDeviceWithTwoChallengeHeadersWorksAndNeverGetsBothSchemes() {
    standardDevice();
    answer("GetServices", 200, Fixtures.getServices("UsernameToken=\"false\" HttpDigest=\"true\""));
    digestProtected("GetDeviceInformation", Fixtures.GET_DEVICE_INFORMATION);
    digestProtected("GetNetworkInterfaces", Fixtures.GET_NETWORK_INTERFACES);
    digestProtected("GetHostname", Fixtures.GET_HOSTNAME);
    digestProtected("GetScopes", Fixtures.GET_SCOPES);
    try (OnvifClient c = connect()) {
      // GetSystemDateAndTime, GetServices, GetDeviceInformation (401 challenge + answer)
      assertEquals(4, c.roundTrips());
      DeviceIdentity id = c.identity();
      assertEquals("44:19:b6:12:34:56", id.mac().orElseThrow());
      assertEquals(6, c.roundTrips(), "the digest nonce is reused: one round trip per read");
      digestProtected("GetUsers", Fixtures.GET_USERS);
      digestProtected("SetUser", Fixtures.envelope("<tds:SetUserResponse/>"));
      io.nvrkit.core.PasswordChangeResult ch =
          c.changePassword(
              io.nvrkit.core.PasswordChangeRequest.builder(Secret.of("Abc12345!"))
                  .targetUser("operator1")
                  .policy(ANY)
                  .build());
      // GetUsers, SetUser, then a fresh session's GetDeviceInformation (challenge + answer)
      assertEquals(4, ch.roundTrips());
      assertEquals(io.nvrkit.core.PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
    }
    List<LoggedRequest> all = wm.findAll(postRequestedFor(urlEqualTo(PATH)));
    for (LoggedRequest r : all) {
      boolean ws = r.getBodyAsString().contains("UsernameToken");
      boolean http = r.containsHeader("Authorization");
      assertFalse(ws && http, "both WS and HTTP credentials in one request");
    }
    assertTrue(all.stream().anyMatch(r -> r.containsHeader("Authorization")));
  }

  @Test
  void noPlainHttpRequestAsksToCloseItsConnection() {
    // plain http keeps connections alive (the kit's pool); a request leaves in one segment with
    // TCP_NODELAY, so keep-alive costs no delayed-ACK stall on the client's side
    standardDevice();
    try (OnvifClient c = connect()) {
      c.identity();
      assertEquals(5, c.roundTrips());
    }
    List<LoggedRequest> all = wm.findAll(postRequestedFor(urlEqualTo(PATH)));
    assertEquals(5, all.size());
    for (LoggedRequest r : all) {
      assertFalse("close".equalsIgnoreCase(r.getHeader("Connection")), r.getBodyAsString());
    }
  }

  @Test
  void usernameTokenDeviceThatChallengesGetsDigestFromThenOn() {
    standardDevice();
    digestProtected("GetDeviceInformation", Fixtures.GET_DEVICE_INFORMATION);
    digestProtected("GetUsers", Fixtures.GET_USERS);
    try (OnvifClient c = connect()) {
      assertEquals(OnvifSession.AuthMode.HTTP, c.session().mode());
      assertEquals(3, c.users().size());
    }
  }

  @Test
  void deviceDemandingCredentialsForGetSystemDateAndTime() {
    standardDevice();
    wm.stubFor(
        op("GetSystemDateAndTime")
            .withRequestBody(notContaining("UsernameToken"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/soap+xml")
                    .withBody(Fixtures.NOT_AUTHORIZED)));
    wm.stubFor(
        op("GetSystemDateAndTime")
            .withRequestBody(containing("UsernameToken"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/soap+xml")
                    .withBody(Fixtures.GET_SYSTEM_DATE_AND_TIME)));
    try (OnvifClient c = connect()) {
      assertTrue(c.session().clock().known());
      assertEquals(4, c.roundTrips());
    }
  }

  @Test
  void faultsAreTypedWhetherHttp400Or500AndWithOrWithoutSecondSubcode() {
    standardDevice();
    answer("CreateUsers", 500, Fixtures.fault("env:Receiver", "ter:Action", "ter:TooManyUsers"));
    answer("DeleteUsers", 400, Fixtures.fault("env:Sender", "ter:InvalidArgVal"));
    try (OnvifClient c = connect()) {
      DeviceRejectedException tooMany =
          assertThrows(
              DeviceRejectedException.class,
              () -> c.createUser("op9", Secret.of("Abc12345!"), AccountLevel.OPERATOR));
      assertEquals("ter:TooManyUsers", tooMany.vendorCode().orElseThrow());
      DeviceRejectedException del =
          assertThrows(DeviceRejectedException.class, () -> c.deleteUser("op9"));
      assertEquals("ter:InvalidArgVal", del.vendorCode().orElseThrow());
      // the answer's status is kept next to the fault's code
      assertEquals(OptionalInt.of(500), tooMany.httpStatus());
      assertEquals(OptionalInt.of(400), del.httpStatus());
    }
  }

  @Test
  void anHttpErrorWithoutAFaultKeepsItsStatus() {
    standardDevice();
    wm.stubFor(
        op("GetUsers")
            .willReturn(
                aResponse()
                    .withStatus(503)
                    .withHeader("Content-Type", "text/html")
                    .withBody("<html><body>Service Unavailable</body></html>")));
    wm.stubFor(op("DeleteUsers").willReturn(aResponse().withStatus(403)));
    try (OnvifClient c = connect()) {
      DeviceRejectedException busy = assertThrows(DeviceRejectedException.class, c::users);
      assertEquals(OptionalInt.of(503), busy.httpStatus());
      assertEquals("http:503", busy.vendorCode().orElseThrow());
      assertFalse(busy.getMessage().contains("Service Unavailable"), "no device body");
      assertFalse(busy.getMessage().contains("Admin12345"), "no secret");
      DeviceRejectedException forbidden =
          assertThrows(DeviceRejectedException.class, () -> c.deleteUser("op9"));
      assertEquals(OptionalInt.of(403), forbidden.httpStatus());
      assertEquals("http:403", forbidden.vendorCode().orElseThrow());
    }
  }

  @Test
  void aFaultInA200AnswerIsARefusalWithoutAnHttpStatus() {
    standardDevice();
    answer("DeleteUsers", 200, Fixtures.fault("env:Sender", "ter:InvalidArgVal"));
    try (OnvifClient c = connect()) {
      DeviceRejectedException e =
          assertThrows(DeviceRejectedException.class, () -> c.deleteUser("op9"));
      assertEquals("ter:InvalidArgVal", e.vendorCode().orElseThrow());
      assertEquals(OptionalInt.empty(), e.httpStatus());
    }
  }

  @Test
  void emptyGetUsersAndUnexpectedPrefixes() {
    standardDevice();
    answer(
        "GetUsers",
        200,
        "<SOAP-ENV:Envelope xmlns:SOAP-ENV='http://www.w3.org/2003/05/soap-envelope'>"
            + "<SOAP-ENV:Body><GetUsersResponse xmlns='http://www.onvif.org/ver10/device/wsdl'/>"
            + "</SOAP-ENV:Body></SOAP-ENV:Envelope>");
    answer(
        "GetHostname",
        200,
        "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'"
            + " xmlns:dm='http://www.onvif.org/ver10/device/wsdl'"
            + " xmlns:sch='http://www.onvif.org/ver10/schema'><s:Body><dm:GetHostnameResponse>"
            + "<dm:HostnameInformation><sch:FromDHCP>true</sch:FromDHCP><sch:Name>cam-7</sch:Name>"
            + "</dm:HostnameInformation></dm:GetHostnameResponse></s:Body></s:Envelope>");
    try (OnvifClient c = connect()) {
      assertEquals(List.of(), c.users());
      assertEquals("cam-7", c.identity().value(io.nvrkit.core.IdentityField.MACHINE_NAME).get());
    }
  }

  static void hostile(String xml, String contentType) {
    standardDevice();
    wm.stubFor(
        op("GetUsers")
            .willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(xml)));
  }

  static NvrException usersFails() {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try (OnvifClient c = connect()) {
            return assertThrows(NvrException.class, c::users);
          }
        });
  }

  @Test
  void xxeIsRefused() {
    hostile(
        "<?xml version='1.0'?><!DOCTYPE e [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
            + "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body>"
            + "<tds:GetUsersResponse xmlns:tds='http://www.onvif.org/ver10/device/wsdl'>&x;"
            + "</tds:GetUsersResponse></env:Body></env:Envelope>",
        "application/soap+xml");
    NvrException e = usersFails();
    assertInstanceOf(ProtocolException.class, e);
    assertFalse(e.getMessage().contains("root:"));
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder sb =
        new StringBuilder("<?xml version='1.0'?><!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'>");
    for (int i = 1; i < 10; i++) {
      sb.append("<!ENTITY a")
          .append(i)
          .append(" '")
          .append(("&a" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10))
          .append("'>");
    }
    sb.append("]><env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body>&a9;")
        .append("</env:Body></env:Envelope>");
    hostile(sb.toString(), "application/soap+xml");
    assertInstanceOf(ProtocolException.class, usersFails());
  }

  @Test
  void truncatedXmlIsRefused() {
    hostile(
        Fixtures.GET_USERS.substring(0, Fixtures.GET_USERS.length() / 2), "application/soap+xml");
    assertInstanceOf(ProtocolException.class, usersFails());
  }

  @Test
  void wrongContentTypeIsRefused() {
    hostile("<html><body>Welcome</body></html>", "text/html");
    NvrException e = usersFails();
    assertInstanceOf(ProtocolException.class, e);
    assertFalse(e.getMessage().contains("Welcome"));
  }

  @Test
  void hundredMegabyteAnswerIsCutOffQuickly() throws Exception {
    standardDevice();
    try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                // every connection (connect overlaps two requests) gets the endless answer
                while (!ss.isClosed()) {
                  try {
                    Socket s = ss.accept();
                    Thread w = new Thread(() -> hundredMegabytes(s));
                    w.setDaemon(true);
                    w.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
      DeviceEndpoint raw = DeviceEndpoint.of("http://127.0.0.1:" + ss.getLocalPort());
      NvrException e =
          assertTimeoutPreemptively(
              Duration.ofSeconds(10),
              () ->
                  assertThrows(
                      NvrException.class, () -> OnvifClient.connect(raw, ADMIN, OPTS, env(), ANY)));
      assertInstanceOf(ProtocolException.class, e);
    }
  }

  static void hundredMegabytes(Socket s) {
    try (s) {
      readHead(s.getInputStream());
      OutputStream out = s.getOutputStream();
      long size = 100L << 20;
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml\r\nContent-Length: "
                  + size
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 << 10];
      java.util.Arrays.fill(chunk, (byte) 'a');
      for (long sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk);
      }
    } catch (IOException e) {
      // client hung up: expected
    }
  }

  static void readHead(InputStream in) throws IOException {
    int state = 0;
    int c;
    while (state < 4 && (c = in.read()) >= 0) {
      state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
    }
  }
}
