package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.TlsTrustException;
import io.nvrkit.core.internal.reset.Multipart;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.HttpResetChannel;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetTicket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class FakeResetDeskTest {
  // 23:50 in Toronto on the 24th is already the 25th in UTC: the displayed date is the device's
  private static final Instant START = Instant.parse("2026-11-25T04:50:00Z");

  private FakeClock clock;
  private FakeNvr nvr;
  private FakeResetDesk desk;

  @BeforeEach
  void start() {
    clock = FakeClock.fixed(START, ZoneId.of("America/Toronto"));
    nvr = FakeNvr.lorex().clock(clock).start();
  }

  @AfterEach
  void stop() {
    if (desk != null) {
      desk.close();
    }
    nvr.close();
  }

  private FakeResetDesk desk(FakeResetDesk.Builder b) {
    desk = b.clock(clock).device(nvr).start();
    return desk;
  }

  private HttpResetChannel channel() {
    return HttpResetChannel.builder(desk.url().toString()).build();
  }

  @Test
  void theDeskTakesTheEnginesFaultsAndKeepsAJournal() {
    desk(FakeResetDesk.builder().autoGrant());
    HttpResetChannel channel = channel();
    desk.faultOnce("status", Fault.applyThenDrop());
    ResetTicket ticket = channel.submit(DeskFixtures.requestFor(nvr).build());
    assertThrows(RuntimeException.class, () -> channel.poll(ticket), "the answer was dropped");
    ResetGrant polled = channel.poll(ticket).orElseThrow();
    assertTrue(nvr.accepts("admin", polled.temporaryPassword()));
    List<RecordedRequest> journal = desk.journal();
    assertEquals(
        List.of("submit", "status", "status"),
        journal.stream().map(RecordedRequest::protocolOperation).toList());
    assertFalse(journal.get(1).answered());
    assertEquals(200, journal.get(1).status());
    for (RecordedRequest r : journal) {
      assertFalse(r.toString().contains(new String(polled.temporaryPassword().copyChars())));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> desk.faultOnce("sumbit", Fault.slowBody()));
    assertTrue(e.getMessage().contains("did you mean submit"), e.getMessage());
    assertEquals(URI.create("http://127.0.0.1:" + desk.url().getPort()), desk.url());
  }

  @Test
  void manualGrantInstallsTheTemporaryPasswordOnTheMatchingRecorder() {
    desk(FakeResetDesk.builder());
    HttpResetChannel channel = channel();

    ResetTicket ticket = channel.submit(DeskFixtures.requestFor(nvr).build());
    assertEquals(ResetTicket.Status.SUBMITTED, ticket.status());
    assertTrue(ticket.location().startsWith(desk.url() + "/v1/reset-requests/"));
    assertTrue(channel.poll(ticket).isEmpty(), "no grant before the desk answers");

    ResetGrant issued = desk.grant(ticket.id());
    ResetGrant polled = channel.poll(ticket).orElseThrow();
    assertEquals(issued.temporaryPassword(), polled.temporaryPassword());
    assertEquals(
        Instant.parse("2026-11-25T04:59:59Z"), polled.validUntil(), "end of the device's day");
    assertTrue(nvr.accepts("admin", polled.temporaryPassword()));
    assertEquals(Optional.of(ResetTicket.Status.GRANTED), desk.status(ticket.id()));

    channel.complete(ticket);
    assertEquals(Optional.of(ResetTicket.Status.COMPLETED), desk.status(ticket.id()));
    DeviceRejectedException again =
        assertThrows(DeviceRejectedException.class, () -> channel.poll(ticket));
    assertEquals(Optional.of("COMPLETED"), again.vendorCode());
  }

  @Test
  void autoGrantAnswersAtOnce() {
    desk(FakeResetDesk.builder().autoGrant().temporaryPassword(Secret.of("Tmp-2026-xyz")));
    HttpResetChannel channel = channel();
    ResetGrant g = channel.poll(channel.submit(DeskFixtures.requestFor(nvr).build())).orElseThrow();
    assertEquals(Secret.of("Tmp-2026-xyz"), g.temporaryPassword());
    assertTrue(nvr.accepts("admin", Secret.of("Tmp-2026-xyz")));
  }

  @Test
  void delayedGrantFollowsTheFakeClockNotTheWallClock() {
    desk(FakeResetDesk.builder().grantAfter(Duration.ofMinutes(5)));
    HttpResetChannel channel = channel();
    ResetTicket t = channel.submit(DeskFixtures.requestFor(nvr).build());
    assertTrue(channel.poll(t).isEmpty());
    clock.advance(Duration.ofMinutes(4).plusSeconds(59));
    assertTrue(channel.poll(t).isEmpty());
    clock.advance(Duration.ofSeconds(1));
    ResetGrant g = channel.poll(t).orElseThrow();
    assertTrue(nvr.accepts("admin", g.temporaryPassword()));

    // the temporary password is valid until the end of the recorder's day, then expires
    clock.advance(Duration.ofMinutes(10));
    assertFalse(nvr.accepts("admin", g.temporaryPassword()));
    assertEquals(
        Optional.of("EXPIRED"),
        assertThrows(DeviceRejectedException.class, () -> channel.poll(t)).vendorCode());
  }

  @Test
  void generatedTemporaryPasswordsAreStrongAndDiffer() {
    desk(FakeResetDesk.builder().autoGrant());
    HttpResetChannel channel = channel();
    ResetGrant a = channel.poll(channel.submit(DeskFixtures.requestFor(nvr).build())).orElseThrow();
    ResetGrant b = channel.poll(channel.submit(DeskFixtures.requestFor(nvr).build())).orElseThrow();
    assertFalse(a.temporaryPassword().equals(b.temporaryPassword()));
    String p = a.temporaryPassword().view().toString();
    assertEquals(12, p.length());
    assertTrue(p.chars().anyMatch(Character::isUpperCase));
    assertTrue(p.chars().anyMatch(Character::isLowerCase));
    assertTrue(p.chars().anyMatch(Character::isDigit));
    assertTrue(p.chars().noneMatch(c -> "'\";:&".indexOf(c) >= 0), "Dahua refuses ' \" ; : &");
    // the newer grant replaced the older one on the device
    assertTrue(nvr.accepts("admin", b.temporaryPassword()));
  }

  @Test
  void wrongDateUnknownSerialAndMismatchedDeviceIdAreRefusedPerField() {
    desk(FakeResetDesk.builder().autoGrant());
    HttpResetChannel channel = channel();

    InvalidResetRequestException date =
        assertThrows(
            InvalidResetRequestException.class,
            () ->
                channel.submit(
                    DeskFixtures.requestFor(nvr)
                        // the UTC date, not the one the recorder in Toronto displays
                        .displayedDate(
                            START.atZone(ZoneId.of("UTC")).toLocalDate(), Provenance.TYPED)
                        .build()));
    assertEquals(List.of("displayedDate"), fields(date.problems()));
    assertTrue(date.problems().get(0).reason().contains("2026-11-24"), date.getMessage());

    InvalidResetRequestException serial =
        assertThrows(
            InvalidResetRequestException.class,
            () ->
                channel.submit(
                    DeskFixtures.requestFor(nvr)
                        .serial("ND000000000000", Provenance.TYPED)
                        .build()));
    assertEquals(List.of("serial"), fields(serial.problems()));

    InvalidResetRequestException deviceId =
        assertThrows(
            InvalidResetRequestException.class,
            () ->
                channel.submit(
                    DeskFixtures.requestFor(nvr).deviceId("AAAAAAA", Provenance.TYPED).build()));
    assertEquals(List.of("deviceId"), fields(deviceId.problems()));

    assertTrue(desk.tickets().isEmpty(), "no ticket for a refused request");
    assertFalse(nvr.accepts("admin", Secret.of("anything")));
    assertEquals(3, desk.requests().size());
    assertTrue(desk.requests().stream().allMatch(r -> r.status() == 400));
  }

  @Test
  void photosThatAreNotImagesOrDoNotMatchTheirChecksumAreRefused() throws Exception {
    desk(FakeResetDesk.builder());
    byte[] text = "GIF89a not really".getBytes(StandardCharsets.US_ASCII);
    Multipart m = validParts();
    m.file("infoScreenPhoto", "info.jpg", "image/jpeg", text)
        .text("infoScreenPhotoSha256", sha256(text))
        .file("stickerPhoto", "sticker.png", "image/png", DeskFixtures.png())
        .text("stickerPhotoSha256", sha256(DeskFixtures.jpeg())); // checksum of another file
    HttpResponse<String> r = post(m.contentType(), m.finish());

    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("\"error\":\"invalid-request\""), r.body());
    List<FieldProblem> p = desk.requests().get(0).problems();
    assertEquals(List.of("infoScreenPhoto", "stickerPhotoSha256"), fields(p));
  }

  @Test
  void missingFieldsAndDeviceIdEqualToSerialAreAllReportedAtOnce() throws Exception {
    desk(FakeResetDesk.builder());
    Multipart m = new Multipart();
    m.text("vendor", "lorex")
        .text("firstName", "A")
        .text("model", "N841A8")
        .text("deviceId", nvr.identity().serial())
        .text("serial", nvr.identity().serial())
        .text("displayedDate", "25/11/2026");
    HttpResponse<String> r = post(m.contentType(), m.finish());
    assertEquals(400, r.statusCode());
    List<String> f = fields(desk.requests().get(0).problems());
    for (String expected :
        List.of(
            "lastName",
            "phone",
            "modelSource",
            "deviceIdSource",
            "serialSource",
            "displayedDateSource",
            "infoScreenPhoto",
            "stickerPhoto",
            "deviceId",
            "displayedDate")) {
      assertTrue(f.contains(expected), expected + " missing from " + f);
    }
  }

  @Test
  void garbageBodiesAndWrongMethodsGetProtocolAnswers() throws Exception {
    desk(FakeResetDesk.builder());
    assertEquals(400, post("multipart/form-data; boundary=xyz", new byte[] {1, 2, 3}).statusCode());
    assertEquals(400, post("application/json", "{}".getBytes(StandardCharsets.UTF_8)).statusCode());
    HttpClient http = HttpClient.newHttpClient();
    assertEquals(
        404,
        http.send(
                HttpRequest.newBuilder(URI.create(desk.url() + "/v1/reset-requests/RD-nope"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
    assertEquals(
        405,
        http.send(
                HttpRequest.newBuilder(URI.create(desk.url() + "/v1/reset-requests")).build(),
                HttpResponse.BodyHandlers.ofString())
            .statusCode());
  }

  @Test
  void oversizedBodyIsRefusedFromItsLength() throws IOException {
    desk(FakeResetDesk.builder());
    URI u = desk.url();
    try (Socket s = new Socket(u.getHost(), u.getPort())) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /v1/reset-requests HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data;"
                  + " boundary=b\r\nContent-Length: 30000000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String line = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", line);
    }
  }

  @Test
  void bearerTokenIsRequiredWhenConfigured() {
    desk(FakeResetDesk.builder().bearerToken(Secret.of("s3cret-token")).autoGrant());
    AuthenticationFailedException e =
        assertThrows(
            AuthenticationFailedException.class,
            () -> channel().submit(DeskFixtures.requestFor(nvr).build()));
    assertFalse(e.getMessage().contains("s3cret-token"));

    HttpResetChannel withToken =
        HttpResetChannel.builder(desk.url().toString())
            .bearerToken(Secret.of("s3cret-token"))
            .build();
    ResetTicket t = withToken.submit(DeskFixtures.requestFor(nvr).build());
    assertTrue(withToken.poll(t).isPresent());
    assertThrows(AuthenticationFailedException.class, () -> channel().poll(t));
    assertTrue(desk.requests().get(1).tokenPresented());
    assertFalse(desk.requests().get(0).tokenPresented());
  }

  @Test
  void overTlsTheDeskIsPinnedAndAWrongPinIsRefused() {
    desk(FakeResetDesk.builder().tls(true).autoGrant());
    assertTrue(desk.url().toString().startsWith("https://127.0.0.1:"));
    HttpResetChannel pinned =
        HttpResetChannel.builder(desk.url().toString())
            .tlsTrust(TlsTrust.pinned(desk.pin().orElseThrow()))
            .build();
    assertTrue(pinned.poll(pinned.submit(DeskFixtures.requestFor(nvr).build())).isPresent());

    HttpResetChannel wrong =
        HttpResetChannel.builder(desk.url().toString())
            .tlsTrust(TlsTrust.pinned(java.util.Base64.getEncoder().encodeToString(new byte[32])))
            .build();
    assertThrows(TlsTrustException.class, () -> wrong.submit(DeskFixtures.requestFor(nvr).build()));
    assertEquals(1, desk.requests().size(), "nothing reached the desk through the wrong pin");
  }

  @Test
  void rejectionReachesTheClientWithItsReason() {
    desk(FakeResetDesk.builder());
    HttpResetChannel channel = channel();
    ResetTicket t = channel.submit(DeskFixtures.requestFor(nvr).build());
    desk.reject(t.id(), "the sticker photo is blurred");
    DeviceRejectedException e = assertThrows(DeviceRejectedException.class, () -> channel.poll(t));
    assertEquals(Optional.of("REJECTED"), e.vendorCode());
    assertTrue(e.getMessage().contains("the sticker photo is blurred"));
    assertThrows(IllegalStateException.class, () -> desk.grant(t.id()));
  }

  @Test
  void recordedRequestsKeepFieldsButToStringHidesPersonalData() {
    desk(FakeResetDesk.builder());
    channel().submit(DeskFixtures.requestFor(nvr).build());
    ResetDeskRequest r = desk.requests().get(0);
    assertEquals(201, r.status());
    assertEquals(Optional.of(nvr.identity().deviceId()), r.field("deviceId"));
    assertEquals(Optional.of("Işık"), r.field("lastName"));
    assertEquals("image/png", r.photo("stickerPhoto").orElseThrow().detectedType());
    String s = r.toString();
    assertTrue(s.contains(nvr.identity().serial()), s);
    assertFalse(s.contains("Zeynep") || s.contains("555") || s.contains("z@example.com"), s);
  }

  @Test
  void resetForgetsTicketsAndRequests() {
    desk(FakeResetDesk.builder());
    ResetTicket t = channel().submit(DeskFixtures.requestFor(nvr).build());
    desk.autoGrant();
    desk.reset();
    assertTrue(desk.tickets().isEmpty());
    assertTrue(desk.requests().isEmpty());
    assertEquals(Optional.empty(), desk.status(t.id()));
    // back to the configured (manual) mode
    ResetTicket t2 = channel().submit(DeskFixtures.requestFor(nvr).build());
    assertTrue(channel().poll(t2).isEmpty());
  }

  @Test
  void aRegisteredFleetIsMatchedBySerialAndDeviceId() {
    try (FakeNvrFleet fleet = FakeNvrFleet.lorex(3).clock(clock).start()) {
      desk = FakeResetDesk.builder().clock(clock).autoGrant().start().register(fleet);
      FakeNvr second = fleet.device(1);
      ResetGrant g =
          channel().poll(channel().submit(DeskFixtures.requestFor(second).build())).orElseThrow();
      assertTrue(second.accepts("admin", g.temporaryPassword()));
      assertFalse(fleet.device(0).accepts("admin", g.temporaryPassword()));
      assertFalse(fleet.device(2).accepts("admin", g.temporaryPassword()));
      // the serial of one device with the device ID of another is refused
      InvalidResetRequestException e =
          assertThrows(
              InvalidResetRequestException.class,
              () ->
                  channel()
                      .submit(
                          DeskFixtures.requestFor(second)
                              .deviceId(fleet.device(2).identity().deviceId(), Provenance.STICKER)
                              .build()));
      assertEquals(List.of("deviceId"), fields(e.problems()));
    }
  }

  @Test
  void withoutRegisteredRecordersDeviceChecksAreSkipped() {
    desk = FakeResetDesk.builder().clock(clock).autoGrant().start();
    ResetGrant g =
        channel()
            .poll(
                channel()
                    .submit(DeskFixtures.requestFor(nvr).serial("ND999", Provenance.TYPED).build()))
            .orElseThrow();
    assertEquals(clock.endOfDay(), g.validUntil());
    assertFalse(nvr.accepts("admin", g.temporaryPassword()), "installed nowhere");
  }

  private Multipart validParts() {
    FakeIdentity id = nvr.identity();
    Multipart m = new Multipart();
    Map<String, String> f =
        Map.ofEntries(
            Map.entry("vendor", "lorex"),
            Map.entry("firstName", "A"),
            Map.entry("lastName", "B"),
            Map.entry("phone", "5550100999"),
            Map.entry("model", id.model()),
            Map.entry("modelSource", "STICKER"),
            Map.entry("deviceId", id.deviceId()),
            Map.entry("deviceIdSource", "STICKER"),
            Map.entry("serial", id.serial()),
            Map.entry("serialSource", "STICKER"),
            Map.entry("displayedDate", clock.localDateTime().toLocalDate().toString()),
            Map.entry("displayedDateSource", "INFO_SCREEN"));
    f.forEach(m::text);
    return m;
  }

  private HttpResponse<String> post(String contentType, byte[] body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(desk.url() + "/v1/reset-requests"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static List<String> fields(List<FieldProblem> p) {
    return p.stream().map(FieldProblem::field).collect(Collectors.toList());
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
