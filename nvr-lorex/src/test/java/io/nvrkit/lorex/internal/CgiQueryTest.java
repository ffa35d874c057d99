package io.nvrkit.lorex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.ViolationCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding against the firmware's decoding rule (research note §3.5). */
class CgiQueryTest {

  /** The firmware: percent-decode the whole query, then split on '&', then on the first '='. */
  static Map<String, String> firmwareDecode(String pathAndQuery) {
    String q = pathAndQuery.substring(pathAndQuery.indexOf('?') + 1);
    int hash = q.indexOf('#');
    if (hash >= 0) {
      q = q.substring(0, hash);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '%') {
        out.write(Integer.parseInt(q.substring(i + 1, i + 3), 16));
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else {
        out.write(c);
      }
    }
    String decoded = out.toString(StandardCharsets.UTF_8);
    Map<String, String> m = new LinkedHashMap<>();
    for (String part : decoded.split("&")) {
      int eq = part.indexOf('=');
      m.put(part.substring(0, eq), part.substring(eq + 1));
    }
    return m;
  }

  @Test
  void everyPrintableAsciiCharacterExceptAmpersandSurvivesTheFirmware() {
    for (char c = 0x20; c < 0x7f; c++) {
      if (c == '&') {
        continue;
      }
      String pw = "Ab1" + c + "x" + c;
      String line =
          CgiQuery.of("userManager.cgi", "modifyPassword")
              .param("name", "admin")
              .secret("pwd", Secret.of(pw))
              .secret("pwdOld", Secret.of("Old" + c + "pw1"))
              .build();
      Map<String, String> got = firmwareDecode(line);
      assertEquals(pw, got.get("pwd"), "character 0x" + Integer.toHexString(c));
      assertEquals("Old" + c + "pw1", got.get("pwdOld"), "character 0x" + Integer.toHexString(c));
      assertEquals("admin", got.get("name"));
      assertFalse(line.contains("+"), "a space is %20, never '+'");
      assertFalse(line.contains("#"), "'#' would truncate the query");
    }
  }

  @Test
  void spaceIsPercent20() {
    String line = CgiQuery.of("x.cgi", "y").param("v", "a b").build();
    assertEquals("/cgi-bin/x.cgi?action=y&v=a%20b", line);
  }

  @Test
  void utf8IsPercentEncoded() {
    String line = CgiQuery.of("x.cgi", "y").param("v", "é").build();
    assertEquals("/cgi-bin/x.cgi?action=y&v=%C3%A9", line);
  }

  @Test
  void ampersandIsRefusedBeforeSendingAsPolicyViolation() {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () -> CgiQuery.checkCarriable(Secret.of("Tr0ub4dor&3xyz"), "dev", "changePassword"));
    assertTrue(e.report().has(ViolationCode.FORBIDDEN_CHARACTER));
    assertFalse(e.getMessage().contains("Tr0ub4dor"), "no secret in the message");
    assertThrows(
        PolicyViolationException.class,
        () -> CgiQuery.checkCarriable(Secret.of(""), "dev", "changePassword"));
    assertThrows(
        PolicyViolationException.class,
        () -> CgiQuery.checkCarriable(Secret.of("abc\ndef12"), "dev", "changePassword"));
  }

  @Test
  void secretNamesAreReportedForRedaction() {
    CgiQuery q = CgiQuery.of("userManager.cgi", "modifyPassword").secret("pwd", Secret.of("x1Y"));
    assertEquals("pwd", q.secretNames()[0]);
    assertNotNull(q.toString());
    assertFalse(q.toString().contains("x1Y"));
  }
}
