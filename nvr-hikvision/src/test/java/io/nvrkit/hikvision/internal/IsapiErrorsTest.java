package io.nvrkit.hikvision.internal;

import static io.nvrkit.hikvision.internal.Bodies.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.ProtocolException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** ResponseStatus → typed exceptions (research note §4), keyed on codes, never on words. */
class IsapiErrorsTest {
  private static NvrException map(int http, String body, boolean pw) {
    return IsapiErrors.map(http, utf8(body), pw, "http://d:80", "op");
  }

  @Test
  void notSupportWithHttp403() {
    assertInstanceOf(
        NotSupportedException.class,
        map(403, Bodies.status(4, "Invalid Operation", "notSupport"), false));
    assertInstanceOf(NotSupportedException.class, map(404, "", false));
  }

  @Test
  void badParametersKeepsItsCode() {
    NvrException e = map(400, Bodies.status(6, "Invalid XML Content", "badParameters"), true);
    assertEquals("6/badParameters", ((DeviceRejectedException) e).vendorCode().orElseThrow());
  }

  @Test
  void deviceErrorWithHttp500() {
    NvrException e = map(500, Bodies.status(3, "Device Error", "deviceError"), false);
    assertEquals("3/deviceError", ((DeviceRejectedException) e).vendorCode().orElseThrow());
  }

  @Test
  void lowPrivilegeIsARefusal() {
    NvrException e = map(403, Bodies.status(4, "Invalid Operation", "lowPrivilege"), false);
    assertEquals("4/lowPrivilege", ((DeviceRejectedException) e).vendorCode().orElseThrow());
  }

  @Test
  void busyIsRetryableAndBadXmlIsAProtocolError() {
    NvrException busy = map(503, Bodies.status(2, "Device Busy", "deviceBusy"), false);
    assertInstanceOf(DeviceUnreachableException.class, busy);
    assertTrue(busy.isRetryable());
    assertInstanceOf(
        ProtocolException.class,
        map(400, Bodies.status(5, "Invalid XML Format", "badXmlFormat"), false));
  }

  @Test
  void aPasswordSubStatusIsAPolicyRefusalOnlyWhenAPasswordWasSent() {
    String body = Bodies.status(6, "Invalid XML Content", "riskPassword");
    assertInstanceOf(PolicyViolationException.class, map(400, body, true));
    assertInstanceOf(DeviceRejectedException.class, map(400, body, false));
  }

  @Test
  void messagesNeverQuoteTheDevicesWords() {
    NvrException e = map(400, Bodies.status(6, "secret-looking words", "badParameters"), false);
    assertFalse(e.getMessage().contains("secret-looking"));
  }

  @Test
  void aRefusalKeepsTheHttpStatusOfItsAnswer() {
    // a ResponseStatus next to its status: the code says the device judged the request
    DeviceRejectedException deviceError =
        (DeviceRejectedException) map(500, Bodies.status(3, "Device Error", "deviceError"), false);
    assertEquals(OptionalInt.of(500), deviceError.httpStatus());
    DeviceRejectedException lowPrivilege =
        (DeviceRejectedException)
            map(403, Bodies.status(4, "Invalid Operation", "lowPrivilege"), false);
    assertEquals(OptionalInt.of(403), lowPrivilege.httpStatus());
    // no ResponseStatus: the status is all there is
    for (int status : new int[] {400, 403, 500, 503}) {
      DeviceRejectedException bare = (DeviceRejectedException) map(status, "<html/>", false);
      assertEquals(OptionalInt.of(status), bare.httpStatus());
      assertEquals("HTTP " + status, bare.vendorCode().orElseThrow());
    }
  }

  @Test
  void aResponseStatusInA2xxAnswerHasNoHttpStatus() {
    DeviceRejectedException e =
        (DeviceRejectedException)
            map(200, Bodies.status(6, "Invalid XML Content", "badParameters"), false);
    assertEquals(OptionalInt.empty(), e.httpStatus());
    assertEquals("6/badParameters", e.vendorCode().orElseThrow());
  }

  @Test
  void statusInsideA200() {
    assertNull(IsapiErrors.failureIn2xx(utf8(Bodies.OK)));
    assertNull(
        IsapiErrors.failureIn2xx(utf8(Bodies.status(7, "Reboot Required", "rebootRequired"))));
    assertNotNull(
        IsapiErrors.failureIn2xx(utf8(Bodies.status(6, "Invalid XML Content", "badXmlContent"))));
    assertNull(IsapiErrors.failureIn2xx(new byte[0]));
  }
}
