package io.nvrkit.testkit.internal.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fake's SOAP reader (also WS-Discovery's) refuses bytes that are not valid in the document's
 * encoding with its usual not-well-formed fault and prints nothing on standard error; a request
 * declaring another encoding still parses.
 */
class SoapReaderEncodingTest {

  @Test
  void invalidBytesAreNotWellFormedAndNothingIsPrinted() {
    byte[] utf16 = "<a/>".getBytes(StandardCharsets.UTF_16);
    List<byte[]> hostile =
        List.of(
            new byte[] {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'},
            new byte[] {' ', '<', 'a', '>', (byte) 0xFF, '<', '/', 'a', '>'},
            new byte[] {(byte) 0xEF, (byte) 0xBB, 'x', '<', 'a', '/', '>'},
            Arrays.copyOf(utf16, utf16.length - 1));
    PrintStream original = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      for (byte[] b : hostile) {
        SoapFault f = assertThrows(SoapFault.class, () -> SoapReader.parse(b));
        assertEquals("The request is not well-formed XML", f.reason);
        assertEquals("WellFormed", f.subcodes.get(0).getLocalPart());
      }
    } finally {
      System.setErr(original);
    }
    assertEquals("", printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aRequestDeclaringLatin1StillParses() {
    byte[] latin1 =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\u00e9</a>"
            .getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("caf\u00e9", SoapReader.parse(latin1).text());
  }
}
