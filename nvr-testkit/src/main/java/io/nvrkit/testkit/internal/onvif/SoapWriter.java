package io.nvrkit.testkit.internal.onvif;

import javax.xml.namespace.QName;

/**
 * Writes the fake's SOAP 1.2 responses. Every envelope declares {@code env}, {@code ter}, {@code
 * tds} and {@code tt} on the root, so QName-valued content ({@code env:Sender}, {@code
 * ter:NotAuthorized}) always has its prefix in scope (zeep fails on an undeclared {@code ter:}).
 */
final class SoapWriter {
  static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8";

  private SoapWriter() {}

  static String envelope(String headerXml, String bodyXml) {
    StringBuilder sb = new StringBuilder(256 + bodyXml.length());
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<env:Envelope xmlns:env=\"")
        .append(Ns.SOAP12)
        .append("\" xmlns:ter=\"")
        .append(Ns.TER)
        .append("\" xmlns:tds=\"")
        .append(Ns.TDS)
        .append("\" xmlns:tt=\"")
        .append(Ns.TT)
        .append("\">");
    if (headerXml != null && !headerXml.isEmpty()) {
      sb.append("<env:Header>").append(headerXml).append("</env:Header>");
    }
    sb.append("<env:Body>").append(bodyXml).append("</env:Body></env:Envelope>\n");
    return sb.toString();
  }

  static String fault(SoapFault f) {
    StringBuilder sb = new StringBuilder();
    sb.append("<env:Fault><env:Code><env:Value>").append(qname(f.code)).append("</env:Value>");
    for (QName sub : f.subcodes) {
      sb.append("<env:Subcode><env:Value>").append(qname(sub)).append("</env:Value>");
    }
    for (int i = 0; i < f.subcodes.size(); i++) {
      sb.append("</env:Subcode>");
    }
    sb.append("</env:Code><env:Reason><env:Text xml:lang=\"en\">")
        .append(esc(f.reason))
        .append("</env:Text></env:Reason></env:Fault>");
    return envelope(f.headerXml, sb.toString());
  }

  private static String qname(QName q) {
    if (Ns.SOAP12.equals(q.getNamespaceURI())) {
      return "env:" + q.getLocalPart();
    }
    if (Ns.TER.equals(q.getNamespaceURI())) {
      return "ter:" + q.getLocalPart();
    }
    throw new IllegalArgumentException("no prefix for " + q);
  }

  /** Element {@code <prefix:name>text</prefix:name>} with escaped text. */
  static String el(String name, String text) {
    return "<" + name + ">" + esc(text) + "</" + name + ">";
  }

  /** Escapes text/attribute content; drops characters XML 1.0 cannot carry. */
  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            if (c != 0xFFFE && c != 0xFFFF) {
              sb.append(c);
            }
          }
        }
      }
    }
    return sb.toString();
  }
}
