package io.nvrkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeviceAccountTest {
  private static final DeviceEndpoint NVR = DeviceEndpoint.of("https://192.0.2.10");

  @Test
  void printsAsTheJournalAndReportsNameIt() {
    DeviceAccount account = DeviceAccount.of(NVR, "Lorex", "admin");
    assertEquals("https://192.0.2.10:443 admin", account.toString());
    assertEquals("lorex", account.driverId());
  }

  @Test
  void equalWhenEndpointDriverAndUserAre() {
    assertEquals(DeviceAccount.of(NVR, "lorex", "admin"), DeviceAccount.of(NVR, "LOREX", "admin"));
    assertNotEquals(
        DeviceAccount.of(NVR, "lorex", "admin"), DeviceAccount.of(NVR, "lorex", "operator"));
  }

  @Test
  void refusesABlankUserOrDriverAndControlCharacters() {
    assertThrows(IllegalArgumentException.class, () -> DeviceAccount.of(NVR, "lorex", " "));
    assertThrows(IllegalArgumentException.class, () -> DeviceAccount.of(NVR, "lorex", "ad\nmin"));
    assertThrows(IllegalArgumentException.class, () -> DeviceAccount.of(NVR, "", "admin"));
    assertThrows(NullPointerException.class, () -> DeviceAccount.of(null, "lorex", "admin"));
  }
}
