package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.OnvifProfile.Authentication.USERNAME_TOKEN;
import static io.nvrkit.testkit.internal.onvif.OnvifPersonalityTest.user;
import static io.nvrkit.testkit.internal.onvif.Soap.envelope;
import static io.nvrkit.testkit.internal.onvif.Soap.post;
import static io.nvrkit.testkit.internal.onvif.Soap.wsse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.testkit.OnvifProfile;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every response and every fault the fake can send validates against the official ONVIF schemas
 * (read from {@code -Dnvrkit.onvif.schemas}; skipped with a warning when absent).
 */
class OnvifSchemaValidationTest {

  @BeforeAll
  static void schemas() throws Exception {
    OnvifSchemas.schema();
  }

  /** Every kind of answer, each produced by a request that really triggers it. */
  static Map<String, Supplier<FakeResponse>> answers() {
    Map<String, Supplier<FakeResponse>> m = new LinkedHashMap<>();
    // successful responses of every implemented operation
    for (String op :
        List.of(
            "GetSystemDateAndTime",
            "GetHostname",
            "GetServiceCapabilities",
            "GetCapabilities",
            "GetWsdlUrl",
            "GetEndpointReference",
            "GetDeviceInformation",
            "GetNetworkInterfaces",
            "GetScopes",
            "GetUsers")) {
      m.put(op, () -> admin(new TestDevice(), "<tds:" + op + "/>"));
    }
    m.put(
        "GetServices(IncludeCapability=true)",
        () ->
            admin(
                new TestDevice(),
                "<tds:GetServices><tds:IncludeCapability>true</tds:IncludeCapability></tds:GetServices>"));
    m.put(
        "GetServices(IncludeCapability=false)",
        () ->
            admin(
                new TestDevice(),
                "<tds:GetServices><tds:IncludeCapability>false</tds:IncludeCapability></tds:GetServices>"));
    m.put(
        "GetCapabilities(Device)",
        () ->
            admin(
                new TestDevice(),
                "<tds:GetCapabilities><tds:Category>Device</tds:Category></tds:GetCapabilities>"));
    m.put(
        "GetSystemDateAndTime(Pacific/Chatham)",
        () -> {
          TestDevice d = new TestDevice();
          d.zone = ZoneId.of("Pacific/Chatham");
          return admin(d, "<tds:GetSystemDateAndTime/>");
        });
    m.put(
        "GetSystemDateAndTime(UTC)",
        () -> {
          TestDevice d = new TestDevice();
          d.zone = ZoneId.of("UTC");
          return admin(d, "<tds:GetSystemDateAndTime/>");
        });
    m.put(
        "CreateUsers",
        () ->
            admin(
                new TestDevice(),
                "<tds:CreateUsers>" + user("u1", "Pass-1234", "User") + "</tds:CreateUsers>"));
    m.put(
        "SetUser",
        () ->
            admin(
                new TestDevice(),
                "<tds:SetUser>" + user("viewer", "Pass-1234", "User") + "</tds:SetUser>"));
    m.put(
        "DeleteUsers",
        () ->
            admin(
                new TestDevice(),
                "<tds:DeleteUsers><tds:Username>viewer</tds:Username></tds:DeleteUsers>"));
    m.put(
        "SetSystemDateAndTime",
        () ->
            admin(
                new TestDevice(),
                OnvifPersonalityTest.setDateTime(
                    "Manual", "CET-1CEST,M3.5.0,M10.5.0/3", OnvifPersonalityTest.NOON)));
    m.put(
        "InvalidTimeZone",
        () ->
            admin(
                new TestDevice(),
                OnvifPersonalityTest.setDateTime("Manual", "x", OnvifPersonalityTest.NOON)));
    m.put(
        "InvalidDateTime",
        () -> admin(new TestDevice(), OnvifPersonalityTest.setDateTime("Manual", null, null)));
    m.put(
        "NtpServerUndefined",
        () -> admin(new TestDevice(), OnvifPersonalityTest.setDateTime("NTP", null, null)));
    // every fault
    m.put(
        "NotAuthorized(no credentials)",
        () -> raw(new TestDevice(), envelope(null, "<tds:GetUsers/>")));
    m.put(
        "NotAuthorized(wrong password)",
        () -> as(new TestDevice(), "admin", "nope", "<tds:GetUsers/>"));
    m.put(
        "NotAuthorized(level)",
        () -> as(new TestDevice(), "viewer", "V1ewer-Pass", "<tds:GetUsers/>"));
    m.put(
        "NotAuthorized(locked)",
        () -> {
          TestDevice d = new TestDevice();
          d.lockAfter = 1;
          d.recordFailure("admin");
          return admin(d, "<tds:GetUsers/>");
        });
    m.put(
        "UsernameClash",
        () ->
            admin(
                new TestDevice(),
                "<tds:CreateUsers>" + user("viewer", "Pass-1234", "User") + "</tds:CreateUsers>"));
    m.put(
        "UsernameTooLong",
        () ->
            admin(
                new TestDevice(),
                "<tds:CreateUsers>"
                    + user("x".repeat(33), "Pass-1234", "User")
                    + "</tds:CreateUsers>"));
    m.put(
        "UsernameTooShort",
        () ->
            admin(
                new TestDevice(),
                "<tds:CreateUsers>" + user("", "Pass-1234", "User") + "</tds:CreateUsers>"));
    m.put(
        "PasswordTooLong",
        () ->
            admin(
                new TestDevice(),
                "<tds:CreateUsers>" + user("u1", "p".repeat(33), "User") + "</tds:CreateUsers>"));
    m.put(
        "Password(too weak, CreateUsers)",
        () ->
            admin(
                new TestDevice(),
                "<tds:CreateUsers>" + user("u1", "p", "User") + "</tds:CreateUsers>"));
    m.put(
        "AnonymousNotAllowed",
        () ->
            admin(
                new TestDevice(),
                "<tds:CreateUsers>" + user("u1", "Pass-1234", "Anonymous") + "</tds:CreateUsers>"));
    m.put(
        "TooManyUsers",
        () -> {
          StringBuilder sb = new StringBuilder("<tds:CreateUsers>");
          for (int i = 0; i < 14; i++) {
            sb.append(user("u" + i, "Pass-1234", "User"));
          }
          return admin(new TestDevice(), sb.append("</tds:CreateUsers>").toString());
        });
    m.put(
        "PasswordTooWeak(SetUser)",
        () ->
            admin(
                new TestDevice(),
                "<tds:SetUser>" + user("viewer", "p", "User") + "</tds:SetUser>"));
    m.put(
        "UsernameMissing(SetUser)",
        () ->
            admin(
                new TestDevice(),
                "<tds:SetUser>" + user("ghost", "Pass-1234", "User") + "</tds:SetUser>"));
    m.put(
        "FixedUser(SetUser)",
        () ->
            admin(
                new TestDevice(),
                "<tds:SetUser>" + user("admin", "Pass-1234", "User") + "</tds:SetUser>"));
    m.put(
        "UsernameMissing(DeleteUsers)",
        () ->
            admin(
                new TestDevice(),
                "<tds:DeleteUsers><tds:Username>ghost</tds:Username></tds:DeleteUsers>"));
    m.put(
        "FixedUser(DeleteUsers)",
        () ->
            admin(
                new TestDevice(),
                "<tds:DeleteUsers><tds:Username>admin</tds:Username></tds:DeleteUsers>"));
    m.put(
        "InvalidArgVal(UserLevel)",
        () ->
            admin(
                new TestDevice(),
                "<tds:SetUser>" + user("viewer", "Pass-1234", "Root") + "</tds:SetUser>"));
    m.put("InvalidArgs(no User)", () -> admin(new TestDevice(), "<tds:SetUser/>"));
    m.put("ActionNotSupported", () -> admin(new TestDevice(), "<tds:SystemReboot/>"));
    m.put(
        "NoSuchService",
        () ->
            admin(
                new TestDevice(),
                "<tds:GetCapabilities><tds:Category>Media</tds:Category></tds:GetCapabilities>"));
    m.put(
        "VersionMismatch",
        () ->
            raw(
                new TestDevice(),
                "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>"));
    m.put(
        "MustUnderstand",
        () ->
            raw(
                new TestDevice(),
                envelope(
                    "<x:Custom xmlns:x=\"urn:example\" s:mustUnderstand=\"1\"/>",
                    "<tds:GetHostname/>")));
    m.put("WellFormed(DOCTYPE)", () -> raw(new TestDevice(), "<!DOCTYPE x []><x/>"));
    m.put("WellFormed(garbage)", () -> raw(new TestDevice(), "<<<"));
    return m;
  }

  private static FakeResponse raw(TestDevice d, String xml) {
    return new OnvifPersonality(
            d, OnvifSettings.of(OnvifProfile.builder().authentication(USERNAME_TOKEN).build()))
        .handle(post(xml));
  }

  private static FakeResponse as(TestDevice d, String user, String pw, String body) {
    return raw(d, envelope(wsse(user, pw, d.now()), body));
  }

  private static FakeResponse admin(TestDevice d, String body) {
    return as(d, "admin", "Admin12345", body);
  }

  @TestFactory
  Stream<DynamicTest> everyAnswerValidatesAgainstTheOfficialSchemas() {
    return answers().entrySet().stream()
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(),
                    () -> {
                      FakeResponse r = e.getValue().get();
                      List<String> errors = OnvifSchemas.validate(r.body());
                      assertEquals(List.of(), errors, e.getKey() + ":\n" + Soap.body(r));
                    }));
  }

  @Test
  void theCatalogueCoversEveryFaultSubcodeTheFakeEmits() {
    Set<String> seen = new TreeSet<>();
    for (Supplier<FakeResponse> s : answers().values()) {
      seen.add(Soap.faultPath(s.get()));
    }
    List<String> expected =
        List.of(
            "env:Sender/ter:NotAuthorized",
            "env:Sender/ter:OperationProhibited/ter:UsernameClash",
            "env:Sender/ter:OperationProhibited/ter:UsernameTooLong",
            "env:Sender/ter:OperationProhibited/ter:UsernameTooShort",
            "env:Sender/ter:OperationProhibited/ter:PasswordTooLong",
            "env:Sender/ter:OperationProhibited/ter:Password",
            "env:Sender/ter:OperationProhibited/ter:PasswordTooWeak",
            "env:Sender/ter:OperationProhibited/ter:AnonymousNotAllowed",
            "env:Receiver/ter:Action/ter:TooManyUsers",
            "env:Sender/ter:InvalidArgVal/ter:UsernameMissing",
            "env:Sender/ter:InvalidArgVal/ter:FixedUser",
            "env:Sender/ter:InvalidArgVal",
            "env:Sender/ter:InvalidArgs",
            "env:Receiver/ter:ActionNotSupported",
            "env:Receiver/ter:ActionNotSupported/ter:NoSuchService",
            "env:VersionMismatch",
            "env:MustUnderstand",
            "env:Sender/ter:WellFormed",
            "env:Sender/ter:InvalidArgVal/ter:InvalidTimeZone",
            "env:Sender/ter:InvalidArgVal/ter:InvalidDateTime",
            "env:Sender/ter:InvalidArgVal/ter:NtpServerUndefined");
    List<String> missing = new ArrayList<>();
    for (String e : expected) {
      if (!seen.contains(e)) {
        missing.add(e);
      }
    }
    assertEquals(List.of(), missing, "seen: " + seen);
  }

  @Test
  void theValidatorBitesOnTheNegativeSamples() throws Exception {
    Path samples = OnvifSchemas.dirOrSkip().resolve("samples");
    try (Stream<Path> files = Files.list(samples)) {
      for (Path p : (Iterable<Path>) files.sorted()::iterator) {
        List<String> errs = OnvifSchemas.validate(Files.readAllBytes(p));
        if (p.getFileName().toString().startsWith("invalid-")) {
          assertFalse(errs.isEmpty(), p + " must be rejected");
        } else {
          assertTrue(errs.isEmpty(), p + ": " + errs);
        }
      }
    }
  }
}
