package io.nvrkit.testkit.internal.onvif;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.namespace.QName;

/**
 * A parsed element: name by namespace URI (prefixes are irrelevant), attributes, children, text and
 * the namespace bindings in scope (to resolve QName-valued content such as {@code d:Types}).
 */
final class XmlNode {
  final String ns;
  final String local;
  final Map<QName, String> attributes;
  final Map<String, String> nsInScope;
  final List<XmlNode> children = new ArrayList<>();
  final StringBuilder text = new StringBuilder();

  XmlNode(String ns, String local, Map<QName, String> attributes, Map<String, String> nsInScope) {
    this.ns = ns == null ? "" : ns;
    this.local = local;
    this.attributes = attributes;
    this.nsInScope = nsInScope;
  }

  boolean is(String namespace, String localName) {
    return ns.equals(namespace) && local.equals(localName);
  }

  /** The direct text content, as sent (not trimmed). */
  String text() {
    return text.toString();
  }

  Optional<XmlNode> child(String namespace, String localName) {
    for (XmlNode c : children) {
      if (c.is(namespace, localName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  List<XmlNode> children(String namespace, String localName) {
    List<XmlNode> out = new ArrayList<>();
    for (XmlNode c : children) {
      if (c.is(namespace, localName)) {
        out.add(c);
      }
    }
    return Collections.unmodifiableList(out);
  }

  Optional<XmlNode> firstChild() {
    return children.isEmpty() ? Optional.empty() : Optional.of(children.get(0));
  }

  /** An attribute by namespace URI ({@code ""} for none) and local name. */
  Optional<String> attr(String namespace, String localName) {
    return Optional.ofNullable(attributes.get(new QName(namespace, localName)));
  }

  /**
   * Resolves a QName written as text ({@code prefix:local} or {@code local}) against the bindings
   * in scope; an unbound prefix yields empty.
   */
  Optional<QName> resolveQName(String prefixed) {
    String s = prefixed.strip();
    int colon = s.indexOf(':');
    String prefix = colon < 0 ? "" : s.substring(0, colon);
    String localName = colon < 0 ? s : s.substring(colon + 1);
    String uri = nsInScope.get(prefix);
    if (uri == null) {
      return prefix.isEmpty() ? Optional.of(new QName("", localName)) : Optional.empty();
    }
    return Optional.of(new QName(uri, localName));
  }

  static Map<String, String> inherit(Map<String, String> parent) {
    return new HashMap<>(parent);
  }

  @Override
  public String toString() {
    return "{" + ns + "}" + local;
  }
}
