package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultMappingTest {

  /** A fault with the given code and subcodes, each "prefix:Name", with the prefixes declared. */
  static String fault(String envPrefix, String terPrefix, String code, String... subs) {
    StringBuilder sb = new StringBuilder();
    sb.append("<")
        .append(envPrefix)
        .append(":Envelope xmlns:")
        .append(envPrefix)
        .append("='http://www.w3.org/2003/05/soap-envelope'");
    if (terPrefix != null) {
      sb.append(" xmlns:").append(terPrefix).append("='http://www.onvif.org/ver10/error'");
    }
    sb.append("><")
        .append(envPrefix)
        .append(":Body><")
        .append(envPrefix)
        .append(":Fault><")
        .append(envPrefix)
        .append(":Code><")
        .append(envPrefix)
        .append(":Value>")
        .append(code)
        .append("</")
        .append(envPrefix)
        .append(":Value>");
    for (String s : subs) {
      sb.append("<")
          .append(envPrefix)
          .append(":Subcode><")
          .append(envPrefix)
          .append(":Value>")
          .append(s)
          .append("</")
          .append(envPrefix)
          .append(":Value>");
    }
    for (int i = 0; i < subs.length; i++) {
      sb.append("</").append(envPrefix).append(":Subcode>");
    }
    sb.append("</")
        .append(envPrefix)
        .append(":Code><")
        .append(envPrefix)
        .append(":Reason><")
        .append(envPrefix)
        .append(":Text xml:lang='en'>secret-looking reason Xyz!123</")
        .append(envPrefix)
        .append(":Text></")
        .append(envPrefix)
        .append(":Reason></")
        .append(envPrefix)
        .append(":Fault></")
        .append(envPrefix)
        .append(":Body></")
        .append(envPrefix)
        .append(":Envelope>");
    return sb.toString();
  }

  static SoapFault parse(String xml) throws Exception {
    XmlElement root = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    return SoapFault.in(root.child(Ns.ENV, "Body").orElseThrow()).orElseThrow();
  }

  @ParameterizedTest
  @CsvSource({
    "Sender, OperationProhibited, UsernameClash, ter:UsernameClash",
    "Sender, OperationProhibited, Password, ter:Password",
    "Sender, OperationProhibited, PasswordTooWeak, ter:PasswordTooWeak",
    "Sender, OperationProhibited, PasswordTooLong, ter:PasswordTooLong",
    "Sender, OperationProhibited, UsernameTooLong, ter:UsernameTooLong",
    "Sender, OperationProhibited, UsernameTooShort, ter:UsernameTooShort",
    "Receiver, Action, TooManyUsers, ter:TooManyUsers",
    "Sender, InvalidArgVal, FixedUser, ter:FixedUser",
    "Sender, InvalidArgVal, UsernameMissing, ter:UsernameMissing",
    "Sender, OperationProhibited, AnonymousNotAllowed, ter:AnonymousNotAllowed",
  })
  void commandFaultsBecomeDeviceRejectedWithTheTerCode(
      String code, String sub1, String sub2, String vendorCode) throws Exception {
    for (String[] prefixes : new String[][] {{"env", "ter"}, {"s", "err"}, {"SOAP-ENV", "x9"}}) {
      String xml =
          fault(
              prefixes[0],
              prefixes[1],
              prefixes[0] + ":" + code,
              prefixes[1] + ":" + sub1,
              prefixes[1] + ":" + sub2);
      NvrException e = FaultMapper.map(parse(xml), "http://127.0.0.1:1", "SetUser");
      DeviceRejectedException d = assertInstanceOf(DeviceRejectedException.class, e);
      assertEquals(vendorCode, d.vendorCode().orElseThrow());
      assertFalse(d.getMessage().contains("Xyz!123"), "reason text must not leak");
    }
  }

  @Test
  void notAuthorizedWithoutSecondSubcodeIsAnAuthenticationFailure() throws Exception {
    SoapFault f = parse(fault("env", "ter", "env:Sender", "ter:NotAuthorized"));
    assertTrue(f.hasTer("NotAuthorized"));
    assertInstanceOf(AuthenticationFailedException.class, FaultMapper.map(f, null, "GetUsers"));
  }

  @Test
  void undeclaredTerPrefixIsStillUnderstood() throws Exception {
    SoapFault f = parse(fault("env", null, "env:Sender", "ter:NotAuthorized"));
    assertTrue(f.hasTer("NotAuthorized"));
  }

  @Test
  void aSubcodeInAnotherNamespaceIsNotMistakenForOnvif() throws Exception {
    String xml =
        fault("env", "ter", "env:Sender", "v:NotAuthorized")
            .replace("xmlns:ter=", "xmlns:v='urn:vendor' xmlns:ter=");
    SoapFault f = parse(xml);
    assertFalse(f.hasTer("NotAuthorized"));
    assertInstanceOf(DeviceRejectedException.class, FaultMapper.map(f, null, "GetUsers"));
  }

  @Test
  void aRefusalKeepsTheHttpStatusOfItsAnswerUnlessItWasASuccess() throws Exception {
    SoapFault f = parse(fault("env", "ter", "env:Receiver", "ter:Action", "ter:TooManyUsers"));
    for (int status : new int[] {400, 500}) {
      DeviceRejectedException d =
          assertInstanceOf(DeviceRejectedException.class, FaultMapper.map(f, status, null, "X"));
      assertEquals(OptionalInt.of(status), d.httpStatus());
      assertEquals("ter:TooManyUsers", d.vendorCode().orElseThrow());
    }
    for (int status : new int[] {0, 200}) {
      DeviceRejectedException d =
          assertInstanceOf(DeviceRejectedException.class, FaultMapper.map(f, status, null, "X"));
      assertEquals(OptionalInt.empty(), d.httpStatus());
    }
  }

  @Test
  void aFaultWithoutACodeOrWithANumberForCodeIsStillTheDevicesOwnRefusal() throws Exception {
    // SOAP 1.1 faultcode/faultstring inside a SOAP 1.2 Fault: no env:Code at all
    String noCode =
        "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body><env:Fault>"
            + "<faultcode>x</faultcode><faultstring>refused</faultstring></env:Fault></env:Body>"
            + "</env:Envelope>";
    NvrException e = FaultMapper.map(parse(noCode), 500, "http://127.0.0.1:1", "GetUsers");
    DeviceRejectedException r = assertInstanceOf(DeviceRejectedException.class, e);
    assertEquals("env:Fault", r.vendorCode().orElseThrow());
    assertEquals(500, r.httpStatus().getAsInt());
    // a Code whose text is a number is not mistaken for a bare HTTP status
    assertEquals("fault:500", FaultMapper.ownCode("500"));
    assertEquals("fault:http:500", FaultMapper.ownCode("http:500"));
    assertEquals("env:Fault", FaultMapper.ownCode(" "));
    assertEquals("ter:TooManyUsers", FaultMapper.ownCode("ter:TooManyUsers"));
    assertEquals("1500", FaultMapper.ownCode("1500"));
  }

  @Test
  void actionNotSupportedIsNotSupported() throws Exception {
    SoapFault f = parse(fault("env", "ter", "env:Receiver", "ter:ActionNotSupported"));
    assertInstanceOf(NotSupportedException.class, FaultMapper.map(f, null, "GetScopes"));
  }

  @Test
  void lockoutCounterIsReadFromTheReason() throws Exception {
    String xml =
        fault("env", "ter", "env:Sender", "ter:NotAuthorized")
            .replace(
                "secret-looking reason Xyz!123",
                "Sender not Authorized. Invalid username or password! You still have 29"
                    + " attempt(s).");
    assertEquals(29, parse(xml).announcedRemainingAttempts());
  }
}
