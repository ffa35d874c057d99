package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
