package io.nvrkit.lorex.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.LockoutLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CGI client against real firmware bodies quoted in the research note, replayed by WireMock.
 */
class CgiWireTest {
  @RegisterExtension
  WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  DahuaStubs stubs;
  LockoutLedger guard;
  LorexDriverCore core;

  @BeforeEach
  void setUp() {
    stubs = new DahuaStubs(wm);
    guard = DahuaStubs.freshGuard();
    core = DahuaStubs.core(guard);
  }

  private NvrClient connect(String pw) {
    return core.connect(stubs.endpoint(), DahuaStubs.admin(pw), DahuaStubs.fastOptions());
  }

  @Test
  void identityFromRealBodiesWithProvenance() {
    stubs.lorexIdentity();
    try (NvrClient c = connect("Secret-pass1")) {
      DeviceIdentity id = c.identity();
      assertEquals("N841A8", id.model().orElseThrow());
      assertEquals(DahuaStubs.SERIAL, id.serial().orElseThrow());
      assertEquals("3.216.00LR035.0", id.firmware().orElseThrow());
      assertEquals("2023-05-10", id.value(IdentityField.FIRMWARE_BUILD).orElseThrow());
      assertEquals("Lorex", id.vendor().orElseThrow(), "OEM code LR in the firmware");
      assertEquals("1.00", id.value(IdentityField.HARDWARE_VERSION).orElseThrow());
      assertEquals("NVR", id.value(IdentityField.MACHINE_NAME).orElseThrow());
      assertEquals("bc:32:5f:22:bf:89", id.mac().orElseThrow());
      assertEquals(LocalDateTime.of(2024, 1, 5, 9, 3, 7), id.deviceDateTime().orElseThrow());
      assertEquals(
          Provenance.NETWORK_AUTHENTICATED, id.provenance(IdentityField.SERIAL).orElseThrow());
      assertEquals(
          Provenance.NOT_READABLE_FROM_DEVICE,
          id.provenance(IdentityField.DEVICE_ID).orElseThrow());
      assertTrue(id.deviceId().isEmpty(), "the device ID is never guessed from the serial");
      assertTrue(id.deviceZone().isEmpty(), "NTP section absent: zone unknown, not invented");
    }
  }

  @Test
  void olderFirmwareWithoutSystemInfoOrGeneralUsesTheSingleCalls() {
    stubs.lorexIdentity();
    stubs.cgi(
        "/cgi-bin/configManager.cgi?action=getConfig&name=General",
        200,
        "Error: Error -1 getting param in name=General\r\n");
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getSystemInfo", 400, "Error\r\nBad Request!\r\n");
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getDeviceType", 200, "type=IPC-HDW5831R-ZE\r\n");
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getSerialNo", 200, "sn=AMCTESTSERIALNO\r\n");
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getHardwareVersion", 200, "version=1.00\r\n");
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getMachineName", 200, "name=FrontDoorCam\r\n");
    stubs.cgi(
        "/cgi-bin/magicBox.cgi?action=getSoftwareVersion",
        200,
        "version=2.800.0000016.0.R,build:2020-06-05\r\n");
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getVendor", 200, "vendor=Dahua\r\n");
    try (NvrClient c = connect("Secret-pass1")) {
      DeviceIdentity id = c.identity();
      assertEquals("IPC-HDW5831R-ZE", id.model().orElseThrow());
      assertEquals("AMCTESTSERIALNO", id.serial().orElseThrow());
      assertEquals("1.00", id.value(IdentityField.HARDWARE_VERSION).orElseThrow());
      assertEquals("FrontDoorCam", id.value(IdentityField.MACHINE_NAME).orElseThrow());
      assertEquals("Dahua", id.vendor().orElseThrow(), "no OEM code: asked getVendor");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "version=2.800.0000016.0.R,build:2020-06-05\r\n",
        "version=2.800.0000016.0.R build:2020-06-05\r\n",
        "version=2.800.0000016.0.R\r\nbuild:2020-06-05\r\n"
      })
  void softwareVersionWithEitherSeparator(String body) {
    stubs.lorexIdentity();
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getSoftwareVersion", 200, body);
    try (NvrClient c = connect("Secret-pass1")) {
      DeviceIdentity id = c.identity();
      assertEquals("2.800.0000016.0.R", id.firmware().orElseThrow());
      assertEquals("2020-06-05", id.value(IdentityField.FIRMWARE_BUILD).orElseThrow());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "result=2011-7-3 21:02:32\r\n",
        "result=2011-07-03 21:02:32\r\n",
        "result=2011-07-03 09:02:32 PM\r\n"
      })
  void currentTimePaddedOrNotOrTwelveHour(String body) {
    stubs.lorexIdentity();
    stubs.cgi("/cgi-bin/global.cgi?action=getCurrentTime", 200, body);
    try (NvrClient c = connect("Secret-pass1")) {
      assertEquals(
          LocalDateTime.of(2011, 7, 3, 21, 2, 32), c.identity().deviceDateTime().orElseThrow());
    }
  }

  @Test
  void zoneFromNtpSettingGivesClockSkew() {
    stubs.lorexIdentity();
    stubs.cgi(
        "/cgi-bin/configManager.cgi?action=getConfig&name=NTP",
        200,
        "table.NTP.Enable=false\r\ntable.NTP.TimeZone=12\r\ntable.NTP.TimeZoneDesc=GMT+08:00\r\n");
    try (NvrClient c = connect("Secret-pass1")) {
      DeviceIdentity id = c.identity();
      assertEquals("+08:00", id.value(IdentityField.DEVICE_ZONE).orElseThrow());
      assertTrue(id.clockSkew().isPresent());
    }
  }

  @Test
  void jsonSessionErrorOnCgiIsProtocolException() {
    stubs.lorexIdentity();
    stubs.cgi(
        "/cgi-bin/global.cgi?action=getCurrentTime",
        200,
        "{\"error\":{\"code\":287637505,\"message\":\"Invalid session in request data!\"},"
            + "\"result\":false}");
    try (NvrClient c = connect("Secret-pass1")) {
      ProtocolException e = assertThrows(ProtocolException.class, c::identity);
      assertTrue(e.getMessage().contains("287637505"), e.getMessage());
    }
  }

  @Test
  void errorBodyWith200OnOptionalSectionIsTolerated() {
    stubs.lorexIdentity();
    stubs.cgi(
        "/cgi-bin/configManager.cgi?action=getConfig&name=Network",
        200,
        "Error: Error -1 getting param in name=Network\r\n");
    try (NvrClient c = connect("Secret-pass1")) {
      DeviceIdentity id = c.identity();
      assertTrue(id.mac().isEmpty());
      assertEquals("N841A8", id.model().orElseThrow());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void bothDigestHeaderSpacings(boolean commaOnly) {
    stubs.challenge =
        commaOnly ? DahuaStubs.CHALLENGE_COMMA_ONLY : DahuaStubs.CHALLENGE_COMMA_SPACE;
    stubs.lorexIdentity();
    try (NvrClient c = connect("Secret-pass1")) {
      assertEquals("N841A8", c.identity().model().orElseThrow());
    }
    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> sent =
        wm.findAll(
            getRequestedFor(urlMatching("/cgi-bin/.*"))
                .withHeader("Authorization", matching(".*")));
    assertFalse(sent.isEmpty());
    String auth = sent.get(0).getHeader("Authorization");
    assertTrue(auth.contains("realm=\"Login to " + DahuaStubs.SERIAL + "\""), "realm echoed");
    assertTrue(
        auth.contains("uri=\"/cgi-bin/configManager.cgi?action=getConfig&name=General\""),
        "digest uri carries the query");
  }

  @Test
  void usersWithLevelsAndReservedFlag() {
    stubs.general();
    stubs.cgi(
        "/cgi-bin/userManager.cgi?action=getUserInfoAll",
        200,
        "users[0].AuthorityList[0]=AuthUserMag\r\nusers[0].Group=admin\r\nusers[0].Id=1\r\n"
            + "users[0].Memo=admin 's account\r\nusers[0].Name=admin\r\nusers[0].Reserved=true\r\n"
            + "users[0].Sharable=true\r\nusers[1].Group=user\r\nusers[1].Id=2\r\n"
            + "users[1].Name=viewer\r\nusers[1].Reserved=false\r\nusers[1].Sharable=true\r\n");
    try (NvrClient c = connect("Secret-pass1")) {
      assertEquals(
          List.of(
              new UserAccount("admin", AccountLevel.ADMINISTRATOR, "admin", true),
              new UserAccount("viewer", AccountLevel.USER, "user", false)),
          c.users());
    }
  }

  @Test
  void wrongPasswordHundredTimesNeverExceedsBudget() {
    stubs.refuseAll("");
    int refusedBeforeSending = 0;
    for (int i = 0; i < 100; i++) {
      AuthenticationFailedException e =
          assertThrows(AuthenticationFailedException.class, () -> connect("wrong-Pass1"));
      if (e.getMessage().startsWith("refusing")) {
        refusedBeforeSending++;
      }
    }
    int credentialed =
        wm.findAll(
                getRequestedFor(urlMatching("/cgi-bin/.*"))
                    .withHeader("Authorization", matching(".*")))
            .size();
    assertEquals(DeviceContext.UNKNOWN_LOREX_BUDGET, credentialed, "a legacy Lorex locks at 3");
    assertEquals(100 - DeviceContext.UNKNOWN_LOREX_BUDGET, refusedBeforeSending);
  }

  @Test
  void firstFailureReportsRemainingBudget() {
    stubs.refuseAll("");
    AuthenticationFailedException e =
        assertThrows(AuthenticationFailedException.class, () -> connect("wrong-Pass1"));
    assertEquals(1, e.remainingAttempts().orElseThrow());
    assertFalse(e.isRetryable());
  }

  @Test
  void budgetLearnedFromGeneralLockLoginTimes() {
    // admin logs in and the device says it locks after 5 failures: 4 may be spent.
    stubs.lorexIdentity();
    try (NvrClient c = connect("Secret-pass1")) {
      assertEquals("N841A8", c.identity().model().orElseThrow());
    }
    wm.resetAll();
    stubs.refuseAll("");
    for (int i = 0; i < 20; i++) {
      assertThrows(AuthenticationFailedException.class, () -> connect("wrong-Pass1"));
    }
    int credentialed =
        wm.findAll(
                getRequestedFor(urlMatching("/cgi-bin/.*"))
                    .withHeader("Authorization", matching(".*")))
            .size();
    assertEquals(4, credentialed);
  }

  @Test
  void connectionLimit401IsNotAWrongPassword() {
    stubs.refuseAll("Error\r\nExceeded maximum number of connections\r\n");
    for (int i = 0; i < 5; i++) {
      DeviceUnreachableException e =
          assertThrows(DeviceUnreachableException.class, () -> connect("Secret-pass1"));
      assertTrue(e.isRetryable());
    }
    assertEquals(2, guard.remaining(stubs.endpoint().key(), "admin", 2), "budget untouched");
  }

  @Test
  void locked401IsAccountLocked() {
    stubs.refuseAll("Error\r\nUser Locked! Please try again after 30 minutes.\r\n");
    assertThrows(AccountLockedException.class, () -> connect("Secret-pass1"));
    // and the guard now refuses without sending
    int before = wm.getAllServeEvents().size();
    assertThrows(NvrException.class, () -> connect("Secret-pass1"));
    assertEquals(before, wm.getAllServeEvents().size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "type\r\n", // no '='
        "=N841A8\r\n", // empty key
        "sn=ABC\r\n", // missing key 'type'
        "type=A\r\ntype=B\r\n", // contradicting duplicate
        "" // empty
      })
  void malformedRepliesAreProtocolExceptions(String body) {
    stubs.lorexIdentity();
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getSystemInfo", 400, "Error\r\nBad Request!\r\n");
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getDeviceType", 200, body);
    try (NvrClient c = connect("Secret-pass1")) {
      ProtocolException e = assertThrows(ProtocolException.class, c::identity);
      assertFalse(e.getMessage().contains("N841A8"), "no device body in messages");
    }
  }

  @Test
  void invalidUtf8IsProtocolException() {
    stubs.lorexIdentity();
    stubs.cgiBytes(
        "/cgi-bin/magicBox.cgi?action=getSystemInfo",
        200,
        new byte[] {'d', 'e', 'v', '=', (byte) 0xC3, (byte) 0x28, '\r', '\n'});
    try (NvrClient c = connect("Secret-pass1")) {
      assertThrows(ProtocolException.class, c::identity);
    }
  }

  @Test
  void garbageTimeAndMacAreProtocolExceptions() {
    stubs.lorexIdentity();
    stubs.cgi("/cgi-bin/global.cgi?action=getCurrentTime", 200, "result=yesterday\r\n");
    try (NvrClient c = connect("Secret-pass1")) {
      assertThrows(ProtocolException.class, c::identity);
    }
    stubs.cgi("/cgi-bin/global.cgi?action=getCurrentTime", 200, "result=2024-1-5 9:3:7\r\n");
    stubs.cgi(
        "/cgi-bin/configManager.cgi?action=getConfig&name=Network",
        200,
        "table.Network.DefaultInterface=eth0\r\ntable.Network.eth0.PhysicalAddress=zz:zz\r\n");
    try (NvrClient c = connect("Secret-pass1")) {
      assertThrows(ProtocolException.class, c::identity);
    }
  }

  @Test
  void oversizedReplyIsProtocolException() {
    stubs.lorexIdentity();
    byte[] big = new byte[2 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    stubs.cgiBytes("/cgi-bin/magicBox.cgi?action=getSystemInfo", 200, big);
    try (NvrClient c = connect("Secret-pass1")) {
      assertThrows(ProtocolException.class, c::identity);
    }
  }

  @Test
  void silentDeviceNeverHangs() {
    stubs.lorexIdentity();
    wm.stubFor(
        get(urlEqualTo("/cgi-bin/magicBox.cgi?action=getSystemInfo"))
            .atPriority(0)
            .willReturn(aResponse().withFixedDelay(10_000).withStatus(200).withBody("x=y\r\n")));
    try (NvrClient c = connect("Secret-pass1")) {
      assertTimeoutPreemptively(
          Duration.ofSeconds(8),
          () -> {
            assertThrows(DeviceUnreachableException.class, c::identity);
          });
    }
  }

  @Test
  void probeReadsSerialFromRealmWithoutLogin() {
    stubs.cgi("/cgi-bin/magicBox.cgi?action=getDeviceType", 200, "type=N841A8\r\n");
    DriverProbe p = core.probe(stubs.endpoint(), DahuaStubs.fastOptions());
    assertTrue(p.recognised());
    assertEquals(DahuaStubs.SERIAL, p.identity().serial().orElseThrow());
    assertEquals(
        Provenance.NETWORK_PRE_AUTH, p.identity().provenance(IdentityField.SERIAL).orElseThrow());
    assertEquals(
        0,
        wm.findAll(getRequestedFor(urlMatching(".*")).withHeader("Authorization", matching(".*")))
            .size(),
        "no login attempted");
  }

  @Test
  void probeRecognisesOldBasicOnlyFirmwareAndIgnoresOthers() {
    wm.stubFor(
        get(urlEqualTo("/cgi-bin/magicBox.cgi?action=getDeviceType"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("WWW-Authenticate", "Basic realm=\"Device_CGI\"")));
    assertTrue(core.probe(stubs.endpoint(), DahuaStubs.fastOptions()).recognised());
    wm.resetAll();
    wm.stubFor(
        get(urlEqualTo("/cgi-bin/magicBox.cgi?action=getDeviceType"))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader(
                        "WWW-Authenticate",
                        "Digest realm=\"IP Camera\", nonce=\"1\", qop=\"auth\"")));
    assertFalse(core.probe(stubs.endpoint(), DahuaStubs.fastOptions()).recognised());
    wm.resetAll();
    wm.stubFor(get(urlMatching(".*")).willReturn(aResponse().withStatus(404)));
    assertFalse(core.probe(stubs.endpoint(), DahuaStubs.fastOptions()).recognised());
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
