package io.nvrkit.lorex.internal;

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
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.lorex.LorexPasswordPolicies;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.LorexProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against the testkit's Lorex personality (single-use nonces, real lockout). */
class LorexFakeTest {
  static final String NEW = "Blue-Harbor-7319-Kite";

  LockoutLedger guard;
  LorexDriverCore core;

  @BeforeEach
  void setUp() {
    guard = DahuaStubs.freshGuard();
    core = DahuaStubs.core(guard);
  }

  NvrClient connect(FakeNvr nvr, String user, String pw) {
    return core.connect(
        nvr.endpoint(), Credentials.of(user, Secret.of(pw)), ConnectOptions.defaults());
  }

  @Test
  void identityMatchesTheDevice() {
    try (FakeNvr nvr = FakeNvr.lorex().start();
        NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
      DeviceIdentity id = c.identity();
      assertEquals(nvr.identity().model(), id.model().orElseThrow());
      assertEquals(nvr.identity().serial(), id.serial().orElseThrow());
      assertEquals(nvr.identity().firmware(), id.firmware().orElseThrow());
      assertEquals(nvr.identity().mac(), id.mac().orElseThrow());
      assertEquals("Lorex", id.vendor().orElseThrow());
      assertTrue(id.deviceDateTime().isPresent());
      assertTrue(id.deviceId().isEmpty(), "device ID not readable over the network");
      assertEquals("cgi", ((LorexSession) c).apiKind());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cgi", "rpc2"})
  void changeUsersAndVerification(String api) {
    FakeNvr.Builder b = DahuaStubs.over(api, FakeNvr.lorex());
    try (FakeNvr nvr = b.start();
        NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
      assertEquals(api, ((LorexSession) c).apiKind());
      DeviceIdentity id = c.identity();
      assertEquals(nvr.identity().serial(), id.serial().orElseThrow());
      assertEquals(nvr.identity().mac(), id.mac().orElseThrow());
      assertEquals(nvr.identity().firmware(), id.firmware().orElseThrow());
      assertEquals(
          nvr.identity().machineName(), id.value(IdentityField.MACHINE_NAME).orElseThrow());
      assertTrue(c.users().stream().anyMatch(u -> u.name().equals("admin") && u.builtIn()));
      PasswordChangeResult ch =
          c.changePassword(PasswordChangeRequest.builder(Secret.of(NEW)).build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
      assertTrue(nvr.accepts("admin", Secret.of(NEW)));
      assertFalse(nvr.accepts("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)));
      // the session keeps working with the new password
      assertFalse(c.users().isEmpty());
      c.createUser("viewer2", Secret.of("Green-Meadow-4482-Owl"), AccountLevel.USER);
      assertTrue(nvr.accepts("viewer2", Secret.of("Green-Meadow-4482-Owl")));
      c.deleteUser("viewer2");
      assertTrue(nvr.users().stream().map(UserAccount::name).noneMatch("viewer2"::equals));
      assertFalse(nvr.isLocked("admin"));
    }
  }

  @Test
  void ampersandNeverReachesTheDevice() {
    try (FakeNvr nvr = FakeNvr.lorex().start();
        NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
      nvr.clearJournal();
      assertThrows(
          PolicyViolationException.class,
          () ->
              c.changePassword(
                  PasswordChangeRequest.builder(Secret.of("Blue&Harbor-7319-Kite"))
                      .policy(PasswordPolicy.builder("none").build())
                      .build()));
      assertEquals(0, nvr.journal("modifyPassword").size());
    }
  }

  @Test
  void printableAsciiPasswordsArriveIntact() {
    String forbidden = "'\";:&";
    try (FakeNvr nvr = FakeNvr.lorex().start();
        NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
      for (char ch = 0x21; ch < 0x7f; ch++) {
        if (forbidden.indexOf(ch) >= 0) {
          continue;
        }
        String pw = "Kx7" + ch + "mQ2" + ch + "vR9w";
        c.changePassword(
            PasswordChangeRequest.builder(Secret.of(pw))
                .policy(LorexPasswordPolicies.firmwareLimits())
                .verify(false)
                .build());
        assertTrue(nvr.accepts("admin", Secret.of(pw)), "char 0x" + Integer.toHexString(ch));
      }
    }
  }

  @Test
  void hundredWrongPasswordsNeverLockTheDevice() {
    try (FakeNvr nvr = FakeNvr.lorex().lockout(Lockout.legacyLorex()).start()) {
      for (int i = 0; i < 100; i++) {
        assertThrows(
            AuthenticationFailedException.class, () -> connect(nvr, "admin", "Wrong-pass-99"));
      }
      assertFalse(nvr.isLocked("admin"));
      assertTrue(nvr.failedAttempts("admin") <= 2, "failures: " + nvr.failedAttempts("admin"));
      // the real password still works
      guard.onSuccess(nvr.endpoint().key(), "admin");
      try (NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
        assertFalse(c.users().isEmpty());
      }
    }
  }

  @Test
  void aThresholdReadFromAnEarlierRecorderAtTheSameAddressDoesNotRaiseTheBudget() {
    // one ledger for both recorders, as in an application that learns the device was replaced
    LockoutLedger ledger = DahuaStubs.freshGuard();
    LorexDriverCore shared = DahuaStubs.core(ledger);
    int port;
    try (FakeNvr first = FakeNvr.lorex().lockout(Lockout.after(6, Duration.ofMinutes(5))).start()) {
      port = first.endpoint().port();
      try (NvrClient c =
          shared.connect(
              first.endpoint(),
              Credentials.of("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)),
              ConnectOptions.defaults())) {
        assertFalse(c.users().isEmpty()); // reads threshold 6: a budget of 5
      }
    }
    // another recorder, locking after 3, now answers at the same address; the application says so
    ledger.forgetDevice("127.0.0.1:" + port);
    try (FakeNvr second = FakeNvr.lorex().port(port).lockout(Lockout.legacyLorex()).start()) {
      for (int i = 0; i < 6; i++) {
        assertThrows(
            AuthenticationFailedException.class,
            () ->
                shared.connect(
                    second.endpoint(),
                    Credentials.of("admin", Secret.of("Wrong-pass-99")),
                    ConnectOptions.defaults()));
      }
      assertFalse(second.isLocked("admin"), "the earlier recorder's threshold was used");
      assertEquals(2, second.failedAttempts("admin"), "the unknown-Lorex budget of 2");
    }
  }

  @Test
  void budgetIsLearnedFromTheDevicesLockoutSettings() {
    try (FakeNvr nvr = FakeNvr.lorex().lockout(Lockout.after(4, Duration.ofMinutes(5))).start()) {
      try (NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
        assertFalse(c.users().isEmpty());
      }
      for (int i = 0; i < 10; i++) {
        assertThrows(
            AuthenticationFailedException.class, () -> connect(nvr, "admin", "Wrong-pass-99"));
      }
      assertEquals(3, nvr.failedAttempts("admin"), "threshold 4, one kept in reserve");
      assertFalse(nvr.isLocked("admin"));
    }
  }

  @Test
  void lostAnswerAfterTheChangeIsResolvedWithTheNewPassword() {
    try (FakeNvr nvr = FakeNvr.lorex().start();
        NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
      // one request first: the transport learns that this device's nonces are single-use, so the
      // fault hits the request that the device actually applies
      assertFalse(c.users().isEmpty());
      nvr.faultOnce("modifyPassword", Fault.applyThenDrop());
      PasswordChangeResult ch =
          c.changePassword(PasswordChangeRequest.builder(Secret.of(NEW)).build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, ch.outcome());
      assertTrue(nvr.accepts("admin", Secret.of(NEW)));
    }
  }

  @Test
  void lostRequestLeavesTheOldPasswordAndSaysSo() {
    try (FakeNvr nvr = FakeNvr.lorex().start();
        NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
      nvr.faultOnce("modifyPassword", Fault.resetBeforeResponse());
      DeviceRejectedException e =
          assertThrows(
              DeviceRejectedException.class,
              () -> c.changePassword(PasswordChangeRequest.builder(Secret.of(NEW)).build()));
      assertEquals("not-applied", e.vendorCode().orElseThrow());
      assertTrue(nvr.accepts("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)));
      assertFalse(nvr.isLocked("admin"));
    }
  }

  @Test
  void connectionLimitOnAnEstablishedSessionIsNotAWrongPassword() {
    try (FakeNvr nvr = FakeNvr.lorex().start();
        NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
      assertFalse(c.users().isEmpty());
      nvr.faultOnce("getUserInfoAll", Fault.connectionLimit());
      DeviceUnreachableException e = assertThrows(DeviceUnreachableException.class, c::users);
      assertTrue(e.isRetryable());
      assertFalse(nvr.isLocked("admin"));
      assertFalse(c.users().isEmpty(), "the next call works again");
    }
  }

  @Test
  void connectionLimitOnAFreshLoginCannotBeToldApartButNeverLocks() {
    // The device's 401 is then identical to a wrong password's: the client counts it, so it stops
    // before the device's threshold, and the device (which does not count it) is never locked.
    try (FakeNvr nvr = FakeNvr.lorex().lockout(Lockout.legacyLorex()).start()) {
      nvr.faultAlways(FakeNvr.ANY_OPERATION, Fault.connectionLimit());
      for (int i = 0; i < 10; i++) {
        assertThrows(
            AuthenticationFailedException.class,
            () -> connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD));
      }
      assertFalse(nvr.isLocked("admin"));
      assertEquals(0, nvr.failedAttempts("admin"));
    }
  }

  @Test
  void faultsOnTheOperationItself() {
    ConnectOptions fast =
        ConnectOptions.builder()
            .responseTimeout(Duration.ofSeconds(2))
            .totalTimeout(Duration.ofSeconds(3))
            .build();
    try (FakeNvr nvr = FakeNvr.lorex().start();
        NvrClient c =
            core.connect(
                nvr.endpoint(),
                Credentials.of("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)),
                fast)) {
      nvr.faultOnce("getSystemInfo", Fault.malformedBody());
      assertThrows(io.nvrkit.core.ProtocolException.class, c::identity);
      nvr.faultOnce("getSystemInfo", Fault.slowBody());
      long t0 = System.nanoTime();
      assertThrows(DeviceUnreachableException.class, c::identity);
      assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(6)) < 0);
      nvr.faultOnce("getSystemInfo", Fault.httpStatus(500));
      DeviceRejectedException e = assertThrows(DeviceRejectedException.class, c::identity);
      assertEquals("500", e.vendorCode().orElseThrow());
      assertEquals(java.util.OptionalInt.of(500), e.httpStatus());
      nvr.faultOnce("getSystemInfo", Fault.oversizedBody());
      assertThrows(io.nvrkit.core.ProtocolException.class, c::identity);
      assertEquals(nvr.identity().serial(), c.identity().serial().orElseThrow(), "still usable");
      assertEquals(0, nvr.failedAttempts("admin"));
    }
  }

  @Test
  void basicOnlyFirmwareNeedsExplicitPermission() {
    try (FakeNvr nvr =
        FakeNvr.lorex()
            .lorexProfile(LorexProfile.builder().cgiAuth(LorexProfile.CgiAuth.BASIC_ONLY).build())
            .start()) {
      Credentials admin = Credentials.of("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD));
      assertThrows(
          io.nvrkit.core.ProtocolException.class,
          () -> core.connect(nvr.endpoint(), admin, ConnectOptions.defaults()));
      assertEquals(0, nvr.failedAttempts("admin"), "no credentials were sent");
      try (NvrClient c =
          core.connect(
              nvr.endpoint(), admin, ConnectOptions.builder().allowBasicAuth(true).build())) {
        assertEquals(nvr.identity().serial(), c.identity().serial().orElseThrow());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cgi", "rpc2"})
  void zoneAndClockSkewFromTheDevice(String api) {
    FakeClock clock =
        FakeClock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneId.of("America/Toronto"));
    FakeNvr.Builder b = DahuaStubs.over(api, FakeNvr.lorex().clock(clock));
    try (FakeNvr nvr = b.start();
        NvrClient c = connect(nvr, "admin", FakeNvr.DEFAULT_ADMIN_PASSWORD)) {
      assertEquals(api, ((LorexSession) c).apiKind());
      DeviceIdentity id = c.identity();
      assertEquals(clock.localDateTime(), id.deviceDateTime().orElseThrow());
      assertEquals("-05:00", id.value(IdentityField.DEVICE_ZONE).orElseThrow());
      assertTrue(id.clockSkew().isPresent(), "a known zone gives the clock skew");
    }
  }
}
