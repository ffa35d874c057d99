package io.nvrkit.hikvision.internal;

import static io.nvrkit.hikvision.internal.Bodies.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.hikvision.internal.IsapiDocs.DeviceInfo;
import io.nvrkit.hikvision.internal.IsapiDocs.UserCheck;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ISAPI document parsers as pure functions on real and hand-written bodies. */
class IsapiDocsTest {
  @Test
  void nvrDeviceInfoInTheIsapiNamespace() throws Exception {
    DeviceInfo d = IsapiDocs.deviceInfo(utf8(Bodies.NVR_DEVICE_INFO));
    assertEquals("DS-7608NXI-I2/8P/S", d.model());
    assertEquals(Bodies.NVR_SERIAL, d.serial());
    assertEquals("NVR", d.deviceType());
    assertEquals("2024-08-26", d.firmwareBuild());
    assertNull(d.manufacturer());
  }

  @Test
  void cameraDeviceInfoInTheHikvisionNamespace() throws Exception {
    DeviceInfo d = IsapiDocs.deviceInfo(utf8(Bodies.CAMERA_DEVICE_INFO));
    assertEquals("DS-2CD2386G2-IU20210101AAWRJ12345678", d.serial());
    assertEquals("IPCamera", d.deviceType());
    assertEquals("6aff4000-1f90-00b0-0000-000c00000000", d.deviceId());
    assertEquals("0x0", d.hardwareVersion());
    assertEquals("hikvision", d.manufacturer());
  }

  @Test
  void deviceInfoWithoutANamespaceIsReadToo() throws Exception {
    // pyHik crashes on this (research note §1.1); local names are enough
    String noNs = Bodies.NVR_DEVICE_INFO.replace(" xmlns=\"" + Bodies.ISAPI_NS + "\"", "");
    assertEquals(Bodies.NVR_SERIAL, IsapiDocs.deviceInfo(utf8(noNs)).serial());
  }

  @Test
  void deviceInfoWithoutSerialIsMalformed() {
    String s =
        Bodies.NVR_DEVICE_INFO.replaceAll("<serialNumber>.*</serialNumber>", "<serialNumber/>");
    assertThrows(IsapiDocs.Malformed.class, () -> IsapiDocs.deviceInfo(utf8(s)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><DeviceInfo><model>&x;</model></DeviceInfo>",
        "<DeviceInfo><model>a</model>",
        "not xml at all",
        ""
      })
  void hostileOrBrokenXmlIsRefused(String body) {
    assertThrows(IsapiDocs.Malformed.class, () -> IsapiDocs.deviceInfo(utf8(body)));
  }

  @Test
  void oversizedDocumentIsRefusedWithoutParsing() {
    byte[] big = new byte[IsapiXml.MAX_BYTES + 1];
    assertThrows(IsapiXml.RejectedXmlException.class, () -> IsapiXml.parse(big));
  }

  @Test
  void timeGivesTheDisplayedTimeAndTheInvertedSignZone() throws Exception {
    IsapiDocs.DeviceTime t = IsapiDocs.time(utf8(Bodies.TIME_CST8));
    assertEquals("2026-07-01T08:10:11+08:00", t.localTime().toString());
    assertEquals(ZoneOffset.ofHours(8), t.timeZone().standardOffset());
    assertEquals("NTP", t.timeMode());
  }

  @Test
  void timeWithAnOffsetWithoutColonIsTolerated() throws Exception {
    String s = Bodies.TIME_CST8.replace("+08:00</localTime>", "+0800</localTime>");
    assertEquals(ZoneOffset.ofHours(8), IsapiDocs.time(utf8(s)).localTime().getOffset());
  }

  @Test
  void theCapturedLocked401() {
    UserCheck u = IsapiDocs.userCheck(utf8(Bodies.USERCHECK_401_LOCKED));
    assertTrue(u.locked());
    assertEquals(210, u.unlockSeconds().getAsInt());
    assertEquals(0, u.retriesLeft().getAsInt());
    assertEquals(401, u.statusValue());
  }

  @Test
  void the2017HtmlUnauthorizedIsNotAUserCheck() {
    assertNull(
        IsapiDocs.userCheck(
            utf8("<!DOCTYPE html><html><head><title>Document Error: Unauthorized</title></head>")));
  }

  @Test
  void userListLevelsAndIds() throws Exception {
    List<IsapiDocs.User> users = IsapiDocs.users(utf8(Bodies.USER_LIST));
    assertEquals(1, users.get(0).id());
    assertTrue(users.get(0).account().builtIn());
    assertEquals(AccountLevel.OPERATOR, users.get(1).account().level());
    assertEquals(AccountLevel.USER, users.get(2).account().level());
    assertEquals("Viewer", users.get(2).account().group());
  }

  @Test
  void responseStatusAndLockSettings() throws Exception {
    IsapiDocs.ResponseStatus ok = IsapiDocs.responseStatus(utf8(Bodies.OK));
    assertTrue(ok.ok());
    IsapiDocs.ResponseStatus bad =
        IsapiDocs.responseStatus(utf8(Bodies.status(6, "Invalid XML Content", "badXmlContent")));
    assertFalse(bad.ok());
    assertEquals("badXmlContent", bad.subStatusCode());
    IsapiDocs.LockSettings l = IsapiDocs.lockSettings(utf8(Bodies.ILLEGAL_LOGIN_LOCK));
    assertEquals(new IsapiDocs.LockSettings(true, 5, 1800), l);
  }

  @Test
  void activationStateAcceptsTheFirmwaresFlase() throws Exception {
    assertTrue(IsapiDocs.activated(utf8(Bodies.ACTIVATED)));
    assertFalse(
        IsapiDocs.activated(utf8("<ActivateStatus><Activated>flase</Activated></ActivateStatus>")));
  }

  @Test
  void firmwareAndBuildFromSadp() {
    String[] fw = IsapiDocs.firmwareAndBuild("V5.6.2build 190701");
    assertEquals("V5.6.2", fw[0]);
    assertEquals("2019-07-01", fw[1]);
  }

  /**
   * Bytes that are not UTF-8 are refused (by the SPI's reader) before the JDK's reader sees them:
   * it would print a "[Fatal Error]" line on standard error; a document declaring another encoding
   * still parses.
   */
  @Test
  void invalidUtf8IsRefusedAndADeclaredLatin1DocumentParses() throws Exception {
    java.io.PrintStream original = System.err;
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      byte[] broken = {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'};
      IsapiXml.RejectedXmlException e =
          assertThrows(IsapiXml.RejectedXmlException.class, () -> IsapiXml.parse(broken));
      assertEquals("document is not valid UTF-8", e.getMessage());
      byte[] halfBom = {(byte) 0xEF, (byte) 0xBB, 'x', '<', 'a', '/', '>'};
      assertThrows(IsapiXml.RejectedXmlException.class, () -> IsapiXml.parse(halfBom));
    } finally {
      System.setErr(original);
    }
    assertEquals("", printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '<', 'a', '>', 'b', '<', '/', 'a', '>'};
    assertEquals("b", IsapiXml.parse(bom).text());
    byte[] latin1 =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\u00e9</a>"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals("caf\u00e9", IsapiXml.parse(latin1).text());
  }
}
