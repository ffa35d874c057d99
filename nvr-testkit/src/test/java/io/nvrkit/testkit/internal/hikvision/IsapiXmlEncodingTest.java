package io.nvrkit.testkit.internal.hikvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Hikvision fake's request reader (a DOM parser with its own error handler, so the JDK does not
 * print) refuses a body that is not valid UTF-8 as malformed and prints nothing on standard error.
 */
class IsapiXmlEncodingTest {

  @Test
  void aBodyThatIsNotUtf8IsMalformedAndNothingIsPrinted() throws Exception {
    byte[] broken = {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'};
    PrintStream original = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      IsapiXml.Malformed e = assertThrows(IsapiXml.Malformed.class, () -> IsapiXml.parse(broken));
      assertEquals("not well-formed XML", e.getMessage());
    } finally {
      System.setErr(original);
    }
    assertEquals("", printed.toString(StandardCharsets.UTF_8));
    byte[] latin1 =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a><b>caf\u00e9</b></a>"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("caf\u00e9", IsapiXml.parse(latin1).text("b").orElseThrow());
  }
}
