package io.nvrkit.testkit.internal.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The fake's reader serves a thread's documents one after another with one JDK reader (its {@code
 * reuse-instance} option): nothing of a document, a refused one included, may show in the next, and
 * the reader (whose symbol table keeps every name it read) is replaced after a refused document and
 * after {@value SoapReader#MAX_DOCUMENTS_PER_FACTORY} documents.
 */
class SoapReaderReuseTest {
  private static final String ENV = "http://www.w3.org/2003/05/soap-envelope";

  private static XmlNode parse(String xml) {
    return SoapReader.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aDocumentAfterRefusedOnesParsesAsOnItsOwn() {
    String good =
        "<e:Envelope xmlns:e=\""
            + ENV
            + "\"><e:Body><x:Op xmlns:x=\"urn:x\">v</x:Op></e:Body>"
            + "</e:Envelope>";
    String[] refused = {
      "<e:Envelope xmlns:e=\"" + ENV + "\"><e:Body><unclosed>",
      "<!DOCTYPE d [<!ENTITY x \"y\">]><d>&x;</d>",
      "<a><b></a>",
      "<p:a xmlns:p=\"urn:p\"><p:b>",
      "not xml at all"
    };
    for (int round = 0; round < 3; round++) {
      for (String bad : refused) {
        assertThrows(SoapFault.class, () -> parse(bad), bad);
        XmlNode root = parse(good);
        assertTrue(root.is(ENV, "Envelope"));
        XmlNode op = root.child(ENV, "Body").flatMap(XmlNode::firstChild).orElseThrow();
        assertTrue(op.is("urn:x", "Op"));
        assertEquals("v", op.text());
      }
    }
  }

  @Test
  void prefixesOfOneDocumentAreUnknownInTheNext() {
    XmlNode first = parse("<p:a xmlns:p=\"urn:p\"><p:b>1</p:b></p:a>");
    assertTrue(first.is("urn:p", "a"));
    // the same prefix, undeclared: not well-formed, whatever the previous document declared
    assertThrows(SoapFault.class, () -> parse("<p:a><p:b>2</p:b></p:a>"));
    XmlNode plain = parse("<a><b>3</b></a>");
    assertTrue(plain.is("", "a") || plain.is(null, "a"));
    assertFalse(plain.is("urn:p", "a"));
  }

  @Test
  void theThreadsReaderIsReplacedAfterARefusedDocumentAndAfterItsQuota() {
    parse("<a/>");
    Object before = SoapReader.threadFactory();
    parse("<b/>");
    assertSame(before, SoapReader.threadFactory(), "reused between good documents");
    assertThrows(SoapFault.class, () -> parse("<c><d></c>"));
    Object afterRefusal = SoapReader.threadFactory();
    assertNotSame(before, afterRefusal, "a refused document's reader is not kept");
    for (int i = 0; i < SoapReader.MAX_DOCUMENTS_PER_FACTORY + 1; i++) {
      parse("<n" + i + "/>"); // ever new names: what would grow a kept symbol table
    }
    assertNotSame(afterRefusal, SoapReader.threadFactory(), "replaced after its quota");
  }
}
