package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeNvr;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** probe, identity, users and change-password on an ONVIF device (the testkit's fake). */
class OnvifCommandsFakeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Map<String, String> ENV =
      Map.of("PW", "Admin12345", "NEW", "Correct-Horse-Battery-9");

  static FakeNvr fake() {
    return FakeNvr.onvif().user("onvif-admin", "Admin12345", AccountLevel.ADMINISTRATOR).start();
  }

  @Test
  void probeDetectsOnvifAndIdentityWorksWithAndWithoutVendor() throws Exception {
    try (FakeNvr nvr = fake()) {
      String url = nvr.endpoint().toString();
      Run p = Run.with(ENV, "", "probe", "--url", url, "--json");
      assertEquals(0, p.code(), p.all());
      assertEquals("onvif", JSON.readTree(p.out()).path("recognisedBy").path(0).asText());
      for (String[] vendor : new String[][] {{"--vendor", "onvif"}, {}}) {
        String[] base = {
          "identity", "--url", url, "--user", "onvif-admin", "--password-env", "PW", "--json"
        };
        String[] args = new String[base.length + vendor.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(vendor, 0, args, base.length, vendor.length);
        Run r = Run.with(ENV, "", args);
        assertEquals(0, r.code(), r.all());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("onvif", j.path("vendor").asText());
        assertEquals(
            nvr.identity().serial(),
            j.path("identity").path("fields").path("serial").path("value").asText());
      }
    }
  }

  @Test
  void usersAndChangePassword() {
    try (FakeNvr nvr = fake()) {
      String url = nvr.endpoint().toString();
      Run u =
          Run.with(
              ENV,
              "",
              "users",
              "list",
              "--url",
              url,
              "--vendor",
              "onvif",
              "--user",
              "onvif-admin",
              "--password-env",
              "PW");
      assertEquals(0, u.code(), u.all());
      assertTrue(u.out().contains("onvif-admin"), u.out());
      Run c =
          Run.with(
              ENV,
              "",
              "change-password",
              "--url",
              url,
              "--vendor",
              "onvif",
              "--user",
              "onvif-admin",
              "--password-env",
              "PW",
              "--new-password-env",
              "NEW");
      assertEquals(0, c.code(), c.all());
      assertTrue(nvr.accepts("onvif-admin", Secret.of("Correct-Horse-Battery-9")));
      Run bad =
          Run.with(
              ENV,
              "",
              "identity",
              "--url",
              url,
              "--vendor",
              "onvif",
              "--user",
              "onvif-admin",
              "--password-env",
              "PW");
      assertEquals(4, bad.code(), bad.all());
    }
  }

  static final String PASSPHRASE = "correct-horse-battery-staple";

  static Run changeTo(FakeNvr nvr, String user, String password, String... extra) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "change-password",
                "--url",
                nvr.endpoint().toString(),
                "--user",
                user,
                "--password-env",
                "PW",
                "--new-password-env",
                "NEW"));
    args.addAll(java.util.List.of(extra));
    return Run.with(Map.of("PW", password, "NEW", PASSPHRASE), "", args.toArray(String[]::new));
  }

  @Test
  void changePasswordUsesTheConnectedDriversPolicy() {
    try (FakeNvr nvr = fake()) {
      // NIST-style on ONVIF: a long passphrase without upper case or digits is fine
      Run c = changeTo(nvr, "onvif-admin", "Admin12345");
      assertEquals(0, c.code(), c.all());
      assertTrue(nvr.accepts("onvif-admin", Secret.of(PASSPHRASE)));
    }
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      // the Lorex driver's own policy still refuses it, before anything is sent
      Run c = changeTo(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD);
      assertEquals(3, c.code(), c.all());
      assertTrue(c.err().contains("MISSING_UPPERCASE"), c.err());
      assertTrue(nvr.accepts("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)));
    }
  }

  @Test
  void profileAppliesToAGivenPasswordToo() throws Exception {
    try (FakeNvr nvr = fake()) {
      Run c = changeTo(nvr, "onvif-admin", "Admin12345", "--profile", "lorex", "--json");
      assertEquals(3, c.code(), c.all());
      JsonNode j = JSON.readTree(c.out());
      assertEquals("policy-violation", j.path("error").asText());
      assertTrue(j.path("message").asText().contains("MISSING_UPPERCASE"), c.out());
      assertTrue(nvr.accepts("onvif-admin", Secret.of("Admin12345")), "nothing was sent");
      assertTrue(!c.all().contains(PASSPHRASE), "the password is never shown");
      Run nist = changeTo(nvr, "onvif-admin", "Admin12345", "--profile", "nist");
      assertEquals(0, nist.code(), nist.all());
      assertTrue(nvr.accepts("onvif-admin", Secret.of(PASSPHRASE)));
    }
  }

  @Test
  void usersListColumnsFitTheirContent() {
    try (FakeNvr nvr = fake()) {
      Run u =
          Run.with(
              ENV,
              "",
              "users",
              "list",
              "--url",
              nvr.endpoint().toString(),
              "--user",
              "onvif-admin",
              "--password-env",
              "PW");
      assertEquals(0, u.code(), u.all());
      java.util.List<String> lines = u.out().lines().toList();
      int builtIn = lines.get(0).indexOf("BUILT-IN");
      assertTrue(builtIn > 0, u.out());
      for (String l : lines.subList(1, lines.size())) {
        assertTrue(
            l.substring(builtIn).equals("yes") || l.substring(builtIn).equals("no"),
            "columns out of line:\n" + u.out());
        assertEquals(' ', l.charAt(builtIn - 1), u.out());
        assertEquals(' ', l.charAt(builtIn - 2), "two spaces between columns:\n" + u.out());
      }
    }
  }

  @Test
  void identityClockSkewInOneReadableUnit() throws Exception {
    try (FakeNvr nvr = fake()) {
      String[] base = {
        "identity",
        "--url",
        nvr.endpoint().toString(),
        "--user",
        "onvif-admin",
        "--password-env",
        "PW"
      };
      Run t = Run.with(ENV, "", base);
      assertEquals(0, t.code(), t.all());
      assertTrue(
          t.out().lines().anyMatch(l -> l.matches("\\s*Clock skew\\s+[+-]\\d+\\.\\d{3} s")),
          t.out());
      assertFalse(t.out().contains("PT"), t.out());
      String[] json = java.util.Arrays.copyOf(base, base.length + 1);
      json[base.length] = "--json";
      JsonNode j = JSON.readTree(Run.with(ENV, "", json).out());
      assertTrue(j.path("identity").path("clockSkewMillis").isIntegralNumber(), j.toString());
      assertTrue(j.path("identity").path("clockSkewSeconds").isMissingNode(), j.toString());
    }
  }
}
