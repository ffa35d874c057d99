package io.nvrkit.core.reset;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.MultipartValuePattern;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a vendor asks beyond Lorex's fields: Hikvision's start time instead of a device ID, a
 * firmware version, model names with parentheses, and a grant that is a security code.
 */
class VendorDetailsTest {
  private static final LocalDateTime START = LocalDateTime.of(2026, 12, 1, 8, 15, 0);

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  static ResetRequest.Builder hikvision() {
    return ResetRequest.builder("hikvision")
        .requires(ResetRequest.Detail.START_TIME)
        .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
        .model("iDS-7208HQHI-M1(A)/S(C)", Provenance.NETWORK_PRE_AUTH)
        .serial("DS-7608NI-K2/8P0820190128CCRRC12345678WCVU", Provenance.NETWORK_PRE_AUTH)
        .firmware("V4.62.210 build 240826", Provenance.NETWORK_PRE_AUTH)
        .startTime(START, Provenance.NETWORK_PRE_AUTH)
        .displayedDate(LocalDate.of(2026, 12, 7), Provenance.INFO_SCREEN)
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.INFO_SCREEN, "sadp.jpeg", ResetFixtures.jpeg(1)))
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.STICKER, "label.png", ResetFixtures.png(2)));
  }

  @Test
  void aHikvisionRequestNeedsAStartTimeNotADeviceId() {
    ResetRequest r = hikvision().build();
    assertTrue(r.deviceId().isEmpty());
    assertEquals(START, r.startTime().orElseThrow());
    assertEquals("iDS-7208HQHI-M1(A)/S(C)", r.model().value());
    assertEquals("V4.62.210 build 240826", r.firmware().orElseThrow().value());

    InvalidResetRequestException e =
        assertThrows(
            InvalidResetRequestException.class, () -> hikvision().startTime(null, null).build());
    assertEquals(1, e.problems().size(), e.problems().toString());
    assertEquals("startTime", e.problems().get(0).field());
  }

  @Test
  void lorexStillRequiresTheDeviceIdAndRefusesParenthesesInTheSerial() {
    InvalidResetRequestException e =
        assertThrows(
            InvalidResetRequestException.class,
            () ->
                ResetFixtures.requestBuilder()
                    .deviceId(null, Provenance.STICKER)
                    .serial("ND02(19)", Provenance.STICKER)
                    .build());
    assertTrue(e.problems().stream().anyMatch(p -> p.field().equals("deviceId")));
    assertTrue(e.problems().stream().anyMatch(p -> p.field().equals("serial")));
  }

  @Test
  void theDeskReceivesTheStartTimeAndFirmwareButNoDeviceId() {
    wm.stubFor(
        post(urlEqualTo("/v1/reset-requests"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ticket\":\"T-7\",\"status\":\"SUBMITTED\","
                            + "\"submittedAt\":\"2026-12-07T10:00:00Z\"}")));
    HttpResetChannel.builder("http://127.0.0.1:" + wm.getPort())
        .build()
        .submit(hikvision().build());
    wm.verify(
        postRequestedFor(urlEqualTo("/v1/reset-requests"))
            .withRequestBodyPart(part("vendor", "hikvision"))
            .withRequestBodyPart(part("startTime", "2026-12-01 08:15:00"))
            .withRequestBodyPart(part("startTimeSource", "NETWORK_PRE_AUTH"))
            .withRequestBodyPart(part("firmware", "V4.62.210 build 240826")));
    assertFalse(
        wm.getAllServeEvents().get(0).getRequest().getBodyAsString().contains("name=\"deviceId\""),
        "no device ID part");
  }

  @Test
  void aPackageKeepsTheStartTimeAndFirmware(@TempDir Path dir) {
    ResetRequest r = hikvision().build();
    ResetTicket t = ResetPackageChannel.folder(dir).submit(r);
    ResetRequest back = ResetPackageChannel.read(Path.of(t.location())).request();
    ResetPackageChannelTest.assertSameRequest(r, back);
  }

  @Test
  void aGrantMayBeASecurityCode() {
    wm.stubFor(
        get(urlEqualTo("/v1/reset-requests/T-8"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"ticket\":\"T-8\",\"status\":\"GRANTED\",\"grantKind\":\"SECURITY_CODE\","
                            + "\"temporaryPassword\":\"ABC123XYZ\","
                            + "\"validUntil\":\"2026-12-09T10:00:00Z\"}")));
    HttpResetChannel ch = HttpResetChannel.builder("http://127.0.0.1:" + wm.getPort()).build();
    ResetTicket ticket = new ResetTicket("T-8", ResetTicket.Status.SUBMITTED, Instant.EPOCH, "x");
    ResetGrant g = ch.poll(ticket).orElseThrow();
    assertEquals(ResetGrant.Kind.SECURITY_CODE, g.kind());
    assertEquals(Secret.of("ABC123XYZ"), g.temporaryPassword());
    assertFalse(g.toString().contains("ABC123XYZ"));
    assertEquals(
        ResetGrant.Kind.TEMPORARY_PASSWORD,
        ResetGrant.of("T", Secret.of("x"), Instant.EPOCH).kind(),
        "the Lorex grant is a temporary password");

    wm.stubFor(
        get(urlEqualTo("/v1/reset-requests/T-8"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"ticket\":\"T-8\",\"status\":\"GRANTED\",\"grantKind\":\"QR\","
                            + "\"temporaryPassword\":\"ABC123XYZ\","
                            + "\"validUntil\":\"2026-12-09T10:00:00Z\"}")));
    ProtocolException pe = assertThrows(ProtocolException.class, () -> ch.poll(ticket));
    assertFalse(pe.getMessage().contains("ABC123XYZ"));
  }

  private static MultipartValuePattern part(String name, String value) {
    return aMultipart().withName(name).withBody(equalTo(value)).build();
  }
}
