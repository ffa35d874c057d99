package io.nvrkit.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.OnvifProfile;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The driver against the testkit's fake ONVIF device (written independently on tk-onvif). */
class FakeOnvifEndToEndTest {
  static final String PW = "Admin12345";
  static final String NEW_PW = "Correct-Horse-Battery-9";

  static FakeNvr fake(OnvifProfile.Authentication auth, Duration skew) {
    return FakeNvr.onvif()
        .user("onvif-admin", PW, AccountLevel.ADMINISTRATOR)
        .user("operator1", "Operator123", AccountLevel.OPERATOR)
        .clock(FakeClock.ticking(skew, ZoneId.of("Asia/Shanghai")))
        .onvifProfile(
            OnvifProfile.builder()
                .authentication(auth)
                .createdWindow(Duration.ofSeconds(5))
                .discovery(OnvifProfile.Discovery.UNICAST)
                .build())
        .start();
  }

  /** This test's own kit: no other test's lockout ledger or pooled connections. */
  @AutoClose private final NvrKit kit = NvrKit.builder().driver(OnvifDriver.create()).build();

  NvrClient connect(FakeNvr f, String user, String pw) {
    return kit.connect(
        OnvifDriver.create(),
        f.endpoint(),
        Credentials.of(user, Secret.of(pw)),
        ConnectOptions.defaults());
  }

  @ParameterizedTest
  @EnumSource(OnvifProfile.Authentication.class)
  void everyAuthProfileWithASkewedClock(OnvifProfile.Authentication auth) {
    try (FakeNvr f = fake(auth, Duration.ofDays(-200).minusMinutes(7))) {
      try (NvrClient c = connect(f, "onvif-admin", PW)) {
        DeviceIdentity id = c.identity();
        assertEquals(Provenance.NETWORK_AUTHENTICATED, id.provenance(IdentityField.MODEL).get());
        assertTrue(id.serial().isPresent());
        assertTrue(id.mac().isPresent());
        long skewDays = id.clockSkew().orElseThrow().toDays();
        assertTrue(skewDays <= -199 && skewDays >= -201, "skew " + id.clockSkew());
        assertEquals(2, c.users().size());
        PasswordChangeResult ch =
            c.changePassword(PasswordChangeRequest.builder(Secret.of(NEW_PW)).build());
        assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
        assertTrue(f.accepts("onvif-admin", Secret.of(NEW_PW)));
        assertFalse(f.accepts("onvif-admin", Secret.of(PW)));
        // the session now uses the new password
        assertEquals(2, c.users().size());
        c.createUser("operator2", Secret.of("Another-Long-Pass-42"), AccountLevel.OPERATOR);
        assertEquals(3, c.users().size());
        c.deleteUser("operator2");
        assertEquals(2, c.users().size());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = OnvifProfile.Authentication.class,
      names = {"BOTH", "HTTP_DIGEST"})
  void deviceDemandingCredentialsEvenForItsClockWithAnHourOfSkew(OnvifProfile.Authentication auth) {
    try (FakeNvr f =
            FakeNvr.onvif()
                .user("onvif-admin", PW, AccountLevel.ADMINISTRATOR)
                .clock(FakeClock.ticking(Duration.ofHours(1), ZoneId.of("Europe/Paris")))
                .onvifProfile(
                    OnvifProfile.builder()
                        .authentication(auth)
                        .preAuthNeedsAuth(true)
                        .createdWindow(Duration.ofSeconds(5))
                        .build())
                .start();
        NvrClient c = connect(f, "onvif-admin", PW)) {
      assertEquals(3600, c.identity().clockSkew().orElseThrow().toSeconds(), 2);
      assertEquals(1, c.users().size());
    }
  }

  @Test
  void usernameTokenOnlyDeviceDemandingCredentialsForItsClock() {
    try (FakeNvr f =
            FakeNvr.onvif()
                .user("onvif-admin", PW, AccountLevel.ADMINISTRATOR)
                .onvifProfile(
                    OnvifProfile.builder()
                        .authentication(OnvifProfile.Authentication.USERNAME_TOKEN)
                        .preAuthNeedsAuth(true)
                        .build())
                .start();
        NvrClient c = connect(f, "onvif-admin", PW)) {
      assertTrue(c.identity().deviceDateTime().isPresent());
    }
  }

  @Test
  void plainHttpSessionKeepsItsConnectionsAlive() {
    try (FakeNvr f = fake(OnvifProfile.Authentication.BOTH, Duration.ZERO);
        NvrClient c = connect(f, "onvif-admin", PW)) {
      for (int i = 0; i < 5; i++) {
        assertTrue(c.identity().model().isPresent());
      }
      int requests = f.journal().size();
      int connections = f.connectionsAccepted();
      // at most two requests are in flight at once (GetNetworkInterfaces with GetHostname), so
      // kept-alive connections stay few (the pool would allow 16 per device)
      assertTrue(requests > 10, "requests: " + requests);
      assertTrue(
          connections <= 4, connections + " connections for " + requests + " requests over http");
    }
  }

  @Test
  void wrongPasswordFailsOnceWithoutLockingTheAccount() {
    try (FakeNvr f = fake(OnvifProfile.Authentication.BOTH, Duration.ZERO)) {
      assertThrows(
          AuthenticationFailedException.class, () -> connect(f, "onvif-admin", "wrong-one"));
      assertEquals(1, f.failedAttempts("onvif-admin"));
      assertFalse(f.isLocked("onvif-admin"));
    }
  }

  @Test
  void operatorMayReadIdentityButNotUsers() {
    try (FakeNvr f = fake(OnvifProfile.Authentication.BOTH, Duration.ZERO);
        NvrClient c = connect(f, "operator1", "Operator123")) {
      assertTrue(c.identity().model().isPresent());
      DeviceRejectedException e = assertThrows(DeviceRejectedException.class, c::users);
      assertEquals("ter:NotAuthorized", e.vendorCode().orElseThrow());
      // CORE: a Sender fault such as ter:NotAuthorized comes with HTTP 400
      assertEquals(OptionalInt.of(400), e.httpStatus());
      assertEquals(0, f.failedAttempts("operator1"));
    }
  }

  @Test
  void a5xxAnswerWithoutAFaultKeepsItsStatus() {
    try (FakeNvr f = fake(OnvifProfile.Authentication.BOTH, Duration.ZERO);
        NvrClient c = connect(f, "onvif-admin", PW)) {
      f.faultOnce(DeviceOperation.USERS, Fault.httpStatus(503));
      DeviceRejectedException e = assertThrows(DeviceRejectedException.class, c::users);
      assertEquals(OptionalInt.of(503), e.httpStatus());
      assertFalse(e.getMessage().contains(PW), "no secret in the message");
      assertFalse(c.users().isEmpty(), "the session is still usable");
      assertEquals(0, f.failedAttempts("onvif-admin"));
    }
  }

  @Test
  void probeReadsThePublicPartsWithoutLoggingIn() {
    try (FakeNvr f = fake(OnvifProfile.Authentication.BOTH, Duration.ZERO)) {
      DriverProbe p =
          OnvifDriver.create().probe(kit.driverContext(), f.endpoint(), ConnectOptions.defaults());
      assertTrue(p.recognised());
      assertTrue(p.identity().deviceDateTime().isPresent());
      assertEquals(0, f.failedAttempts("onvif-admin"));
    }
  }

  @Test
  void discoveryFindsTheFake() {
    try (FakeNvr f = fake(OnvifProfile.Authentication.BOTH, Duration.ZERO)) {
      List<DiscoveredDevice> found =
          OnvifDiscovery.probe(f.discoveryAddress().orElseThrow(), Duration.ofMillis(1500));
      assertEquals(1, found.size());
      assertEquals(f.endpoint().port(), found.get(0).endpoint().port());
    }
  }
}
