package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.reset.Multipart;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake desk plays Hikvision support: serial + the SADP start time + the displayed date give a
 * security code valid 48 hours, installed on the fake as the admin's temporary password.
 */
class HikvisionResetDeskTest {
  static final Instant START = Instant.parse("2026-11-25T15:00:00Z");

  FakeClock clock;
  FakeNvr nvr;
  FakeResetDesk desk;

  @BeforeEach
  void start() {
    clock = FakeClock.fixed(START, ZoneId.of("Asia/Shanghai"));
    nvr = FakeNvr.hikvision().clock(clock).start();
    desk = FakeResetDesk.builder().clock(clock).device(nvr).autoGrant().start();
  }

  @AfterEach
  void stop() {
    desk.close();
    nvr.close();
  }

  private Multipart parts(String startTime) throws Exception {
    FakeIdentity id = nvr.identity();
    Multipart m = new Multipart();
    m.text("vendor", "hikvision")
        .text("firstName", "A")
        .text("lastName", "B")
        .text("phone", "5550100999")
        .text("model", id.model())
        .text("modelSource", "NETWORK_PRE_AUTH")
        .text("serial", id.serial())
        .text("serialSource", "NETWORK_PRE_AUTH")
        .text("displayedDate", clock.localDateTime().toLocalDate().toString())
        .text("displayedDateSource", "NETWORK_AUTHENTICATED");
    if (startTime != null) {
      m.text("startTime", startTime);
    }
    byte[] jpeg = DeskFixtures.jpeg();
    byte[] png = DeskFixtures.png();
    m.file("infoScreenPhoto", "info.jpg", "image/jpeg", jpeg)
        .text("infoScreenPhotoSha256", sha256(jpeg))
        .file("stickerPhoto", "sticker.png", "image/png", png)
        .text("stickerPhotoSha256", sha256(png));
    return m;
  }

  private HttpResponse<String> post(Multipart m) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(desk.url() + "/v1/reset-requests"))
                .header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.finish()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static String json(String body, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(body);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void serialAndStartTimeGetASecurityCodeValid48HoursThatLetsTheAdminSetANewPassword()
      throws Exception {
    String shown =
        nvr.hikvisionStartTime()
            .orElseThrow()
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    HttpResponse<String> r = post(parts(shown));
    assertEquals(201, r.statusCode(), r.body());
    String ticket = json(r.body(), "ticket");
    String polled =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(desk.url() + "/v1/reset-requests/" + ticket))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertEquals("GRANTED", json(polled, "status"));
    assertEquals(START.plus(Duration.ofHours(48)).toString(), json(polled, "validUntil"));
    String code = json(polled, "temporaryPassword");
    assertTrue(nvr.accepts("admin", Secret.of(code)));

    HikvisionIsapiTest.Session s = new HikvisionIsapiTest.Session(nvr.port(), "admin", code);
    RawHttp.Response changed =
        s.call(
            "PUT",
            "/ISAPI/Security/users/1",
            HikvisionIsapiTest.adminPassword("After-Reset42", code));
    assertEquals(200, changed.status(), changed.text());
    assertTrue(nvr.accepts("admin", Secret.of("After-Reset42")));
  }

  @Test
  void aWrongOrMissingStartTimeIsRefusedOnThatField() throws Exception {
    HttpResponse<String> wrong = post(parts("2020-01-01 00:00"));
    assertEquals(400, wrong.statusCode());
    assertTrue(wrong.body().contains("\"field\":\"startTime\""), wrong.body());
    HttpResponse<String> missing = post(parts(null));
    assertEquals(400, missing.statusCode());
    assertTrue(missing.body().contains("\"field\":\"startTime\""), missing.body());
    assertTrue(!missing.body().contains("\"field\":\"deviceId\""), "the device ID is optional");
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
