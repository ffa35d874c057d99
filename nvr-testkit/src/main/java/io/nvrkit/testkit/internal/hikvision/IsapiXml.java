package io.nvrkit.testkit.internal.hikvision;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * ISAPI XML as the firmware writes it (declaration, root with {@code version} and a default
 * namespace, one element per line, CRLF line ends) and as it reads it (by local name, any namespace
 * or none, no DTD, bounded size).
 */
final class IsapiXml {
  /** Largest request body the device parses. */
  static final int MAX_BODY = 64 * 1024;

  private final StringBuilder sb = new StringBuilder(512);
  private final String root;

  /**
   * Starts a document.
   *
   * @param root the root element
   * @param namespace its default namespace, or null for none
   * @param version the {@code version} attribute, or null for none
   */
  IsapiXml(String root, String namespace, String version) {
    this.root = root;
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<").append(root);
    if (version != null) {
      sb.append(" version=\"").append(version).append('"');
    }
    if (namespace != null) {
      sb.append(" xmlns=\"").append(namespace).append('"');
    }
    sb.append(">\r\n");
  }

  IsapiXml el(String name, Object value) {
    sb.append('<').append(name).append('>').append(esc(String.valueOf(value)));
    sb.append("</").append(name).append(">\r\n");
    return this;
  }

  IsapiXml open(String name) {
    sb.append('<').append(name).append(">\r\n");
    return this;
  }

  IsapiXml close(String name) {
    sb.append("</").append(name).append(">\r\n");
    return this;
  }

  String end() {
    return sb.append("</").append(root).append(">\r\n").toString();
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A request body that is not acceptable XML. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** A parsed request document, read by local names. */
  static final class Doc {
    private final Element root;

    private Doc(Element root) {
      this.root = root;
    }

    String rootName() {
      return localName(root);
    }

    /** The text of the first element with this local name (root's descendants), trimmed. */
    Optional<String> text(String localName) {
      Element e = first(root, localName);
      return e == null ? Optional.empty() : Optional.of(e.getTextContent().trim());
    }

    /** The text of the first such element, as a char array (for passwords). */
    char[] chars(String localName) {
      Element e = first(root, localName);
      return e == null ? null : e.getTextContent().toCharArray();
    }

    private static Element first(Element parent, String name) {
      NodeList all = parent.getElementsByTagNameNS("*", name);
      if (all.getLength() > 0) {
        return (Element) all.item(0);
      }
      NodeList plain = parent.getElementsByTagName(name);
      return plain.getLength() > 0 ? (Element) plain.item(0) : null;
    }

    private static String localName(Node n) {
      return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }
  }

  /**
   * Parses a request body.
   *
   * @param body the bytes
   * @return the document
   * @throws Malformed if empty, too large, not well-formed, or with a DTD
   */
  static Doc parse(byte[] body) throws Malformed {
    if (body.length == 0) {
      throw new Malformed("empty body");
    }
    if (body.length > MAX_BODY) {
      throw new Malformed("body too large");
    }
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setErrorHandler(new DefaultHandler());
      Document d = b.parse(new ByteArrayInputStream(body));
      return new Doc(d.getDocumentElement());
    } catch (SAXException | IOException e) {
      throw new Malformed("not well-formed XML");
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML parser cannot be hardened", e);
    }
  }
}
