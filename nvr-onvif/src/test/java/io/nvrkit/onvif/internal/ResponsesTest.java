package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsesTest {

  static XmlElement response(String xml) throws Exception {
    return SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8))
        .child(Ns.ENV, "Body")
        .orElseThrow()
        .firstChild()
        .orElseThrow();
  }

  @Test
  void systemDateAndTimeOfTheSampleGivesUtcLocalAndOffset() throws Exception {
    Responses.SystemDateTime sdt =
        Responses.systemDateAndTime(response(Fixtures.GET_SYSTEM_DATE_AND_TIME));
    assertEquals(Instant.parse("2024-05-01T04:00:07Z"), sdt.utc());
    assertEquals(LocalDateTime.parse("2024-05-01T12:00:07"), sdt.local());
    assertEquals(ZoneOffset.ofHours(8), sdt.offset().orElseThrow());
  }

  @Test
  void posixTimeZonesHaveInvertedSigns() {
    assertEquals(ZoneOffset.ofHours(8), Responses.posixStandardOffset("CST-8").orElseThrow());
    assertEquals(
        ZoneOffset.ofHours(-5), Responses.posixStandardOffset("EST5EDT,M3.2.0,M11.1.0").get());
    assertEquals(ZoneOffset.ofHoursMinutes(5, 30), Responses.posixStandardOffset("IST-5:30").get());
    assertEquals(ZoneOffset.ofHours(-3), Responses.posixStandardOffset("<-03>3").orElseThrow());
  }

  @Test
  void invalidDatesAreTreatedAsMissing() throws Exception {
    String bad =
        Fixtures.GET_SYSTEM_DATE_AND_TIME.replace(
            "<tt:Month>5</tt:Month>", "<tt:Month>13</tt:Month>");
    assertNull(Responses.systemDateAndTime(response(bad)).utc());
  }

  @Test
  void macIsNormalised() throws Exception {
    assertEquals(
        "44:19:b6:12:34:56",
        Responses.mac(response(Fixtures.GET_NETWORK_INTERFACES)).orElseThrow());
    assertEquals("44:19:b6:12:34:56", Scopes.normaliseMac("44-19-B6-12-34-56"));
    assertEquals("44:19:b6:12:34:56", Scopes.normaliseMac("4419.B612.3456"));
    assertEquals("44:19:b6:12:34:56", Scopes.normaliseMac(" 44 19 b6\t12 34 56\n"));
    assertEquals(
        "44:19:b6:12:34:5", Scopes.normaliseMac(" 44:19:b6:12:34:5 "), "11 digits: as given");
    assertEquals("44:19:b6:12:34:56:78", Scopes.normaliseMac("44:19:b6:12:34:56:78"));
    assertEquals(
        "44:19:g6:12:34:56", Scopes.normaliseMac("44:19:g6:12:34:56"), "not hex: as given");
  }

  @Test
  void scopesAreDecoded() {
    Scopes s =
        Scopes.decode(
            List.of(
                "onvif://www.onvif.org/type/video_encoder",
                "onvif://www.onvif.org/Hardware/NVR%201608",
                "onvif://www.onvif.org/name/Lobby+Cam",
                "onvif://www.onvif.org/MacAddress/4419B6123456",
                "onvif://www.onvif.org/SerialNumber/SN%C3%9C1",
                "garbage"));
    assertEquals("NVR 1608", s.hardware());
    assertEquals("Lobby+Cam", s.name());
    assertEquals("44:19:b6:12:34:56", s.mac());
    assertEquals("SNÜ1", s.serial());
  }

  @Test
  void capabilitiesFromGetServices() throws Exception {
    Capabilities c = Responses.servicesCapabilities(response(Fixtures.GET_SERVICES)).orElseThrow();
    assertEquals(Boolean.TRUE, c.usernameToken());
    assertEquals(Boolean.TRUE, c.httpDigest());
    assertEquals(16, c.maxUsers());
    assertEquals(32, c.maxUserNameLength());
    assertEquals(16, c.maxPasswordLength());
    assertEquals(true, c.modifyPassword());
  }

  @Test
  void emptyUserListIsEmpty() throws Exception {
    assertEquals(
        List.of(), Responses.users(response(Fixtures.envelope("<tds:GetUsersResponse/>"))));
    assertEquals(3, Responses.users(response(Fixtures.GET_USERS)).size());
  }
}
