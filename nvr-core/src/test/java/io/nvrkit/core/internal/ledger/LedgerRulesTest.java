package io.nvrkit.core.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.LoginBudgetExhaustedException;
import io.nvrkit.core.internal.LockoutGuard;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.core.testing.HandClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard rules every ledger applies, in memory and in a file: atomic reservations, a per-call
 * budget, locks without an end, clamped device reports.
 */
class LedgerRulesTest {
  static final String DEV = "192.0.2.10:80";

  final HandClock clock = new HandClock();
  @TempDir Path dir;

  /** A new ledger instance on the same state (for a file: another "process"). */
  Supplier<LockoutLedger> ledgers(String kind) {
    if (kind.equals("memory")) {
      LockoutLedger one = new LockoutGuard(clock);
      return () -> one;
    }
    Path file = dir.resolve("state").resolve("lockout-ledger");
    return () -> new FileLockoutLedger(file, clock);
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void concurrentCallersOnOneAccountNeverSendMoreThanTheBudget(String kind) throws Exception {
    Supplier<LockoutLedger> ledgers = ledgers(kind);
    ledgers.get().configure(DEV, "admin", 2, Duration.ofMinutes(30)); // the device locks at 3
    int threads = 8;
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        LockoutLedger ledger = ledgers.get();
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    ledger.beforeAttempt(DEV, "admin", 2, DEV, "login");
                  } catch (LoginBudgetExhaustedException e) {
                    refused.incrementAndGet();
                    return null;
                  }
                  sent.incrementAndGet(); // a wrong password reaches the device
                  ledger.onFailure(DEV, "admin", 2);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, sent.get(), "at most threshold - 1 wrong logins reach the device");
    assertEquals(threads - 2, refused.get());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void anExplicitBudgetAppliesToThatCallOnly(String kind) {
    LockoutLedger ledger = ledgers(kind).get();
    ledger.configure(DEV, "admin", 1, Duration.ofMinutes(30));
    ledger.beforeAttempt(DEV, "admin", 1, DEV, "login");
    ledger.onFailure(DEV, "admin", 1);
    assertThrows(
        LoginBudgetExhaustedException.class,
        () -> ledger.beforeAttempt(DEV, "admin", 1, DEV, "login"));
    // the operator is sure of the password and allows a second failure for this call
    assertDoesNotThrow(() -> ledger.beforeAttemptWithBudget(DEV, "admin", 2, DEV, "login"));
    ledger.onFailure(DEV, "admin", 2);
    assertThrows(
        LoginBudgetExhaustedException.class,
        () -> ledger.beforeAttemptWithBudget(DEV, "admin", 2, DEV, "login"));
    // the device's budget was not raised by the explicit one
    ledger.onSuccess(DEV, "admin");
    ledger.beforeAttempt(DEV, "admin", 5, DEV, "login");
    ledger.onFailure(DEV, "admin", 5);
    assertThrows(
        LoginBudgetExhaustedException.class,
        () -> ledger.beforeAttempt(DEV, "admin", 5, DEV, "login"),
        "the stored budget is still 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void aLockWithNoEndAndNoWindowLapsesAfterTheDefaultLock(String kind) {
    LockoutLedger ledger = ledgers(kind).get();
    Instant start = clock.instant();
    ledger.onLocked(DEV, "admin", null);
    AccountLockedException e =
        assertThrows(
            AccountLockedException.class,
            () -> ledger.beforeAttempt(DEV, "admin", 2, DEV, "login"));
    assertEquals(start.plus(LockoutLedger.DEFAULT_LOCK), e.retryAfter().orElseThrow());
    clock.advance(LockoutLedger.DEFAULT_LOCK);
    assertDoesNotThrow(() -> ledger.beforeAttempt(DEV, "admin", 2, DEV, "login"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void deviceReportedThresholdsAndTimesAreClamped(String kind) {
    LockoutLedger ledger = ledgers(kind).get();
    // a device claiming to lock after 1000 failures, for 30 days
    ledger.configure(DEV, "admin", 999, Duration.ofDays(30));
    assertEquals(LockoutLedger.MAX_DEVICE_BUDGET, ledger.remaining(DEV, "admin", 2));
    for (int i = 0; i < LockoutLedger.MAX_DEVICE_BUDGET; i++) {
      ledger.beforeAttempt(DEV, "admin", 2, DEV, "login");
      ledger.onFailure(DEV, "admin", 2);
    }
    assertThrows(
        LoginBudgetExhaustedException.class,
        () -> ledger.beforeAttempt(DEV, "admin", 2, DEV, "login"));
    clock.advance(LockoutLedger.MAX_LOCK);
    assertDoesNotThrow(
        () -> ledger.beforeAttempt(DEV, "admin", 2, DEV, "login"),
        "failures lapse after at most a day");

    // a window of one second is not believed: failures count for at least a minute
    ledger.configure(DEV, "user2", 1, Duration.ofSeconds(1));
    ledger.onFailure(DEV, "user2", 1);
    clock.advance(Duration.ofSeconds(30));
    assertThrows(
        LoginBudgetExhaustedException.class,
        () -> ledger.beforeAttempt(DEV, "user2", 1, DEV, "login"));
    // a lock reported to last ten years is tried again after a day
    Instant start = clock.instant();
    ledger.onLocked(DEV, "user3", start.plus(Duration.ofDays(3650)));
    AccountLockedException e =
        assertThrows(
            AccountLockedException.class,
            () -> ledger.beforeAttempt(DEV, "user3", 1, DEV, "login"));
    assertEquals(start.plus(LockoutLedger.MAX_LOCK), e.retryAfter().orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void aGuessDoesNotRaiseALowerThresholdWhileFailuresAreOutstanding(String kind) {
    Supplier<LockoutLedger> ledgers = ledgers(kind);
    LockoutLedger first = ledgers.get();
    first.configure(DEV, "admin", 1, Duration.ofMinutes(30)); // learned: the device locks at 2
    first.beforeAttempt(DEV, "admin", 1, DEV, "login");
    first.onFailure(DEV, "admin", 1);
    LockoutLedger second = ledgers.get();
    second.configure(DEV, "admin", 2, Duration.ofMinutes(30)); // a new session's default guess
    assertThrows(
        LoginBudgetExhaustedException.class,
        () -> second.beforeAttempt(DEV, "admin", 2, DEV, "login"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void anAttemptWithoutAVerdictIsReleasedOrLapses(String kind) {
    LockoutLedger ledger = ledgers(kind).get();
    ledger.configure(DEV, "admin", 2, Duration.ofMinutes(30));
    ledger.beforeAttempt(DEV, "admin", 2, DEV, "login");
    ledger.beforeAttempt(DEV, "admin", 2, DEV, "login");
    LoginBudgetExhaustedException e =
        assertThrows(
            LoginBudgetExhaustedException.class,
            () -> ledger.beforeAttempt(DEV, "admin", 2, DEV, "login"));
    assertTrue(e.getMessage().contains("in progress"), e.getMessage());
    ledger.releaseAttempt(DEV, "admin"); // the network failed before an answer
    assertDoesNotThrow(() -> ledger.beforeAttempt(DEV, "admin", 2, DEV, "login"));
    // two reservations now, never settled (a process died): they lapse
    clock.advance(AccountState.RESERVATION_LEASE);
    assertEquals(2, ledger.remaining(DEV, "admin", 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"memory", "file"})
  void provenCredentialsReserveNothing(String kind) {
    LockoutLedger ledger = ledgers(kind).get();
    ledger.configure(DEV, "admin", 2, Duration.ofMinutes(30));
    for (int i = 0; i < 10; i++) {
      ledger.checkProvenAttempt(DEV, "admin", 2, DEV, "read");
    }
    assertEquals(2, ledger.remaining(DEV, "admin", 2));
    ledger.onLocked(DEV, "admin", clock.instant().plusSeconds(60));
    assertThrows(
        AccountLockedException.class,
        () -> ledger.checkProvenAttempt(DEV, "admin", 2, DEV, "read"));
  }
}
