package io.nvrkit.hikvision.reset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetPackageChannel;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.hikvision.SadpDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Hikvision reset: identity before login with the start time, request, grant, completion. */
class HikvisionResetProcedureTest {
  static final byte[] JPEG = {
    (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'
  };
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
  static final String NS = "http://www.hikvision.com/ver20/XMLSchema";
  static final String CHALLENGE =
      "Digest realm=\"IP Camera(83813)\", qop=\"auth\","
          + " nonce=\"4d5755784d7a41344d546b365a446b31597a51354e513d3d\", stale=\"FALSE\"";
  static final SadpDevice SADP =
      new SadpDevice(
          "192.168.1.64",
          80,
          "DS-2CD2385G1-I",
          "DS-2CD2385G1-I20200414AAWRE33842150",
          "58:50:ed:1f:e3:85",
          "V5.6.2",
          "2019-07-01",
          LocalDateTime.of(2026, 12, 1, 8, 15, 0),
          true,
          "true");

  @RegisterExtension
  WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void requestCarriesModelFullSerialStartTimeAndDisplayedDate(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("sadp.jpg"), JPEG);
    Files.write(dir.resolve("label.png"), PNG);
    HikvisionResetForm form =
        HikvisionResetForm.create()
            .fromSadp(SADP)
            .serial("DS-2CD2385G1-I20200414AAWRE33842151", Provenance.STICKER)
            .displayedDate(LocalDate.of(2026, 12, 7), Provenance.INFO_SCREEN)
            .requester(Requester.of("Jane", "Doe", "+1 416 555 0100").withEmail("jane@example.com"))
            .infoScreenPhoto(dir.resolve("sadp.jpg"))
            .stickerPhoto(dir.resolve("label.png"));
    ResetRequest r = form.build();
    assertEquals("hikvision", r.vendor());
    assertEquals("DS-2CD2385G1-I", r.model().value());
    // the device's value wins; the typo on the typed serial is reported, not hidden
    assertEquals("DS-2CD2385G1-I20200414AAWRE33842150", r.serial().value());
    assertEquals(Provenance.NETWORK_PRE_AUTH, r.serial().provenance());
    assertEquals(1, form.conflicts().size());
    assertEquals(LocalDateTime.of(2026, 12, 1, 8, 15), r.startTime().orElseThrow());
    assertEquals(Provenance.NETWORK_PRE_AUTH, r.startTimeProvenance().orElseThrow());
    assertTrue(r.deviceId().isEmpty(), "Hikvision support does not ask for a device ID");
    assertEquals(LocalDate.of(2026, 12, 7), r.displayedDate());
    ResetTicket ticket = ResetPackageChannel.folder(dir.resolve("out")).submit(r);
    assertFalse(ticket.id().isEmpty());
  }

  @Test
  void withoutAStartTimeTheFormSaysSo(@TempDir Path dir) {
    InvalidResetRequestException e =
        assertThrows(
            InvalidResetRequestException.class,
            () ->
                HikvisionResetForm.create()
                    .model("DS-7608NXI-I2", Provenance.STICKER)
                    .serial("DS-7608NXI-I220210101CCRRJ00000000WCVU", Provenance.STICKER)
                    .build());
    assertTrue(
        e.problems()
            .contains(
                new FieldProblem(
                    "startTime", "is required (the device's start time as SADP shows it)")));
  }

  @Test
  void aRebootVoidsTheGrant() {
    assertFalse(HikvisionReset.rebootedSince(LocalDateTime.of(2026, 12, 1, 8, 15, 0), SADP));
    assertTrue(HikvisionReset.rebootedSince(LocalDateTime.of(2026, 12, 1, 8, 0, 0), SADP));
  }

  private DeviceEndpoint endpoint() {
    return DeviceEndpoint.of("http://127.0.0.1:" + wm.getPort());
  }

  private static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/xml")
        .withHeader("Server", "App-webs/")
        .withBody(body);
  }

  @Test
  void completionChangesWithTheTemporaryPasswordAndVerifies() {
    String temp = "Tmp-Key-55012";
    String next =
        HikvisionReset.generatePassword(PersonalInfo.builder().name("Jane Doe").build())
            .view()
            .toString();
    wm.stubFor(
        any(anyUrl())
            .atPriority(10)
            .withHeader("Authorization", absent())
            .willReturn(
                xml(
                        401,
                        "<userCheck><statusValue>401</statusValue><lockStatus>unlock</lockStatus><retryLoginTime>5</retryLoginTime></userCheck>")
                    .withHeader("WWW-Authenticate", CHALLENGE)));
    wm.stubFor(
        get(urlPathEqualTo("/SDK/activateStatus"))
            .atPriority(0)
            .willReturn(xml(200, "<ActivateStatus><Activated>true</Activated></ActivateStatus>")));
    String users =
        "<UserList version=\"1.0\" xmlns=\""
            + NS
            + "\"><User><id>1</id><userName>admin</userName>"
            + "<userLevel>Administrator</userLevel></User></UserList>";
    wm.stubFor(
        get(urlPathEqualTo("/ISAPI/Security/illegalLoginLock"))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .willReturn(xml(404, "")));
    wm.stubFor(
        get(urlPathEqualTo("/ISAPI/Security/users"))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .willReturn(xml(200, users)));
    wm.stubFor(
        get(urlPathEqualTo("/ISAPI/Security/userCheck"))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .inScenario("pw")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(xml(200, "<userCheck><statusValue>200</statusValue></userCheck>")));
    // after the change: the temporary password is refused, the new one accepted
    wm.stubFor(
        get(urlPathEqualTo("/ISAPI/Security/userCheck"))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .inScenario("pw")
            .whenScenarioStateIs("changed")
            .willSetStateTo("old refused")
            .willReturn(
                xml(
                        401,
                        "<userCheck><statusValue>401</statusValue><lockStatus>unlock</lockStatus><retryLoginTime>4</retryLoginTime></userCheck>")
                    .withHeader("WWW-Authenticate", CHALLENGE)));
    wm.stubFor(
        get(urlPathEqualTo("/ISAPI/Security/userCheck"))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .inScenario("pw")
            .whenScenarioStateIs("old refused")
            .willReturn(xml(200, "<userCheck><statusValue>200</statusValue></userCheck>")));
    wm.stubFor(
        put(urlPathEqualTo("/ISAPI/Security/users/1"))
            .atPriority(1)
            .withHeader("Authorization", matching("Digest .*"))
            .withRequestBody(containing("<loginPassword>" + temp + "</loginPassword>"))
            .withRequestBody(containing("xmlns=\"" + NS + "\""))
            .inScenario("pw")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willSetStateTo("changed")
            .willReturn(
                xml(
                    200,
                    "<ResponseStatus><statusCode>1</statusCode><subStatusCode>ok</subStatusCode></ResponseStatus>")));

    ResetGrant grant = HikvisionReset.grant("T-1", Secret.of(temp), Instant.now());
    PasswordChangeResult done =
        HikvisionReset.complete(
            endpoint(), "admin", grant, Secret.of(next), PersonalInfo.none(), options());
    assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, done.outcome());
    assertTrue(done.followUps().stream().anyMatch(f -> f.where().startsWith("Hik-Connect")));
    assertEquals(16, next.length());
  }

  private static ConnectOptions options() {
    return ConnectOptions.builder()
        .responseTimeout(Duration.ofSeconds(10))
        .totalTimeout(Duration.ofSeconds(15))
        .build();
  }

  @Test
  void expiredGrantSendsNothing() {
    ResetGrant old = ResetGrant.of("T-2", Secret.of("x"), Instant.now().minusSeconds(1));
    assertThrows(
        NvrException.class,
        () ->
            HikvisionReset.complete(
                endpoint(),
                "admin",
                old,
                Secret.of("Tq7#vKp2!mZ9xR4w"),
                PersonalInfo.none(),
                options()));
    assertEquals(0, wm.findAll(anyRequestedFor(anyUrl())).size());
  }

  @Test
  void anInactiveDeviceMustBeActivatedFirst() {
    wm.stubFor(
        get(urlPathEqualTo("/SDK/activateStatus"))
            .willReturn(xml(200, "<ActivateStatus><Activated>false</Activated></ActivateStatus>")));
    ResetGrant g = HikvisionReset.grant("T-3", Secret.of("x"), Instant.now());
    assertThrows(
        NotSupportedException.class,
        () ->
            HikvisionReset.complete(
                endpoint(),
                "admin",
                g,
                Secret.of("Tq7#vKp2!mZ9xR4w"),
                PersonalInfo.none(),
                options()));
    assertEquals(1, wm.findAll(anyRequestedFor(anyUrl())).size(), "no login attempted");
  }
}
