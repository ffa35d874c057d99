package io.nvrkit.hikvision.internal;

import io.nvrkit.core.spi.SafeXml;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one XML reader of this module: a tree over the SPI's hardened reader ({@link SafeXml}: no DTD
 * support, no external entities, a DOCTYPE and entity references refused), with this module's
 * tighter bounds on size, depth, element count and text length on top. Elements are identified by
 * <b>local name only</b>: Hikvision firmware uses three default namespaces ({@code hikvision.com},
 * {@code isapi.org}, {@code std-cgi.org}) or none at all (research note §1.1). Thread-safe.
 */
public final class IsapiXml {
  /** Largest document accepted, in bytes (ISAPI account documents are a few kB). */
  public static final int MAX_BYTES = 1 << 20;

  static final int MAX_DEPTH = 32;
  static final int MAX_ELEMENTS = 20_000;
  static final int MAX_TEXT = 64 * 1024;

  private IsapiXml() {}

  /** XML this module refuses to read; the message names the reason, never the content. */
  public static final class RejectedXmlException extends Exception {
    private static final long serialVersionUID = 1L;

    RejectedXmlException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * One element: its local name, namespace URI ({@code ""} for none), stripped text and children.
   * Immutable once parsing has finished.
   */
  public static final class Node {
    private final String name;
    private final String namespace;
    private final StringBuilder text = new StringBuilder();
    private final List<Node> children = new ArrayList<>();

    Node(String name, String namespace) {
      this.name = name;
      this.namespace = namespace == null ? "" : namespace;
    }

    /**
     * The local name.
     *
     * @return the name
     */
    public String name() {
      return name;
    }

    /**
     * The namespace URI, {@code ""} when none.
     *
     * @return the URI
     */
    public String namespace() {
      return namespace;
    }

    /**
     * The element's own text, stripped.
     *
     * @return the text, possibly empty
     */
    public String text() {
      return text.toString().strip();
    }

    /**
     * The child elements, in order.
     *
     * @return the children
     */
    public List<Node> children() {
      return Collections.unmodifiableList(children);
    }

    /**
     * The first child with this local name (case-insensitive: firmware spells some elements
     * differently).
     *
     * @param localName the name
     * @return the child, or null
     */
    public Node child(String localName) {
      for (Node c : children) {
        if (c.name.equalsIgnoreCase(localName)) {
          return c;
        }
      }
      return null;
    }

    /**
     * The stripped text of the first child with this name.
     *
     * @param localName the name
     * @return the text, or null if absent or empty
     */
    public String childText(String localName) {
      Node c = child(localName);
      if (c == null) {
        return null;
      }
      String t = c.text();
      return t.isEmpty() ? null : t;
    }

    /**
     * Every child with this name.
     *
     * @param localName the name
     * @return the children, possibly empty
     */
    public List<Node> all(String localName) {
      List<Node> out = new ArrayList<>();
      for (Node c : children) {
        if (c.name.equalsIgnoreCase(localName)) {
          out.add(c);
        }
      }
      return out;
    }

    /**
     * Whether this element has the local name (case-insensitive).
     *
     * @param localName the name
     * @return true if it does
     */
    public boolean is(String localName) {
      return name.toLowerCase(Locale.ROOT).equals(localName.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return "Node[" + name + ", " + children.size() + " children]";
    }
  }

  /**
   * Parses a whole document.
   *
   * @param bytes the document
   * @return the root element
   * @throws RejectedXmlException if it is too large, malformed, truncated, has a DOCTYPE or breaks
   *     a bound
   */
  public static Node parse(byte[] bytes) throws RejectedXmlException {
    if (bytes == null || bytes.length == 0) {
      throw new RejectedXmlException("empty document", null);
    }
    if (bytes.length > MAX_BYTES) {
      throw new RejectedXmlException("document larger than " + MAX_BYTES + " bytes", null);
    }
    XMLStreamReader r = null;
    try {
      r = SafeXml.newReader(bytes, MAX_BYTES);
      List<Node> stack = new ArrayList<>();
      Node root = null;
      int elements = 0;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD:
            throw new RejectedXmlException("DOCTYPE is not allowed", null);
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw new RejectedXmlException("entity references are not allowed", null);
          case XMLStreamConstants.START_ELEMENT:
            elements++;
            if (stack.size() >= MAX_DEPTH) {
              throw new RejectedXmlException("XML nested deeper than " + MAX_DEPTH, null);
            }
            if (elements > MAX_ELEMENTS) {
              throw new RejectedXmlException("XML has too many elements", null);
            }
            if (root != null && stack.isEmpty()) {
              throw new RejectedXmlException("content after the document element", null);
            }
            Node n = new Node(r.getLocalName(), r.getNamespaceURI());
            if (stack.isEmpty()) {
              root = n;
            } else {
              stack.get(stack.size() - 1).children.add(n);
            }
            stack.add(n);
            break;
          case XMLStreamConstants.END_ELEMENT:
            stack.remove(stack.size() - 1);
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            if (!stack.isEmpty()) {
              Node cur = stack.get(stack.size() - 1);
              if (cur.text.length() + r.getTextLength() > MAX_TEXT) {
                throw new RejectedXmlException("text node too large", null);
              }
              cur.text.append(r.getText());
            }
            break;
          default:
            break;
        }
      }
      if (root == null) {
        throw new RejectedXmlException("no document element", null);
      }
      if (!stack.isEmpty()) {
        throw new RejectedXmlException("truncated XML", null);
      }
      return root;
    } catch (XMLStreamException | RuntimeException e) {
      // never echo the reader's message: it may quote content; the SPI's encoding check's message
      // only names the encoding ("document is not valid UTF-8"), and is kept
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

  /** Whether the SPI refused the bytes before reading (see {@link SafeXml#checkEncoding}). */
  private static boolean isEncodingRefusal(Exception e) {
    return e instanceof SafeXml.InvalidEncodingException;
  }

  private static String kind(Exception e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("DOCTYPE") || m.contains("DTD")) {
      return "DTD";
    }
    if (m.contains("ntity")) {
      return "entity";
    }
    return e.getClass().getSimpleName();
  }

  /**
   * Escapes text for an element's content.
   *
   * @param s the text
   * @param out where to append
   */
  static void escape(CharSequence s, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
  }
}
