package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeNvr;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The device commands driven against the testkit's fake Lorex recorder. */
class DeviceCommandsFakeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> ENV =
      Map.of(
          "PW",
          FakeNvr.DEFAULT_ADMIN_PASSWORD,
          "BAD",
          "Wrong-pass-99",
          "AMP",
          "Blue&Harbor-7319-Kite");

  static String url(FakeNvr nvr) {
    return nvr.endpoint().toString();
  }

  @Test
  void probeAndIdentity() throws Exception {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      Run p = Run.with(ENV, "", "probe", "--url", url(nvr), "--json");
      assertEquals(0, p.code(), p.all());
      JsonNode pj = JSON.readTree(p.out());
      assertEquals("lorex", pj.path("recognisedBy").path(0).asText());
      assertEquals(
          nvr.identity().serial(),
          pj.path("identity").path("fields").path("serial").path("value").asText());
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
      JsonNode j = JSON.readTree(r.out());
      assertEquals(
          nvr.identity().model(),
          j.path("identity").path("fields").path("model").path("value").asText());
      assertEquals(
          "NOT_READABLE_FROM_DEVICE",
          j.path("identity").path("fields").path("deviceId").path("provenance").asText());
      Run text =
          Run.with(
              ENV, "", "identity", "--url", url(nvr), "--user", "admin", "--password-env", "PW");
      assertTrue(text.out().contains("Serial number"), text.out());
      assertTrue(text.out().contains("sticker or Info screen"), text.out());
      // the zone the recorder's NTP settings give (the fake's default is Toronto, its offset now)
      String offset =
          nvr.clock().zone().getRules().getOffset(nvr.clock().now()).getId().replace("Z", "+00:00");
      assertEquals(
          offset, j.path("identity").path("fields").path("deviceZone").path("value").asText());
      assertTrue(j.path("identity").path("clockSkewMillis").isIntegralNumber(), r.out());
      assertTrue(
          text.out().lines().anyMatch(l -> l.matches("\\s*Time zone\\s+" + offset + "\\s.*")),
          text.out());
    }
  }

  @Test
  void wrongPasswordExitsFourAndNeverLocks() {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      for (int i = 0; i < 10; i++) {
        Run r =
            Run.with(
                ENV,
                "",
                "identity",
                "--url",
                url(nvr),
                "--vendor",
                "lorex",
                "--user",
                "admin",
                "--password-env",
                "BAD");
        assertEquals(4, r.code(), r.all());
      }
      assertFalse(nvr.isLocked("admin"));
    }
  }

  @Test
  void usersList() {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      Run r =
          Run.with(
              ENV,
              "",
              "users",
              "list",
              "--url",
              url(nvr),
              "--user",
              "admin",
              "--password-env",
              "PW");
      assertEquals(0, r.code(), r.all());
      assertTrue(r.out().contains("admin"), r.out());
    }
  }

  @Test
  void changePasswordGeneratedIntoAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      Path out = dir.resolve("new.txt");
      Run r =
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
              "--generate",
              "--new-password-out",
              out.toString());
      assertEquals(0, r.code(), r.all());
      String pw = Files.readString(out, StandardCharsets.UTF_8).strip();
      assertTrue(nvr.accepts("admin", Secret.of(pw)));
      assertFalse(r.all().contains(pw), "the new password is never printed");
      assertTrue(r.out().contains("Lorex mobile app"), r.out());
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        assertEquals(
            "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
      }
      Run again =
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
              "--generate",
              "--new-password-out",
              out.toString());
      assertEquals(1, again.code(), "an existing password file is never overwritten");
    }
  }

  @Test
  void ampersandExitsThreeAndNothingIsSent() {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      Run r =
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
              "AMP",
              "--profile",
              "dahua-firmware",
              "--generate",
              "--new-password-out",
              "/nonexistent/x");
      assertEquals(1, r.code(), "--generate and --new-password-env together is a usage error");
      Run r2 =
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
              "AMP");
      assertEquals(3, r2.code(), r2.all());
      assertEquals(0, nvr.journal("modifyPassword").size());
      assertFalse(r2.all().contains("Blue&Harbor"), r2.all());
    }
  }

  @Test
  void resetRequestAndComplete(@TempDir Path dir) throws Exception {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      Path info = dir.resolve("info.jpg");
      Path sticker = dir.resolve("sticker.png");
      Files.write(info, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 1});
      Files.write(sticker, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0});
      Run req =
          Run.with(
              ENV,
              "",
              "reset",
              "request",
              "--vendor",
              "lorex",
              "--url",
              url(nvr),
              "--model",
              nvr.identity().model(),
              "--device-id",
              nvr.identity().deviceId(),
              "--serial",
              nvr.identity().serial(),
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
              sticker.toString(),
              "--out",
              dir.resolve("pkg").toString(),
              "--json");
      assertEquals(0, req.code(), req.all());
      assertTrue(Files.exists(Path.of(JSON.readTree(req.out()).path("location").asText())));
      Run bad =
          Run.with(
              ENV,
              "",
              "reset",
              "request",
              "--vendor",
              "lorex",
              "--model",
              "N841A8",
              "--device-id",
              "SAME1234",
              "--serial",
              "SAME1234",
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
              sticker.toString(),
              "--out",
              dir.resolve("pkg2").toString());
      assertEquals(1, bad.code(), bad.all());
      assertTrue(bad.err().contains("deviceId"), bad.err());

      nvr.installTemporaryPassword(Secret.of("Tmp-7731-Qx"));
      Path out = dir.resolve("admin.txt");
      Run done =
          Run.with(
              Map.of("T", "Tmp-7731-Qx"),
              "",
              "reset",
              "complete",
              "--url",
              url(nvr),
              "--temporary-password-env",
              "T",
              "--generate",
              "--new-password-out",
              out.toString());
      assertEquals(0, done.code(), done.all());
      String pw = Files.readString(out).strip();
      assertTrue(nvr.accepts("admin", Secret.of(pw)));
      assertFalse(nvr.accepts("admin", Secret.of("Tmp-7731-Qx")));
      assertFalse(done.all().contains(pw));
      assertFalse(done.all().contains("Tmp-7731-Qx"));
    }
  }
}
