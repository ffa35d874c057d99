package io.nvrkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.LoginBudgetExhaustedException;
import io.nvrkit.core.testing.HandClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The client-side failed-login budget that keeps a device below its lockout threshold. */
class LockoutGuardTest {
  static final String DEV = "192.0.2.10:80";

  final HandClock clock = new HandClock();
  final LockoutGuard guard = new LockoutGuard(clock);

  private void attempt() {
    guard.beforeAttempt(DEV, "admin", 2, DEV, "login");
  }

  @Test
  void refusesTheAttemptThatCouldLockAndSaysNothingWasSent() {
    guard.configure(DEV, "admin", 2, Duration.ofMinutes(30));
    attempt();
    assertEquals(1, guard.onFailure(DEV, "admin", 2));
    attempt();
    assertEquals(0, guard.onFailure(DEV, "admin", 2));
    LoginBudgetExhaustedException e =
        assertThrows(LoginBudgetExhaustedException.class, this::attempt);
    assertTrue(e.getMessage().contains("refusing to send a login"), e.getMessage());
    assertTrue(e.getMessage().contains("allows about 1 more attempt"), e.getMessage());
    assertEquals(1, e.attemptsLeftOnDevice().orElseThrow());
    assertEquals(clock.instant().plus(Duration.ofMinutes(30)), e.safeAfter().orElseThrow());
    // another account on the same device has its own budget
    assertDoesNotThrow(() -> guard.beforeAttempt(DEV, "operator", 2, DEV, "login"));
  }

  @Test
  void anAcceptedLoginRestoresTheBudgetAndFailuresExpireWithTheDevicesWindow() {
    guard.configure(DEV, "admin", 1, Duration.ofMinutes(30));
    guard.onFailure(DEV, "admin", 1);
    assertThrows(LoginBudgetExhaustedException.class, this::attempt);
    guard.onSuccess(DEV, "admin");
    assertDoesNotThrow(this::attempt);

    guard.onFailure(DEV, "admin", 1);
    clock.set(clock.instant().plus(Duration.ofMinutes(29)));
    assertThrows(LoginBudgetExhaustedException.class, this::attempt);
    clock.set(clock.instant().plus(Duration.ofMinutes(2)));
    assertDoesNotThrow(this::attempt, "the device forgot the failure after its window");
  }

  @Test
  void aLockTheDeviceReportedHoldsUntilItEnds() {
    Instant until = clock.instant().plus(Duration.ofMinutes(5));
    guard.onLocked(DEV, "admin", until);
    AccountLockedException e = assertThrows(AccountLockedException.class, this::attempt);
    assertEquals(until, e.retryAfter().orElseThrow());
    clock.set(until.plusSeconds(1));
    assertDoesNotThrow(this::attempt, "the budget is whole again once the lock has ended");
  }

  @Test
  void aLockWithoutAnEndTimeOnADeviceWithoutAWindowLastsTheDefaultLock() {
    guard.onLocked(DEV, "admin", null);
    AccountLockedException e = assertThrows(AccountLockedException.class, this::attempt);
    assertEquals(
        clock.instant().plus(io.nvrkit.core.spi.LockoutLedger.DEFAULT_LOCK),
        e.retryAfter().orElseThrow(),
        "a lock with no end and no known window lasts the documented 30 minutes");
    clock.set(clock.instant().plus(Duration.ofMinutes(29)));
    assertThrows(AccountLockedException.class, this::attempt);
    clock.set(clock.instant().plus(Duration.ofMinutes(1)));
    assertDoesNotThrow(this::attempt, "the lock has lapsed by the documented rule");
  }

  @Test
  void aLockWithoutAnEndTimeLastsTheDevicesWindowWhenKnown() {
    guard.configure(DEV, "admin", 2, Duration.ofMinutes(5));
    guard.onLocked(DEV, "admin", null);
    AccountLockedException e = assertThrows(AccountLockedException.class, this::attempt);
    assertEquals(clock.instant().plus(Duration.ofMinutes(5)), e.retryAfter().orElseThrow());
  }

  @Test
  void whatTheDeviceSaysRemainsKeepsOneAttemptInReserve() {
    guard.configure(DEV, "admin", 4, null);
    assertEquals(1, guard.learnRemaining(DEV, "admin", 2, 4));
    attempt();
    guard.onFailure(DEV, "admin", 4);
    assertThrows(LoginBudgetExhaustedException.class, this::attempt);
  }

  record Threshold(int times) {}

  @Test
  void forgettingADeviceDropsItsCountsAndWhatWasReadFromIt() {
    guard.configure(DEV, "admin", 1, null);
    guard.putFact(DEV, new Threshold(5));
    guard.onFailure(DEV, "admin", 1);
    assertThrows(LoginBudgetExhaustedException.class, this::attempt);
    assertEquals(new Threshold(5), guard.fact(DEV, Threshold.class));

    // another recorder now answers at this address (a fake on a reused port, a replaced unit):
    // neither the spent budget nor the old recorder's threshold may carry over
    guard.forgetDevice(DEV);
    assertNull(guard.fact(DEV, Threshold.class));
    assertDoesNotThrow(this::attempt);
    guard.releaseAttempt(DEV, "admin");
    assertEquals(2, guard.remaining(DEV, "admin", 2), "back to the default budget");
    assertFalse(guard.remaining("192.0.2.11:80", "admin", 2) < 2, "other devices untouched");
  }
}
