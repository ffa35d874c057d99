package io.nvrkit.lorex.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Clock;
import java.time.Duration;

/** WireMock stubs that answer like Dahua-family firmware (bodies from the research note). */
final class DahuaStubs {
  static final String SERIAL = "ND021811019863";
  static final String CHALLENGE_COMMA_ONLY =
      "Digest realm=\"Login to "
          + SERIAL
          + "\",qop=\"auth\",nonce=\"211955164\","
          + "opaque=\"9a206a55e922ee7900769ec61ae49bf0c1f30242\"";
  static final String CHALLENGE_COMMA_SPACE =
      "Digest realm=\"Login to "
          + SERIAL
          + "\", qop=\"auth\", nonce=\"211955165\", "
          + "opaque=\"9a206a55e922ee7900769ec61ae49bf0c1f30243\"";

  /** The six General lines of the real NVR capture in rroller/dahua#101 (CRLF after each). */
  static final String GENERAL =
      "table.General.LocalNo=8\r\n"
          + "table.General.LockLoginEnable=true\r\n"
          + "table.General.LockLoginTimes=5\r\n"
          + "table.General.LoginFailLockTime=300\r\n"
          + "table.General.MachineAddress=\r\n"
          + "table.General.MachineName=NVR\r\n";

  final WireMockExtension wm;
  String challenge = CHALLENGE_COMMA_ONLY;

  DahuaStubs(WireMockExtension wm) {
    this.wm = wm;
  }

  /** A CGI that answers {@code status}/{@code body} to a request carrying Authorization. */
  DahuaStubs cgi(String pathAndQuery, int status, String body) {
    wm.stubFor(
        get(urlEqualTo(pathAndQuery))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-type", "text/plain;charset=utf-8")
                    .withHeader("CONNECTION", "close")
                    .withHeader("X-Frame-Options", "SAMEORIGIN")
                    .withBody(body)));
    wm.stubFor(
        get(urlEqualTo(pathAndQuery))
            .atPriority(2)
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
    return this;
  }

  DahuaStubs cgiBytes(String pathAndQuery, int status, byte[] body) {
    wm.stubFor(
        get(urlEqualTo(pathAndQuery))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .willReturn(aResponse().withStatus(status).withBody(body)));
    wm.stubFor(
        get(urlEqualTo(pathAndQuery))
            .atPriority(2)
            .withHeader("Authorization", absent())
            .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", challenge)));
    return this;
  }

  DahuaStubs general() {
    return cgi("/cgi-bin/configManager.cgi?action=getConfig&name=General", 200, GENERAL);
  }

  /** A device whose every CGI refuses credentials (wrong password). */
  DahuaStubs refuseAll(String body) {
    wm.stubFor(
        get(urlEqualTo("/cgi-bin/configManager.cgi?action=getConfig&name=General"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", challenge)
                    .withBody(body)));
    return this;
  }

  /** The identity endpoints of a Lorex NVR with real bodies. */
  DahuaStubs lorexIdentity() {
    general();
    cgi(
        "/cgi-bin/magicBox.cgi?action=getSystemInfo",
        200,
        "appAutoStart=true\r\ndeviceType=N841A8\r\nhardwareVersion=1.00\r\nprocessor=S3LM\r\n"
            + "serialNumber="
            + SERIAL
            + "\r\nupdateSerial=N841A8\r\n");
    cgi(
        "/cgi-bin/magicBox.cgi?action=getSoftwareVersion",
        200,
        "version=3.216.00LR035.0,build:2023-05-10\r\n");
    cgi("/cgi-bin/magicBox.cgi?action=getVendor", 400, "Error\r\nBad Request!\r\n");
    cgi("/cgi-bin/global.cgi?action=getCurrentTime", 200, "result=2024-1-5 9:3:7\r\n");
    cgi(
        "/cgi-bin/configManager.cgi?action=getConfig&name=Network",
        200,
        "table.Network.DefaultInterface=eth0\r\ntable.Network.Domain=dauha\r\n"
            + "table.Network.eth0.DefaultGateway=192.168.1.1\r\n"
            + "table.Network.eth0.IPAddress=192.168.1.108\r\n"
            + "table.Network.eth0.PhysicalAddress=bc:32:5f:22:bf:89\r\n");
    cgi(
        "/cgi-bin/configManager.cgi?action=getConfig&name=NTP",
        200,
        "Error: Error -1 getting param in name=NTP\r\n");
    return this;
  }

  DeviceEndpoint endpoint() {
    return endpointOf(wm);
  }

  static DeviceEndpoint endpointOf(WireMockExtension wm) {
    return DeviceEndpoint.of("http://127.0.0.1:" + wm.getPort());
  }

  static ConnectOptions fastOptions() {
    return ConnectOptions.builder()
        .driver("lorex")
        .connectTimeout(Duration.ofSeconds(2))
        .responseTimeout(Duration.ofSeconds(4))
        .totalTimeout(Duration.ofSeconds(6))
        .build();
  }

  /** The tests' kit: only its transport is used (each test has its own ledger). */
  static final NvrKit KIT = NvrKit.builder().driver(new io.nvrkit.lorex.LorexDriver()).build();

  static DeviceHttp http(DeviceEndpoint endpoint, ConnectOptions options) {
    return KIT.driverContext().openHttp(endpoint, options, DeviceHttp.Nonces.SINGLE_USE);
  }

  static DeviceHttp httpReusable(DeviceEndpoint endpoint, ConnectOptions options) {
    return KIT.driverContext().openHttp(endpoint, options, DeviceHttp.Nonces.REUSABLE);
  }

  static LorexDriverCore core(LockoutLedger guard) {
    return new LorexDriverCore(DahuaStubs::http, guard);
  }

  static LockoutLedger freshGuard() {
    return LockoutLedger.inMemory(Clock.systemUTC());
  }

  /**
   * The fake reached over {@code api}: {@code cgi} leaves it as it is; {@code rpc2} makes its CGI
   * missing (501) and its config reads RPC2-only, so the session takes the RPC2 API.
   */
  static io.nvrkit.testkit.FakeNvr.Builder over(String api, io.nvrkit.testkit.FakeNvr.Builder b) {
    if (api.equals("rpc2")) {
      b.lorexProfile(
          io.nvrkit.testkit.LorexProfile.builder()
              .missingEndpoint(io.nvrkit.testkit.LorexProfile.MissingEndpoint.NOT_IMPLEMENTED_501)
              .unsupported("getConfig")
              .build());
    }
    return b;
  }

  static Credentials admin(String pw) {
    return Credentials.of("admin", Secret.of(pw));
  }
}
