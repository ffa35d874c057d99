package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Builds SOAP requests and reads faults, independently of the code under test. */
final class Soap {
  static final String ENV = "http://www.w3.org/2003/05/soap-envelope";
  static final String TER = "http://www.onvif.org/ver10/error";

  private Soap() {}

  static String envelope(String header, String body) {
    return "<s:Envelope xmlns:s=\""
        + ENV
        + "\" xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
        + " xmlns:tt=\"http://www.onvif.org/ver10/schema\">"
        + (header == null ? "" : "<s:Header>" + header + "</s:Header>")
        + "<s:Body>"
        + body
        + "</s:Body></s:Envelope>";
  }

  /** A wsse:Security header computed here from the OASIS formula (not the fake's code). */
  static String wsse(String user, String password, String created, byte[] nonce) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(nonce);
      sha1.update(created.getBytes(StandardCharsets.UTF_8));
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      String digest = Base64.getEncoder().encodeToString(sha1.digest());
      return "<Security s:mustUnderstand=\"1\" xmlns=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">"
          + "<UsernameToken><Username>"
          + user
          + "</Username><Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
          + digest
          + "</Password><Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">"
          + Base64.getEncoder().encodeToString(nonce)
          + "</Nonce><Created xmlns=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\">"
          + created
          + "</Created></UsernameToken></Security>";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int nonceCounter;

  static synchronized byte[] freshNonce() {
    byte[] n = new byte[16];
    n[0] = (byte) 0x5a;
    int c = ++nonceCounter;
    n[12] = (byte) (c >> 24);
    n[13] = (byte) (c >> 16);
    n[14] = (byte) (c >> 8);
    n[15] = (byte) c;
    return n;
  }

  static String wsse(String user, String password, Instant created) {
    return wsse(user, password, created.toString(), freshNonce());
  }

  static FakeRequest post(String xml) {
    return post(xml, Map.of("content-type", List.of("application/soap+xml; charset=utf-8")));
  }

  static FakeRequest post(String xml, Map<String, List<String>> headers) {
    return postTo("/onvif/device_service", xml, headers);
  }

  static FakeRequest postTo(String path, String xml, Map<String, List<String>> headers) {
    Map<String, List<String>> h = new HashMap<>(headers);
    h.putIfAbsent("host", List.of("127.0.0.1:8080"));
    return new FakeRequest(
        "POST",
        path,
        h,
        xml.getBytes(StandardCharsets.UTF_8),
        new InetSocketAddress("127.0.0.1", 50000),
        false);
  }

  static String body(FakeResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static Document parse(byte[] xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The fault's Code value and nested Subcode values as {namespace}local strings, resolved by
   * namespace URI (prefixes are irrelevant), outermost first; empty if the body is not a fault.
   */
  static List<String> faultCodes(FakeResponse r) {
    Document d = parse(r.body());
    List<String> out = new ArrayList<>();
    Element fault = (Element) d.getElementsByTagNameNS(ENV, "Fault").item(0);
    if (fault == null) {
      return out;
    }
    Element code = child(fault, "Code");
    while (code != null) {
      Element value = child(code, "Value");
      String text = value.getTextContent().strip();
      int colon = text.indexOf(':');
      String prefix = colon < 0 ? null : text.substring(0, colon);
      String uri = value.lookupNamespaceURI(prefix);
      out.add("{" + uri + "}" + text.substring(colon + 1));
      code = child(code, "Subcode");
    }
    return out;
  }

  /** Short form of {@link #faultCodes}: {@code env:Sender/ter:NotAuthorized}. */
  static String faultPath(FakeResponse r) {
    List<String> parts = new ArrayList<>();
    for (String c : faultCodes(r)) {
      parts.add(c.replace("{" + ENV + "}", "env:").replace("{" + TER + "}", "ter:"));
    }
    return String.join("/", parts);
  }

  static String faultReason(FakeResponse r) {
    Document d = parse(r.body());
    Node t = d.getElementsByTagNameNS(ENV, "Text").item(0);
    return t == null ? "" : t.getTextContent();
  }

  static Element child(Element parent, String local) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element
          && ENV.equals(n.getNamespaceURI())
          && local.equals(n.getLocalName())) {
        return (Element) n;
      }
    }
    return null;
  }

  static String text(FakeResponse r, String ns, String local) {
    Node n = parse(r.body()).getElementsByTagNameNS(ns, local).item(0);
    return n == null ? null : n.getTextContent();
  }

  static List<String> texts(FakeResponse r, String ns, String local) {
    var list = parse(r.body()).getElementsByTagNameNS(ns, local);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add(list.item(i).getTextContent());
    }
    return out;
  }

  static List<String> headers(FakeResponse r, String name) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : r.headers()) {
      if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        out.add(e.getValue());
      }
    }
    return out;
  }
}
