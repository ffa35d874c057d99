package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeResetDesk;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device and reset commands driven against the testkit's fake Hikvision NVR. */
class HikvisionCommandsFakeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String NEW = "Blue-Harbor-7319";
  static final Map<String, String> ENV =
      Map.of(
          "PW",
          FakeNvr.DEFAULT_ADMIN_PASSWORD,
          "BAD",
          "Wrong-pass-99",
          "NEW",
          NEW,
          "RISKY",
          "admin12345");

  static String url(FakeNvr nvr) {
    return nvr.endpoint().toString();
  }

  @Test
  void probeDetectsHikvisionAndIdentityReadsTheDevice() throws Exception {
    try (FakeNvr nvr = FakeNvr.hikvision().start()) {
      Run p = Run.with(ENV, "", "probe", "--url", url(nvr), "--json");
      assertEquals(0, p.code(), p.all());
      assertEquals("hikvision", JSON.readTree(p.out()).path("recognisedBy").path(0).asText());
      Run r =
          Run.with(
              ENV,
              "",
              "identity",
              "--url",
              url(nvr),
              "--user",
              "admin",
              "--password-env",
              "PW",
              "--json");
      assertEquals(0, r.code(), r.all());
      JsonNode f = JSON.readTree(r.out()).path("identity").path("fields");
      assertEquals(nvr.identity().serial(), f.path("serial").path("value").asText());
      assertEquals(nvr.identity().model(), f.path("model").path("value").asText());
      assertEquals(nvr.identity().deviceId(), f.path("deviceId").path("value").asText());
      assertEquals(nvr.identity().mac(), f.path("mac").path("value").asText());
      assertEquals(nvr.identity().firmware(), f.path("firmware").path("value").asText());
      Run users =
          Run.with(
              ENV,
              "",
              "users",
              "list",
              "--vendor",
              "hikvision",
              "--url",
              url(nvr),
              "--user",
              "admin",
              "--password-env",
              "PW");
      assertEquals(0, users.code(), users.all());
      assertTrue(users.out().contains("admin"), users.out());
    }
  }

  @Test
  void changePasswordHoldsAndTheOldOneIsRefused() {
    try (FakeNvr nvr = FakeNvr.hikvision().start()) {
      Run risky =
          Run.with(
              ENV,
              "",
              "change-password",
              "--vendor",
              "hikvision",
              "--url",
              url(nvr),
              "--user",
              "admin",
              "--password-env",
              "PW",
              "--new-password-env",
              "RISKY");
      assertEquals(ExitCodes.POLICY, risky.code(), risky.all());
      assertFalse(risky.all().contains("admin12345"), risky.all());

      Run ok =
          Run.with(
              ENV,
              "",
              "change-password",
              "--url",
              url(nvr),
              "--user",
              "admin",
              "--password-env",
              "PW",
              "--new-password-env",
              "NEW");
      assertEquals(0, ok.code(), ok.all());
      assertTrue(nvr.accepts("admin", Secret.of(NEW)));
      assertFalse(nvr.accepts("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)));
      assertFalse(ok.all().contains(NEW), ok.all());

      Run old =
          Run.with(
              ENV,
              "",
              "identity",
              "--vendor",
              "hikvision",
              "--url",
              url(nvr),
              "--user",
              "admin",
              "--password-env",
              "PW");
      assertEquals(ExitCodes.AUTH, old.code(), old.all());
      assertFalse(nvr.isLocked("admin"));
    }
  }

  @Test
  void resetRequestToTheDeskAndCompletion(@TempDir Path dir) throws Exception {
    try (FakeNvr nvr = FakeNvr.hikvision().start();
        FakeResetDesk desk = FakeResetDesk.builder().clock(nvr.clock()).device(nvr).start()) {
      Path info = dir.resolve("sadp.jpg");
      Path label = dir.resolve("label.png");
      Files.write(info, DemoCommand.jpeg());
      Files.write(label, DemoCommand.png());
      InetSocketAddress sadp = nvr.discoveryAddress().orElseThrow();
      Run req =
          Run.with(
              ENV,
              "",
              "reset",
              "request",
              "--vendor",
              "hikvision",
              "--url",
              url(nvr),
              "--sadp-target",
              sadp.getHostString() + ":" + sadp.getPort(),
              "--device-date",
              nvr.clock().localDateTime().toLocalDate().toString(),
              "--first-name",
              "Jane",
              "--last-name",
              "Doe",
              "--phone",
              "+1 416 555 0100",
              "--info-photo",
              info.toString(),
              "--sticker-photo",
              label.toString(),
              "--submit-url",
              desk.url().toString(),
              "--json");
      assertEquals(0, req.code(), req.all());
      String ticket = JSON.readTree(req.out()).path("ticket").asText();
      assertTrue(desk.requests().stream().anyMatch(q -> q.status() == 201), req.all());

      Run noStart =
          Run.with(
              ENV,
              "",
              "reset",
              "request",
              "--vendor",
              "hikvision",
              "--model",
              "DS-7608NI-K2/8P",
              "--serial",
              nvr.identity().serial(),
              "--device-date",
              "2026-11-25",
              "--first-name",
              "Jane",
              "--last-name",
              "Doe",
              "--phone",
              "+1 416 555 0100",
              "--info-photo",
              info.toString(),
              "--sticker-photo",
              label.toString(),
              "--out",
              dir.resolve("pkg").toString());
      assertEquals(ExitCodes.USAGE, noStart.code(), noStart.all());
      assertTrue(noStart.err().contains("startTime"), noStart.err());

      Secret temporary = desk.grant(ticket).temporaryPassword();
      Path out = dir.resolve("admin.txt");
      Run done =
          Run.with(
              Map.of("T", new String(temporary.copyChars())),
              "",
              "reset",
              "complete",
              "--vendor",
              "hikvision",
              "--url",
              url(nvr),
              "--temporary-password-env",
              "T",
              "--ticket",
              ticket,
              "--generate",
              "--new-password-out",
              out.toString());
      assertEquals(0, done.code(), done.all());
      String pw = Files.readString(out).strip();
      assertTrue(nvr.accepts("admin", Secret.of(pw)));
      assertFalse(nvr.accepts("admin", temporary));
      assertFalse(done.all().contains(pw));
    }
  }
}
