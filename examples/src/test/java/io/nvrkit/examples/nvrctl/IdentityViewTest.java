package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How identity is shown: an unknown zone said so, clock skew in one readable unit. */
class IdentityViewTest {

  static String text(DeviceIdentity id) {
    StringWriter s = new StringWriter();
    IdentityView.print(new PrintWriter(s), id, "");
    return s.toString();
  }

  @Test
  void aZoneTheDeviceDoesNotGiveIsShownAsUnknown() {
    DeviceIdentity id =
        DeviceIdentity.builder()
            .set(IdentityField.SERIAL, "ND021811019863", Provenance.NETWORK_AUTHENTICATED)
            .deviceDateTime(LocalDateTime.of(2026, 11, 25, 9, 0), Provenance.NETWORK_AUTHENTICATED)
            .build();
    String t = text(id);
    assertTrue(t.lines().anyMatch(l -> l.matches("Time zone\\s+unknown\\s.*")), t);
    @SuppressWarnings("unchecked")
    Map<String, Object> zone =
        (Map<String, Object>)
            ((Map<String, Object>) IdentityView.json(id).get("fields")).get("deviceZone");
    assertTrue(zone.containsKey("value") && zone.get("value") == null, zone.toString());
  }

  @Test
  void clockSkewIsSignedSecondsWithMilliseconds() {
    assertEquals("-0.716 s", IdentityView.seconds(Duration.ofNanos(-716_334_959)));
    assertEquals("+0.000 s", IdentityView.seconds(Duration.ZERO));
    assertEquals("+3725.001 s", IdentityView.seconds(Duration.ofMillis(3_725_001)));
    assertEquals("-61.000 s", IdentityView.seconds(Duration.ofSeconds(-61)));
    DeviceIdentity id = DeviceIdentity.builder().clockSkew(Duration.ofMillis(-716)).build();
    assertEquals(-716L, IdentityView.json(id).get("clockSkewMillis"));
    assertTrue(text(id).contains("Clock skew           -0.716 s"), text(id));
  }
}
