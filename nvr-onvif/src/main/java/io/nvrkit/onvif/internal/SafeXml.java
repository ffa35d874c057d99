package io.nvrkit.onvif.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one XML parser of this module: the JDK's StAX reader ({@link
 * XMLInputFactory#newDefaultFactory()}, never a ServiceLoader-chosen one), hardened as
 * security-reliability.md §5 measured: no DTD support, no external entities, external DTD/schema
 * access disabled, a resolver that refuses everything, and a DOCTYPE refused outright (SOAP forbids
 * it). On top of the JDK's own limits it bounds depth, element count, attributes per element and
 * text size itself. Any prefix is accepted: elements are identified by namespace URI and local name
 * only. Thread-safe (the factory is configured once and only used to create readers).
 */
public final class SafeXml {
  /** Deepest element nesting accepted (ONVIF answers need about 12). */
  static final int MAX_DEPTH = 64;

  /** Most elements accepted in one document. */
  static final int MAX_ELEMENTS = 100_000;

  /** Most attributes on one element. */
  static final int MAX_ATTRIBUTES = 64;

  /** Largest text node, in chars. */
  static final int MAX_TEXT = 1 << 20;

  private static final XMLInputFactory FACTORY = newFactory();

  private SafeXml() {}

  /** XML the module refuses to read; the message names the reason, never the content. */
  public static final class RejectedXmlException extends Exception {
    private static final long serialVersionUID = 1L;

    RejectedXmlException(String message, Throwable cause) {
      super(message, cause);
    }
  }

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
    trySet(f, "jdk.xml.maxElementDepth", MAX_DEPTH);
    // no entity limits of 1 here: the JDK counts the predefined entities (&amp;) against them
    trySet(f, "jdk.xml.elementAttributeLimit", MAX_ATTRIBUTES);
    return f;
  }

  private static void trySet(XMLInputFactory f, String name, Object value) {
    try {
      f.setProperty(name, value);
    } catch (IllegalArgumentException e) {
      // not supported by this JDK build: our own bounds below still apply
    }
  }

  /** Initialises the factory and the reader code on first use (see {@link Warmup}). */
  static void warmUp() {
    try {
      parse(WARM_UP_DOCUMENT);
    } catch (RejectedXmlException e) {
      throw new IllegalStateException("the XML parser refused a well-formed document", e);
    }
  }

  private static final byte[] WARM_UP_DOCUMENT =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><e:a xmlns:e=\"urn:x\" b=\"c\"><e:d>t</e:d></e:a>"
          .getBytes(StandardCharsets.UTF_8);

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
      r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
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
      throw new RejectedXmlException("malformed or refused XML (" + kind(e) + ")", e);
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
