package io.nvrkit.core.internal.xml;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * The hardened StAX factory behind {@link io.nvrkit.core.spi.SafeXml}: the JDK's own reader ({@link
 * XMLInputFactory#newDefaultFactory()}, never a ServiceLoader-chosen one), no DTD support, no
 * external entities, external DTD/schema access disabled, a resolver that refuses everything; the
 * readers it makes refuse a DOCTYPE and entity references and bound depth, element count,
 * attributes per element and text size. Bytes the JDK's own decoders would report (and print on
 * standard error first) are refused before the reader sees them ({@link EncodingCheck}).
 * Thread-safe (configured once, then only creates readers).
 */
public final class HardenedStax {
  private static final XMLInputFactory FACTORY = newFactory();

  private HardenedStax() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setXMLResolver(
        (publicId, systemId, base, ns) -> {
          throw new XMLStreamException("external resource refused");
        });
    trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    trySet(f, "jdk.xml.maxElementDepth", io.nvrkit.core.spi.SafeXml.MAX_DEPTH);
    // no entity limits of 1 here: the JDK counts the predefined entities (&amp;) against them
    trySet(f, "jdk.xml.elementAttributeLimit", io.nvrkit.core.spi.SafeXml.MAX_ATTRIBUTES);
    return f;
  }

  private static void trySet(XMLInputFactory f, String name, Object value) {
    try {
      f.setProperty(name, value);
    } catch (IllegalArgumentException e) {
      // not supported by this JDK build: the bounds of Bounded below still apply
    }
  }

  /**
   * A bounded reader over a whole document.
   *
   * @param document the bytes
   * @param maxBytes the largest document accepted
   * @return the reader
   * @throws XMLStreamException if the document is too large, not valid in its encoding, or the
   *     reader cannot start
   */
  public static XMLStreamReader reader(byte[] document, int maxBytes) throws XMLStreamException {
    if (document.length > maxBytes) {
      throw new XMLStreamException("XML document larger than " + maxBytes + " bytes");
    }
    EncodingCheck.check(document);
    return new Bounded(FACTORY.createXMLStreamReader(new ByteArrayInputStream(document)));
  }

  /**
   * Refuses a document whose bytes are not valid in the encoding the reader would read it in.
   *
   * @param document the bytes
   * @throws io.nvrkit.core.spi.SafeXml.InvalidEncodingException naming the encoding, never quoting
   *     content
   */
  public static void checkEncoding(byte[] document)
      throws io.nvrkit.core.spi.SafeXml.InvalidEncodingException {
    EncodingCheck.check(document);
  }

  /** Refuses DTDs and entity references and enforces the bounds while events are read. */
  private static final class Bounded extends StreamReaderDelegate {
    private int depth;
    private int elements;

    Bounded(XMLStreamReader r) {
      super(r);
    }

    @Override
    public int next() throws XMLStreamException {
      int ev = super.next();
      switch (ev) {
        case XMLStreamConstants.DTD:
          throw new XMLStreamException("DOCTYPE is not allowed");
        case XMLStreamConstants.ENTITY_REFERENCE:
          throw new XMLStreamException("entity references are not allowed");
        case XMLStreamConstants.START_ELEMENT:
          depth++;
          elements++;
          if (depth > io.nvrkit.core.spi.SafeXml.MAX_DEPTH) {
            throw new XMLStreamException("XML nested too deep (depth limit)");
          }
          if (elements > io.nvrkit.core.spi.SafeXml.MAX_ELEMENTS) {
            throw new XMLStreamException("XML has too many elements");
          }
          if (getAttributeCount() > io.nvrkit.core.spi.SafeXml.MAX_ATTRIBUTES) {
            throw new XMLStreamException("too many attributes");
          }
          break;
        case XMLStreamConstants.END_ELEMENT:
          depth--;
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          if (getTextLength() > io.nvrkit.core.spi.SafeXml.MAX_TEXT) {
            throw new XMLStreamException("text node too large");
          }
          break;
        default:
          break;
      }
      return ev;
    }
  }
}
