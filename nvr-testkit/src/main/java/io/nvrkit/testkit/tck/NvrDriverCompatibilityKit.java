package io.nvrkit.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.TlsTrustException;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.DevicePasswordRules;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.Lockout;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The compatibility kit every {@link NvrDriver} runs against its fake personality, as Micrometer's
 * registries run its {@code MeterRegistryCompatibilityKit}: subclass it in the adapter's tests and
 * supply the driver and a fake of the personality the driver speaks.
 *
 * <pre>{@code
 * class LorexCompatibilityTest extends NvrDriverCompatibilityKit {
 *   protected NvrDriver driver() { return LorexDriver.create(); }
 *   protected FakeNvr.Builder fakeNvr() { return FakeNvr.lorex(); }
 * }
 * }</pre>
 *
 * <p>What it checks, each on a fresh fake: the identity the driver reads is the device's; users are
 * listed with their levels; a password change is applied once and verified; a wrong password is an
 * {@link AuthenticationFailedException} that spends the client's attempt budget; many wrong
 * attempts never lock the device; a password the device refuses leaves the old one working; each
 * fault kind (reset before the response, apply-then-drop on the change, an HTTP error status, a
 * malformed, oversized or dribbled body, the connection-limit 401) surfaces as the right exception
 * without locking or losing the password; TLS pinning accepts the right pin and refuses a wrong
 * one.
 *
 * <p>Faults are scripted with {@link DeviceOperation}s, which every personality maps to its own
 * protocol operations, so a new personality needs nothing more than its builder.
 *
 * <p>The kit owns the fake's accounts ({@link #ADMIN} and {@link #VIEWER}), lockout and TLS; the
 * subclass's builder should set only what its personality needs (profile, identity, options).
 * Override {@link #connectOptions()} to tune timeouts. Each test uses its own device (its own port)
 * and its own {@link #kit()}, so the lockout ledger of one test never affects another.
 */
@Timeout(120)
public abstract class NvrDriverCompatibilityKit {
  /** The administrator account the kit creates. */
  protected static final String ADMIN = "admin";

  /** Its password. */
  protected static final String ADMIN_PASSWORD = "Kit-Start-2026x";

  /** A second, unprivileged account the kit creates. */
  protected static final String VIEWER = "tckviewer";

  /** Its password. */
  protected static final String VIEWER_PASSWORD = "Kit-Viewer-2026y";

  /**
   * The preferred new password for change tests (17 characters: upper, lower, digits, symbols; no
   * personal data). The tests use {@link #newPassword()}, which shortens it for a driver whose
   * policy allows fewer characters.
   */
  protected static final String NEW_PASSWORD = "Vq7-Lm2x-Rz9k-Tw4";

  private FakeNvr nvr;
  private NvrKit kit;

  /** Creates the kit. */
  protected NvrDriverCompatibilityKit() {}

  /**
   * The driver under test.
   *
   * @return a driver instance
   */
  protected abstract NvrDriver driver();

  /**
   * A fresh builder of the fake personality this driver speaks, e.g. {@code FakeNvr.lorex()}. The
   * kit adds accounts, lockout settings, password rules, TLS and faults.
   *
   * @return a new builder
   */
  protected abstract FakeNvr.Builder fakeNvr();

  /**
   * The new password the change tests set, and the one the device-refusal test makes the device
   * refuse (its device allows one character fewer). Default: {@link #NEW_PASSWORD}, cut to the
   * {@link PasswordPolicy#maxLength() maximum length} of the driver's {@link
   * NvrDriver#defaultPolicy() default policy} when that is shorter (Hikvision firmware allows 16).
   * The kit checks the result against that policy for {@link #ADMIN} first and fails with the
   * policy's report if it does not pass, so a driver with other rules overrides this method and
   * returns a password its own policy accepts. Called once per test.
   *
   * @return a password the driver's default policy accepts, different from {@link #ADMIN_PASSWORD}
   */
  protected String newPassword() {
    int max = driver().defaultPolicy().maxLength();
    return max > 0 && max < NEW_PASSWORD.length() ? NEW_PASSWORD.substring(0, max) : NEW_PASSWORD;
  }

  /**
   * {@link #newPassword()}, checked against the driver's default policy for {@link #ADMIN}.
   *
   * @return the new password of this test
   */
  private String checkedNewPassword() {
    String p = newPassword();
    PolicyReport report =
        driver()
            .defaultPolicy()
            .check(Secret.of(p), PersonalInfo.builder().userName(ADMIN).build());
    if (!report.passed()) {
      fail("newPassword() is refused by the driver's default policy; override it: " + report);
    }
    return p;
  }

  /**
   * The options every connection uses. Default: this driver's id, connect 2 s, response 3 s, total
   * 5 s (the slow-body test relies on a bounded total).
   *
   * @return the options
   */
  protected ConnectOptions connectOptions() {
    return ConnectOptions.builder()
        .driver(driver().driverId())
        .connectTimeout(Duration.ofSeconds(2))
        .responseTimeout(Duration.ofSeconds(3))
        .totalTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * Starts the fake with the kit's accounts, a 3-attempt / 30-minute lockout (the legacy Lorex
   * setting, the strictest real one) and whatever {@code more} adds.
   *
   * @param more further settings
   * @return the running fake (closed after the test)
   */
  protected final FakeNvr start(UnaryOperator<FakeNvr.Builder> more) {
    if (nvr != null) {
      nvr.close();
    }
    FakeNvr.Builder b =
        fakeNvr()
            .user(ADMIN, ADMIN_PASSWORD, AccountLevel.ADMINISTRATOR)
            .user(VIEWER, VIEWER_PASSWORD, AccountLevel.USER)
            .lockout(new Lockout(true, 3, Duration.ofMinutes(30)));
    nvr = more.apply(b).start();
    return nvr;
  }

  /**
   * Connects to the running fake as {@link #ADMIN}.
   *
   * @return the session; the caller closes it
   */
  protected final NvrClient connectAsAdmin() {
    return connect(nvr.endpoint(), ADMIN, ADMIN_PASSWORD);
  }

  /**
   * Connects with the driver under test and {@link #connectOptions()}.
   *
   * @param endpoint the device
   * @param user the user
   * @param password the password
   * @return the session; the caller closes it
   */
  protected final NvrClient connect(DeviceEndpoint endpoint, String user, String password) {
    return kit()
        .connect(driver(), endpoint, Credentials.of(user, Secret.of(password)), connectOptions());
  }

  /** Stops the fake. */
  /**
   * The kit this test connects with: its own, so no other test's lockout ledger or pooled
   * connections affect it; built on first use and closed after the test.
   *
   * @return the kit
   */
  protected final NvrKit kit() {
    if (kit == null) {
      kit = NvrKit.builder().driver(driver()).build();
    }
    return kit;
  }

  @AfterEach
  void stopFake() {
    if (kit != null) {
      kit.close();
      kit = null;
    }
    if (nvr != null) {
      nvr.close();
      nvr = null;
    }
  }

  // ------------------------------------------------------------------------------ identity, users

  /** The identity the driver reads is the device's own. */
  @Test
  void identityIsTheDevicesOwn() {
    FakeNvr fake = start(b -> b);
    try (NvrClient c = connectAsAdmin()) {
      DeviceIdentity id = c.identity();
      assertEquals(fake.identity().serial(), id.serial().orElse(null), "serial");
      assertEquals(fake.identity().model(), id.model().orElse(null), "model");
      id.firmware()
          .ifPresent(
              f ->
                  assertTrue(
                      f.contains(fake.identity().firmware()),
                      "firmware " + f + " vs " + fake.identity().firmware()));
      assertEquals(driver().driverId(), c.driverId());
    }
  }

  /** Users are listed with their levels, without passwords. */
  @Test
  void usersAreListedWithTheirLevels() {
    start(b -> b);
    try (NvrClient c = connectAsAdmin()) {
      List<UserAccount> users = c.users();
      UserAccount admin = find(users, ADMIN);
      assertEquals(AccountLevel.ADMINISTRATOR, admin.level());
      UserAccount viewer = find(users, VIEWER);
      assertFalse(viewer.level() == AccountLevel.ADMINISTRATOR, "viewer is not an administrator");
      assertFalse(users.toString().contains(ADMIN_PASSWORD), "no password in the listing");
    }
  }

  // ----------------------------------------------------------------------------------- change

  /** A change is sent once, applied, and verified by a fresh login. */
  @Test
  void passwordChangeIsAppliedOnceAndVerified() {
    String newPassword = checkedNewPassword();
    FakeNvr fake = start(b -> b);
    try (NvrClient c = connectAsAdmin()) {
      PasswordChangeResult done =
          c.changePassword(PasswordChangeRequest.builder(Secret.of(newPassword)).build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, done.outcome());
      assertEquals(ADMIN, done.user());
      assertTrue(done.roundTrips() > 0, "round trips are counted");
    }
    assertTrue(fake.accepts(ADMIN, Secret.of(newPassword)), "the device has the new password");
    assertFalse(fake.accepts(ADMIN, Secret.of(ADMIN_PASSWORD)), "the old one is gone");
    assertEquals(
        1,
        fake.journal(DeviceOperation.CHANGE_PASSWORD).stream()
            .filter(r -> r.status() >= 200 && r.status() < 300)
            .count(),
        "the change was applied exactly once (no replay)");
    assertEquals(0, fake.failedAttempts(ADMIN));
  }

  /** A password the device refuses leaves the old one working. */
  @Test
  void passwordRefusedByTheDeviceLeavesTheOldOne() {
    // the device accepts one character fewer than the new password has: the client's own policy
    // allows it
    String newPassword = checkedNewPassword();
    int deviceMax = newPassword.length() - 1;
    FakeNvr fake = start(b -> b.passwordRules(new DevicePasswordRules(8, deviceMax, 2, "'\";:&")));
    try (NvrClient c = connectAsAdmin()) {
      NvrException e =
          assertThrows(
              NvrException.class,
              () ->
                  c.changePassword(PasswordChangeRequest.builder(Secret.of(newPassword)).build()));
      assertTrue(
          e instanceof DeviceRejectedException || e instanceof PolicyViolationException,
          "expected a device refusal or a policy violation, got " + e);
      assertFalse(e.getMessage().contains(newPassword), "no password in the message");
    }
    assertTrue(fake.accepts(ADMIN, Secret.of(ADMIN_PASSWORD)));
    assertFalse(fake.accepts(ADMIN, Secret.of(newPassword)));
  }

  // ------------------------------------------------------------------------- wrong password, lock

  /** A wrong password is an authentication failure that spends the budget. */
  @Test
  void wrongPasswordSpendsTheAttemptBudget() {
    FakeNvr fake = start(b -> b);
    AuthenticationFailedException first =
        assertThrows(
            AuthenticationFailedException.class,
            () -> connect(fake.endpoint(), ADMIN, "Wrong-Pass-1x").close());
    AuthenticationFailedException second =
        assertThrows(
            AuthenticationFailedException.class,
            () -> connect(fake.endpoint(), ADMIN, "Wrong-Pass-2x").close());
    OptionalInt a = first.remainingAttempts();
    OptionalInt b = second.remainingAttempts();
    if (a.isPresent() && b.isPresent()) {
      assertTrue(b.getAsInt() < a.getAsInt(), "budget decreases: " + a + " then " + b);
    }
    assertFalse(first.getMessage().contains("Wrong-Pass-1x"), "no password in the message");
    assertFalse(fake.isLocked(ADMIN));
    assertTrue(fake.failedAttempts(ADMIN) >= 1, "the device saw the failure");
  }

  /** Many wrong attempts never lock the device: the client stops before the last one. */
  @Test
  void manyWrongAttemptsNeverLockTheDevice() {
    FakeNvr fake = start(b -> b);
    for (int i = 0; i < 20; i++) {
      int n = i;
      assertThrows(
          AuthenticationFailedException.class,
          () -> connect(fake.endpoint(), ADMIN, "Wrong-Pass-" + n + "x").close(),
          "attempt " + n);
    }
    assertFalse(fake.isLocked(ADMIN), "the client locked the account");
    assertTrue(
        fake.failedAttempts(ADMIN) < 3,
        "failed attempts on the device: " + fake.failedAttempts(ADMIN));
    assertTrue(fake.accepts(ADMIN, Secret.of(ADMIN_PASSWORD)));
  }

  // ---------------------------------------------------------------------------------- faults

  /**
   * The answer to the change is lost (the connection drops after the device handled it). Whatever
   * the client reports must agree with the device: verified means the new password works; "not
   * applied" ({@link DeviceRejectedException}) means the old one still works; unknown ({@link
   * DeviceUnreachableException}) means one of them works. Never a lock, never a lost password.
   */
  @Test
  void applyThenDropOnTheChangeNeverLosesThePassword() {
    String newPassword = checkedNewPassword();
    FakeNvr fake = start(b -> b);
    NvrException failure = null;
    PasswordChangeResult done = null;
    try (NvrClient c = connectAsAdmin()) {
      fake.faultOnce(DeviceOperation.CHANGE_PASSWORD, Fault.applyThenDrop());
      done = c.changePassword(PasswordChangeRequest.builder(Secret.of(newPassword)).build());
    } catch (NvrException e) {
      failure = e;
    }
    boolean newWorks = fake.accepts(ADMIN, Secret.of(newPassword));
    boolean oldWorks = fake.accepts(ADMIN, Secret.of(ADMIN_PASSWORD));
    assertTrue(newWorks || oldWorks, "the device has a password the client knows");
    if (done != null) {
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, done.outcome());
      assertTrue(newWorks, "reported verified, but the device does not take the new password");
    } else if (failure instanceof DeviceRejectedException) {
      assertTrue(oldWorks && !newWorks, "reported not applied, but it was: " + failure);
    } else {
      assertInstanceOf(
          DeviceUnreachableException.class,
          failure,
          "a lost answer is an unknown outcome (DeviceUnreachableException), not " + failure);
    }
    assertFalse(fake.isLocked(ADMIN));
    assertTrue(fake.failedAttempts(ADMIN) < 3);
  }

  /** A connection reset before the answer is a retryable unreachable device. */
  @Test
  void resetBeforeResponseIsUnreachable() {
    FakeNvr fake = start(b -> b);
    NvrException e = failureUnder(fake, Fault.resetBeforeResponse());
    assertInstanceOf(DeviceUnreachableException.class, e);
    assertTrue(e.isRetryable());
  }

  /** An HTTP error status is a refusal or a protocol error, never a wrong password. */
  @Test
  void httpErrorStatusIsNotAWrongPassword() {
    FakeNvr fake = start(b -> b);
    NvrException e = failureUnder(fake, Fault.httpStatus(500));
    assertFalse(e instanceof AuthenticationFailedException, e.toString());
    assertEquals(0, fake.failedAttempts(ADMIN));
  }

  /** A body that does not parse is a protocol error. */
  @Test
  void malformedBodyIsAProtocolError() {
    FakeNvr fake = start(b -> b);
    assertInstanceOf(ProtocolException.class, failureUnder(fake, Fault.malformedBody()));
  }

  /** A huge body is refused without reading it all. */
  @Test
  void oversizedBodyIsAProtocolError() {
    FakeNvr fake = start(b -> b);
    assertInstanceOf(ProtocolException.class, failureUnder(fake, Fault.oversizedBody()));
  }

  /** A dribbled body is cut off by the total timeout. */
  @Test
  void slowBodyIsCutOffByTheTimeout() {
    FakeNvr fake = start(b -> b);
    long t0 = System.nanoTime();
    assertInstanceOf(DeviceUnreachableException.class, failureUnder(fake, Fault.slowBody()));
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    assertTrue(
        took.compareTo(connectOptions().totalTimeout().multipliedBy(2)) < 0,
        "bounded by the total timeout, took " + took);
  }

  /**
   * A full device answers valid credentials with 401 (Lorex) or NotAuthorized (ONVIF) without
   * counting a failure. The client may take it for a wrong password, but it must not lock the
   * account, and once the device has room the right password works.
   */
  @Test
  void connectionLimitNeitherLocksNorSpendsTheDevicesAttempts() {
    FakeNvr fake = start(b -> b);
    fake.faultAlways(DeviceOperation.ANY, Fault.connectionLimit());
    try (NvrClient c = connectAsAdmin()) {
      c.identity();
    } catch (NvrException e) {
      assertFalse(e instanceof io.nvrkit.core.AccountLockedException, e.toString());
    } finally {
      fake.clearFaults();
    }
    assertFalse(fake.isLocked(ADMIN));
    assertEquals(0, fake.failedAttempts(ADMIN), "a full device counts no failure");
    try (NvrClient c = connectAsAdmin()) {
      assertEquals(fake.identity().serial(), c.identity().serial().orElse(null));
    }
  }

  // -------------------------------------------------------------------------------------- TLS

  /** The right pin connects; a wrong pin or the system trust store refuses the self-signed key. */
  @Test
  void tlsPinning() {
    FakeNvr fake = start(b -> b.tls(true));
    try (NvrClient c = connect(fake.endpoint(), ADMIN, ADMIN_PASSWORD)) {
      assertEquals(fake.identity().serial(), c.identity().serial().orElse(null));
    }
    int seen = fake.journal().size();
    String wrong = Base64.getEncoder().encodeToString(new byte[32]);
    DeviceEndpoint wrongPin =
        DeviceEndpoint.builder(fake.url().toString()).tlsTrust(TlsTrust.pinned(wrong)).build();
    TlsTrustException e =
        assertThrows(
            TlsTrustException.class, () -> connect(wrongPin, ADMIN, ADMIN_PASSWORD).close());
    assertFalse(e.isRetryable());
    DeviceEndpoint system = DeviceEndpoint.of(fake.url().toString());
    assertThrows(TlsTrustException.class, () -> connect(system, ADMIN, ADMIN_PASSWORD).close());
    assertEquals(
        seen, fake.journal().size(), "no request (and no password) reached an untrusted key");
  }

  /**
   * Connects, reads identity and users while {@code fault} hits every answer, and returns the
   * failure; then clears the fault and checks the account is neither locked nor near it.
   */
  private NvrException failureUnder(FakeNvr fake, Fault fault) {
    fake.faultAlways(DeviceOperation.ANY, fault);
    NvrException failure = null;
    try (NvrClient c = connectAsAdmin()) {
      c.identity();
      c.users();
    } catch (NvrException e) {
      failure = e;
    } finally {
      fake.clearFaults();
    }
    if (failure == null) {
      return fail("no exception while every answer had the fault " + fault);
    }
    assertFalse(fake.isLocked(ADMIN), "a fault locked the account");
    assertTrue(fake.failedAttempts(ADMIN) < 3);
    return failure;
  }

  private static UserAccount find(List<UserAccount> users, String name) {
    for (UserAccount u : users) {
      if (u.name().equals(name)) {
        return u;
      }
    }
    return fail(name + " missing from " + users);
  }
}
