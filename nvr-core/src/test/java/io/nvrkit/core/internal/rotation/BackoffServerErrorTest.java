package io.nvrkit.core.internal.rotation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which refusals the rotation engine takes as a 5xx answer without a verdict on the credentials
 * (retried, not counted as a failed login): from the typed HTTP status first, from the vendor
 * code's text only for drivers that do not set the status.
 */
class BackoffServerErrorTest {
  private static final String DEVICE = "http://192.0.2.7:80";

  private static DeviceRejectedException typed(int status, String vendorCode) {
    return new DeviceRejectedException(
        "the device answered HTTP " + status, DEVICE, "login", vendorCode, status, null);
  }

  private static DeviceRejectedException untyped(String vendorCode) {
    return new DeviceRejectedException("the device refused", DEVICE, "login", vendorCode, null);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504, 599})
  void aBare5xxStatusIsAServerErrorWithoutAnyVendorCode(int status) {
    // a third-party driver that gives only the status: no text convention to know
    assertTrue(Backoff.isServerError(typed(status, null)));
    assertTrue(Backoff.isTransient(typed(status, null)));
  }

  @Test
  void a503WhoseVendorCodeIsNotNumericIsAServerErrorWhenTheCodeOnlyRepeatsTheStatus() {
    // the bundled drivers' codes for a bare error answer: ONVIF and Hikvision
    assertTrue(Backoff.isServerError(typed(503, "http:503")));
    assertTrue(Backoff.isServerError(typed(503, "HTTP 503")));
    assertTrue(Backoff.isServerError(typed(500, "500")));
  }

  @Test
  void a403WhoseVendorCodeTextIs500IsNotAServerError() {
    assertFalse(Backoff.isServerError(typed(403, "500")));
    assertFalse(Backoff.isServerError(typed(403, "http:500")));
    assertFalse(Backoff.isTransient(typed(403, "500")));
    assertFalse(Backoff.isServerError(typed(400, null)));
    assertFalse(Backoff.isServerError(typed(429, null)));
  }

  @Test
  void a5xxCarryingTheDevicesOwnRefusalMayBeAVerdictAndIsNotAServerError() {
    // SOAP 1.2 over HTTP sends faults with 500; a fault about the Security header is a verdict
    assertFalse(Backoff.isServerError(typed(500, "ter:NotAuthorized")));
    assertFalse(Backoff.isServerError(typed(500, "env:MustUnderstand")));
    // a Hikvision ResponseStatus in a 5xx answer
    assertFalse(Backoff.isServerError(typed(500, "3/deviceError")));
    // a code that repeats another status than the answer's is the device's own
    assertFalse(Backoff.isServerError(typed(500, "503")));
    // a code the device gave, even a blank one, is its own: counted, never retried unseen
    assertFalse(Backoff.isServerError(typed(500, "")));
    assertFalse(Backoff.isServerError(typed(503, " ")));
  }

  @Test
  void withoutATypedStatusTheVendorCodeTextIsTheFallback() {
    assertTrue(Backoff.isServerError(untyped("500")));
    assertTrue(Backoff.isServerError(untyped("http:503")));
    assertTrue(Backoff.isServerError(untyped("HTTP 502")));
    assertFalse(Backoff.isServerError(untyped("400")));
    assertFalse(Backoff.isServerError(untyped("HTTP 403")));
    assertFalse(Backoff.isServerError(untyped("Error")));
    assertFalse(Backoff.isServerError(untyped("268632085")));
    assertFalse(Backoff.isServerError(untyped("5000")));
    assertFalse(Backoff.isServerError(untyped("\u0665\u0660\u0660"))); // non-ASCII digits
    assertFalse(Backoff.isServerError(untyped(null)));
  }

  @Test
  void onlyDeviceRefusalsAreServerErrors() {
    NvrException wrongPassword =
        new AuthenticationFailedException("refused", DEVICE, "login", 2, null);
    assertFalse(Backoff.isServerError(wrongPassword));
    assertFalse(Backoff.isServerError(new NvrException("HTTP 503")));
  }
}
