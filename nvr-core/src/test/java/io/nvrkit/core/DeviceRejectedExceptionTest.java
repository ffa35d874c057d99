package io.nvrkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
  void aNumberThatIsNoHttpStatusGivesNoStatusAndStillBuildsTheException() {
    // the status comes from the device: a garbled one must not turn a refusal into another error
    for (int bad : new int[] {-1, 0, 50, 99, 1000}) {
      DeviceRejectedException e = new DeviceRejectedException("x", DEVICE, "login", "c", bad, null);
      assertEquals(OptionalInt.empty(), e.httpStatus());
      assertEquals("c", e.vendorCode().orElseThrow());
    }
    assertEquals(
        OptionalInt.of(100),
        new DeviceRejectedException("x", DEVICE, "login", null, 100, null).httpStatus());
    assertEquals(
        OptionalInt.of(999),
        new DeviceRejectedException("x", DEVICE, "login", null, 999, null).httpStatus());
  }
}
