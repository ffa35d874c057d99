package io.nvrkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DeviceRejectedExceptionTest {
  private static final String DEVICE = "http://192.0.2.7:80";

  @Test
  void aRefusalWithoutAnHttpErrorHasNoStatus() {
    DeviceRejectedException e =
        new DeviceRejectedException("the device answered Error", DEVICE, "users", "Error", null);
    assertEquals(OptionalInt.empty(), e.httpStatus());
    assertEquals(Optional.of("Error"), e.vendorCode());
  }

  @Test
  void theStatusAndTheCodeAreKeptApart() {
    DeviceRejectedException e =
        new DeviceRejectedException(
            "the device refused users", DEVICE, "users", "ter:Action", 500, null);
    assertEquals(OptionalInt.of(500), e.httpStatus());
    assertEquals(Optional.of("ter:Action"), e.vendorCode());
    assertEquals(Optional.of(DEVICE), e.device());
    assertEquals(Optional.of("users"), e.operation());
    assertFalse(e.isRetryable());

    DeviceRejectedException bare =
        new DeviceRejectedException("HTTP 503", DEVICE, "login", null, 503, null);
    assertEquals(OptionalInt.of(503), bare.httpStatus());
    assertTrue(bare.vendorCode().isEmpty());
  }

  @Test
  void aNumberThatIsNoHttpStatusIsRefused() {
    for (int bad : new int[] {-1, 0, 99, 1000}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new DeviceRejectedException("x", DEVICE, "login", null, bad, null));
      assertTrue(e.getMessage().contains(Integer.toString(bad)), e.getMessage());
    }
  }
}
