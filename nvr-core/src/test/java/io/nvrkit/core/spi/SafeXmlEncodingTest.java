package io.nvrkit.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

/**
 * Bytes that are not valid in the document's encoding are refused with a message that names the
 * encoding and quotes nothing, and reading never prints on standard error (the JDK's reader prints
 * a "[Fatal Error]" line for them); documents in another encoding still reach the reader.
 */
class SafeXmlEncodingTest {
  private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;

  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Reads the whole document and returns the text of the root element. */
  private static String readAll(byte[] document) throws XMLStreamException {
    XMLStreamReader r = SafeXml.newReader(document, 1 << 20);
    try {
      StringBuilder text = new StringBuilder();
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.CHARACTERS) {
          text.append(r.getText());
        }
      }
      return text.toString();
    } finally {
      r.close();
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  /** Runs the body with standard error captured and returns what was printed there. */
  private static String stderrOf(Body body) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> hostile() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("broken 2-byte sequence", bytes('<', 'a', '>', 0xC3, 0x28, '<', '/', 'a', '>'));
    m.put("sequence cut short at the end", bytes('<', 'a', '>', 0xE2, 0x82));
    m.put("overlong form", bytes('<', 'a', '>', 0xC0, 0x80, '<', '/', 'a', '>'));
    m.put("surrogate", bytes('<', 'a', '>', 0xED, 0xA0, 0x80, '<', '/', 'a', '>'));
    // the JDK switches to a declared encoding only after "<?xml version": otherwise UTF-8 rules
    m.put(
        "declaration without version naming Latin-1, then a code point above U+10FFFF",
        concat(
            "<?xml encoding=\"ISO-8859-1\"?><a>".getBytes(LATIN1),
            bytes(0xF4, 0x90, 0x80, 0x80, '<', '/', 'a', '>')));
    m.put(
        "declaration naming an unknown encoding, then a byte UTF-8 never has",
        concat(
            "<?xml version=\"1.0\" encoding=\"bogus\"?><a>".getBytes(LATIN1),
            bytes(0xF5, 0x80, 0x80, 0x80, '<', '/', 'a', '>')));
    // UTF-16 by its byte-order mark, but declaring US-ASCII: the JDK reads the raw bytes as ASCII
    m.put(
        "UTF-16 declaring US-ASCII with a unit above 0x7F",
        "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>caf\u00e9</a>"
            .getBytes(StandardCharsets.UTF_16));
    m.put("above U+10FFFF", bytes('<', 'a', '>', 0xF4, 0x90, 0x80, 0x80, '<', '/', 'a', '>'));
    m.put("byte in an attribute", bytes('<', 'a', ' ', 'b', '=', '"', 0xFF, '"', '/', '>'));
    m.put("byte after the root", bytes('<', 'a', '/', '>', 0xFF));
    m.put("leading space, then a bad byte", bytes(' ', '<', 'a', '>', 0xFF, '<', '/', 'a', '>'));
    m.put("no markup at all", bytes('x', 0xFF));
    m.put("byte-order mark cut short", bytes(0xEF, 0xBB, 'x', '<', 'a', '/', '>'));
    m.put("byte-order mark cut short, nothing else", bytes(0xEF, 0xBB));
    m.put("lone 0xEF", bytes(0xEF));
    m.put(
        "declared UTF-8 (lower case), Latin-1 bytes",
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>\u00ff</a>".getBytes(LATIN1));
    m.put(
        "declared Latin-1, a bad byte inside the declaration",
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\" standalone=\"\u00ff\"?><a/>"
            .getBytes(LATIN1));
    m.put(
        "a processing instruction that is not a declaration",
        "<?xml-stylesheet encoding=\"ISO-8859-1\"?><a>\u00ff</a>".getBytes(LATIN1));
    m.put(
        "declared US-ASCII, a byte above 0x7F",
        "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>\u00ff</a>".getBytes(LATIN1));
    byte[] utf16 = "<a>x</a>".getBytes(StandardCharsets.UTF_16);
    m.put("UTF-16 with an odd number of bytes", Arrays.copyOf(utf16, utf16.length - 1));
    byte[] utf16le =
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>".getBytes(StandardCharsets.UTF_16LE);
    m.put("UTF-16LE without a mark, odd length", Arrays.copyOf(utf16le, utf16le.length - 1));
    return m;
  }

  @Test
  void invalidBytesAreRefusedNamingTheEncodingAndNothingIsPrinted() throws Exception {
    for (Map.Entry<String, byte[]> c : hostile().entrySet()) {
      XMLStreamException[] thrown = new XMLStreamException[1];
      String printed =
          stderrOf(
              () ->
                  thrown[0] =
                      assertThrows(
                          SafeXml.InvalidEncodingException.class,
                          () -> readAll(c.getValue()),
                          c.getKey()));
      assertEquals("", printed, c.getKey() + ": printed on standard error");
      String message = thrown[0].getMessage();
      assertFalse(message.contains("\u00ff") || message.contains("ParseError"), c.getKey());
      assertTrue(message.startsWith("document is not valid "), c.getKey() + ": " + message);
    }
  }

  @Test
  void invalidUtf8IsRefusedWithAMessageThatQuotesNothing() {
    byte[] broken = concat("<a>secret-".getBytes(StandardCharsets.UTF_8), bytes(0xC3, 0x28));
    XMLStreamException e =
        assertThrows(XMLStreamException.class, () -> SafeXml.newReader(broken, 1 << 20));
    assertEquals("document is not valid UTF-8", e.getMessage());
    assertThrows(XMLStreamException.class, () -> SafeXml.checkEncoding(broken));
  }

  @Test
  void validDocumentsInEveryEncodingStillParse() throws Exception {
    String text = "caf\u00e9 \u20ac \ud83d\ude00";
    String printed =
        stderrOf(
            () -> {
              assertEquals(text, readAll(("<a>" + text + "</a>").getBytes(StandardCharsets.UTF_8)));
              assertEquals(
                  text,
                  readAll(
                      concat(
                          bytes(0xEF, 0xBB, 0xBF),
                          ("<a>" + text + "</a>").getBytes(StandardCharsets.UTF_8))));
              assertEquals(
                  text,
                  readAll(
                      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>" + text + "</a>")
                          .getBytes(StandardCharsets.UTF_8)));
              assertEquals(
                  "caf\u00e9",
                  readAll(
                      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\u00e9</a>"
                          .getBytes(LATIN1)));
              assertEquals(
                  "caf\u00e9",
                  readAll(
                      "<?xml version='1.0'\r\n  encoding = 'iso-8859-1' ?><a>caf\u00e9</a>"
                          .getBytes(LATIN1)));
              assertEquals(
                  text, readAll(("<a>" + text + "</a>").getBytes(StandardCharsets.UTF_16)));
              assertEquals(
                  "x",
                  readAll(
                      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>x</a>"
                          .getBytes(StandardCharsets.UTF_16LE)));
              assertEquals(
                  "x",
                  readAll(
                      "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>x</a>"
                          .getBytes(StandardCharsets.US_ASCII)));
            });
    assertEquals("", printed);
  }

  @Test
  void aDeclaredEncodingTheReaderRefusesIsStillRefusedQuietly() throws Exception {
    byte[] unknown = "<?xml version=\"1.0\" encoding=\"X-NOPE\"?><a>\u00ff</a>".getBytes(LATIN1);
    String printed = stderrOf(() -> assertThrows(XMLStreamException.class, () -> readAll(unknown)));
    assertEquals("", printed);
  }

  @Test
  void mutatedDocumentsInAnyEncodingNeverPrint() throws Exception {
    byte[][] seeds = {
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a b=\"c\">caf\u00e9 \u20ac</a>"
          .getBytes(StandardCharsets.UTF_8),
      concat(bytes(0xEF, 0xBB, 0xBF), "<a>\ud83d\ude00</a>".getBytes(StandardCharsets.UTF_8)),
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\u00e9</a>".getBytes(LATIN1),
      "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>x</a>".getBytes(LATIN1),
      "<a>caf\u00e9</a>".getBytes(StandardCharsets.UTF_16),
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>".getBytes(StandardCharsets.UTF_16LE),
      "<?xml encoding=\"ISO-8859-1\"?><a>\ud83d\ude00</a>".getBytes(StandardCharsets.UTF_8),
      "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>x</a>".getBytes(StandardCharsets.UTF_16),
    };
    java.util.Random rnd = new java.util.Random(20261208L);
    String printed =
        stderrOf(
            () -> {
              for (int i = 0; i < 6_000; i++) {
                byte[] b = seeds[i % seeds.length].clone();
                for (int e = rnd.nextInt(3); e >= 0; e--) {
                  int at = rnd.nextInt(b.length);
                  if (rnd.nextBoolean()) {
                    b[at] = (byte) rnd.nextInt(256);
                  } else {
                    b = Arrays.copyOf(b, at + 1);
                  }
                }
                try {
                  readAll(b);
                } catch (XMLStreamException expected) {
                  // refused: fine, as long as nothing was printed
                }
              }
            });
    assertEquals("", printed);
  }
}
