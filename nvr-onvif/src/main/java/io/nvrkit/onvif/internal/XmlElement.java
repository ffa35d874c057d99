package io.nvrkit.onvif.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * A parsed XML element: namespace URI + local name (prefixes are kept only to resolve QName-valued
 * text), attributes by expanded name, text content, children. Built by {@link SafeXml}; immutable
 * after parsing.
 */
public final class XmlElement {
  private final String ns;
  private final String local;
  private final Map<QName, String> attributes;
  private final Map<String, String> declaredNamespaces;
  private final XmlElement parent;
  private final List<XmlElement> children = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();

  XmlElement(
      String ns,
      String local,
      Map<QName, String> attributes,
      Map<String, String> declaredNamespaces,
      XmlElement parent) {
    this.ns = ns == null ? "" : ns;
    this.local = local;
    this.attributes = attributes;
    this.declaredNamespaces = declaredNamespaces;
    this.parent = parent;
  }

  void addChild(XmlElement c) {
    children.add(c);
  }

  void appendText(String s) {
    text.append(s);
  }

  XmlElement parentElement() {
    return parent;
  }

  /** Namespace URI, empty for none. */
  public String ns() {
    return ns;
  }

  /** Local name. */
  public String local() {
    return local;
  }

  /** Whether this element is {@code {ns}local}. */
  public boolean is(String namespace, String localName) {
    return ns.equals(namespace) && local.equals(localName);
  }

  /** Children in document order. */
  public List<XmlElement> children() {
    return Collections.unmodifiableList(children);
  }

  /** The first child named {@code {ns}local}. */
  public Optional<XmlElement> child(String namespace, String localName) {
    for (XmlElement c : children) {
      if (c.is(namespace, localName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The first child with this local name in any namespace (lenient look-ups). */
  public Optional<XmlElement> childAnyNs(String localName) {
    for (XmlElement c : children) {
      if (c.local.equals(localName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The first child with this local name in any namespace, or null. The allocation-free form of
   * {@link #childAnyNs} for the response parsers, which run on every exchange and at start-up.
   */
  public XmlElement find(String localName) {
    for (XmlElement c : children) {
      if (c.local.equals(localName)) {
        return c;
      }
    }
    return null;
  }

  /**
   * The trimmed text at a path of local names below this element (any namespace, first match at
   * each step), or null if some step is missing.
   *
   * @param path local names, outermost first
   * @return the text, possibly empty, or null
   */
  public String textAt(String... path) {
    XmlElement e = this;
    for (int i = 0; i < path.length && e != null; i++) {
      e = e.find(path[i]);
    }
    return e == null ? null : e.text();
  }

  /** All children named {@code {ns}local}. */
  public List<XmlElement> all(String namespace, String localName) {
    List<XmlElement> out = new ArrayList<>();
    for (XmlElement c : children) {
      if (c.is(namespace, localName)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The first element child, if any. */
  public Optional<XmlElement> firstChild() {
    return children.isEmpty() ? Optional.empty() : Optional.of(children.get(0));
  }

  /** Trimmed text content directly inside this element. */
  public String text() {
    return text.toString().trim();
  }

  /** Trimmed text of the child {@code {ns}local}, if present. */
  public Optional<String> childText(String namespace, String localName) {
    return child(namespace, localName).map(XmlElement::text);
  }

  /** An unqualified attribute (or, failing that, one with this local name in any namespace). */
  public Optional<String> attribute(String localName) {
    return Optional.ofNullable(attributeOrNull(localName));
  }

  /** {@link #attribute}, or null. */
  public String attributeOrNull(String localName) {
    String v = attributes.get(new QName(localName));
    if (v != null) {
      return v;
    }
    for (Map.Entry<QName, String> e : attributes.entrySet()) {
      if (e.getKey().getLocalPart().equals(localName)) {
        return e.getValue();
      }
    }
    return null;
  }

  /**
   * The namespace URI bound to {@code prefix} where this element is ("" for the default namespace).
   */
  public Optional<String> resolvePrefix(String prefix) {
    for (XmlElement e = this; e != null; e = e.parent) {
      String uri = e.declaredNamespaces.get(prefix);
      if (uri != null) {
        return uri.isEmpty() && !prefix.isEmpty() ? Optional.empty() : Optional.of(uri);
      }
    }
    if ("xml".equals(prefix)) {
      return Optional.of("http://www.w3.org/XML/1998/namespace");
    }
    return Optional.empty();
  }

  /**
   * This element's text read as an xs:QName. An undeclared prefix gives a QName whose namespace is
   * empty and whose prefix is kept (callers decide how lenient to be).
   */
  public QName textAsQName() {
    String t = text();
    int colon = t.indexOf(':');
    String prefix = colon < 0 ? "" : t.substring(0, colon);
    String localName = colon < 0 ? t : t.substring(colon + 1);
    Optional<String> uri = resolvePrefix(prefix);
    return new QName(uri.orElse(""), localName, prefix);
  }

  @Override
  public String toString() {
    return "{" + ns + "}" + local;
  }
}
