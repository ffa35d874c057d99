package io.nvrkit.hikvision.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvrkit.core.Secret;
import io.nvrkit.hikvision.internal.IsapiXml.Node;
import org.junit.jupiter.api.Test;

/** The User document carries every character of the firmware's set intact. */
class UserXmlTest {
  @Test
  void everyAllowedSymbolSurvivesTheRoundTrip() throws Exception {
    String pw = "a1.-_:/@,?!'()$&\"[]{}#%^*+=\\|<>";
    byte[] doc =
        UserXml.user(
            Bodies.ISAPI_NS, 1, "admin", Secret.of(pw), Secret.of("Old&<pw>"), "Administrator");
    Node u = IsapiXml.parse(doc);
    assertEquals("User", u.name());
    assertEquals(Bodies.ISAPI_NS, u.namespace());
    assertEquals("1", u.childText("id"));
    assertEquals(pw, u.childText("password"));
    assertEquals("Old&<pw>", u.childText("loginPassword"));
    assertEquals("Administrator", u.childText("userLevel"));
  }

  @Test
  void defaultNamespaceWhenTheDevicesIsUnknown() throws Exception {
    Node u = IsapiXml.parse(UserXml.user(null, 2, "ops", null, null, null));
    assertEquals(UserXml.DEFAULT_NAMESPACE, u.namespace());
    assertEquals(null, u.child("password"));
  }
}
