package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.onvif.OnvifDriver;
import io.nvrkit.testkit.internal.onvif.OnvifSchemas;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/** Every request the client can send validates against the official ONVIF schemas. */
class RequestSchemaTest {
  private static final DeviceEndpoint EP = DeviceEndpoint.of("http://127.0.0.1:8080");

  @Test
  void everyDeviceManagementRequestValidates() throws Exception {
    OnvifSchemas.schema(); // skip early (visibly) when the schemas are absent
    TestEnv t = new TestEnv();
    PasswordPolicy permissive = PasswordPolicy.builder("test").minLength(1).build();
    try (OnvifClient c =
        OnvifClient.connect(
            EP,
            Credentials.of("admin", Secret.of("Admin12345")),
            ConnectOptions.defaults(),
            t.env(),
            permissive)) {
      c.identity();
      c.session().call("GetScopes", Requests.empty("GetScopes"), false);
      c.users();
      c.createUser("operator2", Secret.of("<&>\"'Pä55"), AccountLevel.OPERATOR);
      c.deleteUser("operator2");
      c.changePassword(
          PasswordChangeRequest.builder(Secret.of("N3w-<&>\"'-ü"))
              .targetUser("operator1")
              .policy(permissive)
              .build());
      // WS-UsernameToken and anonymous variants of the same operations
      c.session().mode(OnvifSession.AuthMode.HTTP);
      c.users();
    }
    OnvifProbe.probe(EP, ConnectOptions.defaults(), t.env());
    // the remaining reads: GetServiceCapabilities
    t.env()
        .session(EP, null, ConnectOptions.defaults())
        .callAnonymous("GetServiceCapabilities", Requests.empty("GetServiceCapabilities"));

    Set<String> seen = new TreeSet<>();
    for (byte[] body : t.allBodies()) {
      List<String> errors = OnvifSchemas.validate(body);
      XmlElement root = SafeXml.parse(body);
      XmlElement payload = root.child(Ns.ENV, "Body").orElseThrow().firstChild().orElseThrow();
      String name = payload.local() + (root.child(Ns.ENV, "Header").isPresent() ? "+WS" : "");
      seen.add(name);
      assertTrue(errors.isEmpty(), name + " is invalid: " + errors);
    }
    for (String op :
        List.of(
            "GetSystemDateAndTime",
            "GetServices",
            "GetServiceCapabilities",
            "GetDeviceInformation+WS",
            "GetNetworkInterfaces+WS",
            "GetHostname+WS",
            "GetScopes+WS",
            "GetUsers+WS",
            "GetUsers",
            "CreateUsers+WS",
            "DeleteUsers+WS",
            "SetUser+WS",
            "GetDeviceInformation",
            "GetHostname",
            "GetScopes")) {
      assertTrue(seen.contains(op), "not exercised: " + op + " in " + seen);
    }
  }

  @Test
  void discoveryProbesValidate() throws Exception {
    for (String types : List.of("dn:NetworkVideoTransmitter", "tds:Device")) {
      byte[] probe = WsDiscovery.probeMessage("uuid:1f3c2b7e-8a41-4c39-9d1e-3b0f5d2a6c11", types);
      assertEquals(List.of(), OnvifSchemas.validate(probe));
      XmlElement t =
          SafeXml.parse(probe)
              .child(Ns.ENV, "Body")
              .flatMap(b -> b.child(Ns.DISCOVERY, "Probe"))
              .flatMap(p -> p.child(Ns.DISCOVERY, "Types"))
              .orElseThrow();
      QName q = t.textAsQName();
      assertTrue(Set.of(Ns.DN, Ns.TDS).contains(q.getNamespaceURI()), q.toString());
    }
  }

  @Test
  void theValidatorBites() throws Exception {
    String bad =
        new String(
                WsDiscovery.probeMessage("uuid:x", "dn:NetworkVideoTransmitter"),
                StandardCharsets.UTF_8)
            .replace("d:Types", "d:Typez");
    assertTrue(!OnvifSchemas.validate(bad.getBytes(StandardCharsets.UTF_8)).isEmpty());
    SoapWriter w = SoapWriter.envelope("tds", "tt");
    w.start("env:Body").start("tds:DeleteUsers").element("tt:Username", "x");
    assertTrue(!OnvifSchemas.validate(w.toUtf8()).isEmpty(), "node-onvif's DeleteUsers bug");
  }

  @Test
  void driverDefaultPolicyExists() {
    assertTrue(OnvifDriver.defaultOnvifPolicy().minLength() >= 12);
  }
}
