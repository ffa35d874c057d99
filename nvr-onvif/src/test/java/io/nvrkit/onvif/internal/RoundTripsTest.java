package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.Secret;
import org.junit.jupiter.api.Test;

/**
 * The figures of the README table (WS-UsernameToken mode; Digest figures in WireMockQuirksTest).
 */
class RoundTripsTest {

  @Test
  void roundTripsPerApiCall() {
    TestEnv t = new TestEnv();
    try (OnvifClient c = ClientBehaviourTest.connect(t)) {
      assertEquals(3, c.roundTrips(), "connect");
      long r = c.roundTrips();
      c.identity();
      assertEquals(2, c.roundTrips() - r, "identity (GetScopes only fills gaps)");
      r = c.roundTrips();
      c.users();
      assertEquals(1, c.roundTrips() - r, "users");
      r = c.roundTrips();
      c.createUser("op2", Secret.of("Abc12345!"), AccountLevel.OPERATOR);
      assertEquals(1, c.roundTrips() - r, "createUser");
      r = c.roundTrips();
      c.deleteUser("op2");
      assertEquals(1, c.roundTrips() - r, "deleteUser");
      int change =
          c.changePassword(
                  PasswordChangeRequest.builder(Secret.of("Abc12345!"))
                      .targetUser("operator1")
                      .policy(ClientBehaviourTest.ANY)
                      .build())
              .roundTrips();
      assertEquals(3, change, "changePassword (GetUsers, SetUser, verification login)");
    }
    TestEnv p = new TestEnv();
    OnvifProbe.probe(ClientBehaviourTest.EP, ConnectOptions.defaults(), p.env());
    assertEquals(4, p.transports.get(0).roundTrips(), "probe");
  }
}
