package io.nvrkit.onvif.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one XML parser of this module, on the driver SPI's hardened reader ({@link
 * io.nvrkit.core.spi.SafeXml}: no DTD support, no external entities, external DTD/schema access
 * disabled, a DOCTYPE refused outright, which SOAP forbids anyway), building a small element tree.
 * It bounds depth, element count, attributes per element and text size (again) itself. Any prefix
 * is accepted: elements are identified by namespace URI and local name only. Thread-safe (the
 * factory is configured once and only used to create readers).
 */
public final class SafeXml {
  /** Deepest element nesting accepted (ONVIF answers need about 12). */
  static final int MAX_DEPTH = io.nvrkit.core.spi.SafeXml.MAX_DEPTH;

  /** Most elements accepted in one document. */
  static final int MAX_ELEMENTS = 100_000;

  /** Most attributes on one element. */
  static final int MAX_ATTRIBUTES = 64;

  /** Largest text node, in chars. */
  static final int MAX_TEXT = 1 << 20;

  private SafeXml() {}

  /** XML the module refuses to read; the message names the reason, never the content. */
  public static final class RejectedXmlException extends Exception {
    private static final long serialVersionUID = 1L;

    RejectedXmlException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Initialises the factory and the reader code on first use (see {@link Warmup}). */
  static void warmUp() {
    try {
      parse(WARM_UP_DOCUMENT.getBytes(StandardCharsets.UTF_8));
    } catch (RejectedXmlException e) {
      throw new IllegalStateException("the XML parser refused a well-formed document", e);
    }
  }

  private static final String WARM_UP_DOCUMENT =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><e:a xmlns:e=\"urn:x\" b=\"c\"><e:d>t</e:d></e:a>";

  /**
   * Parses a whole document.
   *
   * @param bytes the document (the transport already bounded its size)
   * @return the root element
   * @throws RejectedXmlException if it is malformed, truncated, has a DOCTYPE or breaks a bound
   */
  public static XmlElement parse(byte[] bytes) throws RejectedXmlException {
    XMLStreamReader r = null;
    try {
      r = io.nvrkit.core.spi.SafeXml.newReader(bytes, Integer.MAX_VALUE);
      XmlElement root = null;
      XmlElement current = null;
      int depth = 0;
      int elements = 0;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD:
            throw new RejectedXmlException("DOCTYPE is not allowed in SOAP", null);
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw new RejectedXmlException("entity references are not allowed", null);
          case XMLStreamConstants.START_ELEMENT:
            depth++;
            elements++;
            if (depth > MAX_DEPTH) {
              throw new RejectedXmlException("XML nested deeper than " + MAX_DEPTH, null);
            }
            if (elements > MAX_ELEMENTS) {
              throw new RejectedXmlException(
                  "XML has more than " + MAX_ELEMENTS + " elements", null);
            }
            if (root != null && current == null) {
              throw new RejectedXmlException("content after the document element", null);
            }
            int na = r.getAttributeCount();
            if (na > MAX_ATTRIBUTES) {
              throw new RejectedXmlException("too many attributes", null);
            }
            Map<QName, String> attrs = na == 0 ? Map.of() : new LinkedHashMap<>();
            for (int i = 0; i < na; i++) {
              attrs.put(r.getAttributeName(i), r.getAttributeValue(i));
            }
            int nn = r.getNamespaceCount();
            Map<String, String> decl = nn == 0 ? Map.of() : new HashMap<>();
            for (int i = 0; i < nn; i++) {
              String p = r.getNamespacePrefix(i);
              String u = r.getNamespaceURI(i);
              decl.put(p == null ? "" : p, u == null ? "" : u);
            }
            XmlElement e =
                new XmlElement(r.getNamespaceURI(), r.getLocalName(), attrs, decl, current);
            if (current != null) {
              current.addChild(e);
            } else {
              root = e;
            }
            current = e;
            break;
          case XMLStreamConstants.END_ELEMENT:
            depth--;
            current = current == null ? null : current.parentElement();
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            if (current != null) {
              if (r.getTextLength() > MAX_TEXT) {
                throw new RejectedXmlException("text node too large", null);
              }
              current.appendText(r.getText());
            }
            break;
          default:
            break;
        }
      }
      if (root == null) {
        throw new RejectedXmlException("no document element", null);
      }
      if (depth != 0) {
        throw new RejectedXmlException("truncated XML", null);
      }
      return root;
    } catch (XMLStreamException | RuntimeException e) {
      // the JDK reader reports limits, entity and syntax problems as XMLStreamException (or, for
      // some limits, as an unchecked exception); never echo its message, which may quote content
      // (the SPI's encoding check's message only names the encoding, and is kept)
      throw new RejectedXmlException(
          isEncodingRefusal(e) ? e.getMessage() : "malformed or refused XML (" + kind(e) + ")", e);
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException e) {
          // nothing to release
        }
      }
    }
  }

  /**
   * Whether the SPI refused the bytes before reading (see {@link
   * io.nvrkit.core.spi.SafeXml#checkEncoding}).
   */
  private static boolean isEncodingRefusal(Exception e) {
    return e instanceof io.nvrkit.core.spi.SafeXml.InvalidEncodingException;
  }

  private static String kind(Exception e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("DOCTYPE") || m.contains("DTD")) {
      return "DTD";
    }
    if (m.contains("ntity")) {
      return "entity";
    }
    if (m.contains("maxElementDepth") || m.contains("depth")) {
      return "too deep";
    }
    return e.getClass().getSimpleName();
  }
}
