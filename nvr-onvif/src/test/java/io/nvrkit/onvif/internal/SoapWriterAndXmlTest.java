package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoapWriterAndXmlTest {

  private static byte[] setUser(String user, Secret pw) {
    SoapWriter w = SoapWriter.envelope("tds", "tt");
    w.start("env:Body");
    Requests.setUser(List.of(new Requests.UserEntry(user, pw, "Operator"))).accept(w);
    return w.toUtf8();
  }

  @Test
  void hostilePasswordAndUserNameRoundTripThroughTheSoapBody() throws Exception {
    String pw = "<&>\"' ]]> çĞüşİı 日本 \uD83D\uDD12 &amp; \r\n\t end";
    String user = "o'<op&\">";
    byte[] bytes = setUser(user, Secret.of(pw));
    XmlElement root = SafeXml.parse(bytes);
    XmlElement u =
        root.child(Ns.ENV, "Body")
            .flatMap(b -> b.child(Ns.TDS, "SetUser"))
            .flatMap(s -> s.child(Ns.TDS, "User"))
            .orElseThrow();
    assertEquals(user, u.childText(Ns.TT, "Username").orElseThrow());
    // text() trims; compare the untrimmed content through a marker-free password instead
    assertEquals(pw.trim(), u.childText(Ns.TT, "Password").orElseThrow());
    assertEquals("Operator", u.childText(Ns.TT, "UserLevel").orElseThrow());
  }

  @Test
  void controlCharactersCannotBeWritten() {
    assertThrows(
        SoapWriter.UnencodableException.class, () -> setUser("op", Secret.of("abc\u0001def")));
    assertThrows(
        SoapWriter.UnencodableException.class, () -> setUser("op", Secret.of("abc\uD800def")));
  }

  @Test
  void anyPrefixesAndDefaultNamespacesAreAccepted() throws Exception {
    String xml =
        "<S:Envelope xmlns:S='http://www.w3.org/2003/05/soap-envelope'><S:Body>"
            + "<GetHostnameResponse xmlns='http://www.onvif.org/ver10/device/wsdl'>"
            + "<HostnameInformation><x:FromDHCP xmlns:x='http://www.onvif.org/ver10/schema'>false"
            + "</x:FromDHCP><q1:Name xmlns:q1='http://www.onvif.org/ver10/schema'>cam-1</q1:Name>"
            + "</HostnameInformation></GetHostnameResponse></S:Body></S:Envelope>";
    XmlElement root = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    XmlElement r =
        root.child(Ns.ENV, "Body").flatMap(b -> b.child(Ns.TDS, "GetHostnameResponse")).get();
    assertEquals("cam-1", Responses.hostname(r).orElseThrow());
  }

  @Test
  void doctypeIsRefused() {
    String xml =
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e 'v'>]>"
            + "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'/>";
    assertThrows(
        SafeXml.RejectedXmlException.class,
        () -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void externalEntitiesAreNeverRead() {
    String xml =
        "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>"
            + "<x>&xxe;</x>";
    SafeXml.RejectedXmlException e =
        assertThrows(
            SafeXml.RejectedXmlException.class,
            () -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
    assertFalse(String.valueOf(e.getMessage()).contains("root:"));
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder sb = new StringBuilder("<?xml version='1.0'?><!DOCTYPE lolz [");
    sb.append("<!ENTITY lol 'lol'>");
    for (int i = 1; i < 10; i++) {
      sb.append("<!ENTITY lol").append(i).append(" '");
      for (int j = 0; j < 10; j++) {
        sb.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
      }
      sb.append("'>");
    }
    sb.append("]><lolz>&lol9;</lolz>");
    assertThrows(
        SafeXml.RejectedXmlException.class,
        () -> SafeXml.parse(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void deepNestingTruncationAndGarbageAreRefused() {
    String deep = "<a>".repeat(500) + "</a>".repeat(500);
    assertThrows(
        SafeXml.RejectedXmlException.class,
        () -> SafeXml.parse(deep.getBytes(StandardCharsets.UTF_8)));
    String truncated =
        "<env:Envelope xmlns:env='http://www.w3.org/2003/05/soap-envelope'><env:Body><x>";
    assertThrows(
        SafeXml.RejectedXmlException.class,
        () -> SafeXml.parse(truncated.getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        SafeXml.RejectedXmlException.class,
        () -> SafeXml.parse("<html><body>oops".getBytes(StandardCharsets.UTF_8)));
    assertThrows(SafeXml.RejectedXmlException.class, () -> SafeXml.parse(new byte[0]));
  }

  @Test
  void qnameTextResolvesItsPrefixInScope() throws Exception {
    String xml =
        "<a xmlns:zz='http://www.onvif.org/ver10/error'><b><v>zz:NotAuthorized</v></b></a>";
    XmlElement v =
        SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8)).children().get(0).children().get(0);
    assertEquals(Ns.TER, v.textAsQName().getNamespaceURI());
    assertEquals("NotAuthorized", v.textAsQName().getLocalPart());
    assertTrue(v.resolvePrefix("nope").isEmpty());
  }
}
