package io.nvrkit.core.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.rotation.AccountKeys;
import io.nvrkit.core.internal.rotation.SimulatedCrash;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.rotation.RotationReport.DeviceResult;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.core.testing.HandClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Provably lock-free recovery: whatever the network and the crashes do to the probes that find out
 * which password a device accepts, the device's count of failed logins never reaches its lockout
 * threshold (3). The adversary: the device still holds the old password (the change never arrived);
 * every login with the old password is lost after its request was written (so it may have counted),
 * every login with the new one reaches the device and is refused (counted); and the process dies at
 * a step of each probe, every time, and is resumed.
 */
class ProbeCrashLockoutTest {
  static final Secret PASS = OpenTransactions.PASS;
  static final String OLD = OpenTransactions.OLD;
  static final String NEW = OpenTransactions.NEW;
  @TempDir Path dir;

  private final MemoryFleet fleet = new MemoryFleet(11);
  private final DeviceEndpoint endpoint = fleet.add(0, "admin", OLD);
  private final String key = AccountKeys.key(endpoint, "admin");

  /** Where each process dies during a probe. */
  enum CrashPoint {
    /** Right after the PROBING record is on disk, before the login is sent. */
    PROBING_JOURNALED,
    /** After the device counted the login, before its outcome reached the journal. */
    DEVICE_COUNTED,
    /** Never: the answers are only lost. */
    NONE
  }

  @AfterEach
  void restore() {
    TestRotationKit.hook(null);
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void crashesAtEveryStepOfAProbeNeverLockTheDevice(CrashPoint point) {
    Path file = dir.resolve("r.journal");
    openTransaction(file);
    AtomicInteger crashes = new AtomicInteger();
    if (point == CrashPoint.PROBING_JOURNALED) {
      TestRotationKit.hook(
          (step, device) -> {
            if (step == RotationStep.PROBING) {
              crashes.incrementAndGet();
              throw new SimulatedCrash("died after journaling a probe");
            }
          });
    }
    NvrDriver adversary = adversary(point == CrashPoint.DEVICE_COUNTED, crashes);
    MemoryFleet.Account a = fleet.account(endpoint, "admin");
    DeviceResult last = null;
    for (int process = 1; process <= 12 && last == null; process++) {
      try (RotationJournal j = RotationJournal.open(file, PASS)) {
        RotationPlan settings = plan(adversary);
        last = Rotation.of(TestRotationKit.KIT, settings, j).resume().devices().get(0);
      } catch (SimulatedCrash expected) {
        // the process died; the next one resumes
      }
      assertFalse(a.locked, "locked after process " + process);
      assertTrue(
          a.maxConsecutiveFailures < MemoryFleet.LOCKOUT_THRESHOLD,
          "the device counted " + a.maxConsecutiveFailures + " failures in a row");
    }
    if (point != CrashPoint.NONE) {
      assertTrue(crashes.get() > 0, "no crash happened");
    }
    assertTrue(last != null, "twelve processes never settled the device");
    assertEquals(Outcome.STUCK, last.outcome(), last.reason());
    if (point == CrashPoint.NONE) {
      // the refusal of the new password was journaled: the device holds the old one (if either),
      // so its lost logins are no failures; retried until the budget is spent
      assertTrue(last.reason().contains("retry budget spent"), last.reason());
      assertEquals(1, a.maxConsecutiveFailures, "only the journaled refusal");
    } else {
      // each crash lost what the device said: both candidates reach the cap of unanswered probes
      assertTrue(last.reason().contains("did not answer 2 login(s)"), last.reason());
      assertTrue(a.maxConsecutiveFailures <= 2, "at most the cap of unanswered probes");
    }
    assertEquals(0, a.changesApplied, "no change sent while the outcome is unknown");
  }

  @Test
  void aLoginThatCertainlySentNothingIsRetriedAndNotCounted() {
    Path file = dir.resolve("r.journal");
    openTransaction(file);
    AtomicInteger refusedConnections = new AtomicInteger();
    NvrDriver flaky =
        failingFirst(
            6,
            refusedConnections,
            device ->
                new DeviceUnreachableException(
                    "connection refused (injected)", device, "login", false, null));
    try (RotationJournal j = RotationJournal.open(file, PASS)) {
      RotationPlan settings = plan(flaky);
      DeviceResult r = Rotation.of(TestRotationKit.KIT, settings, j).resume().devices().get(0);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
    }
    MemoryFleet.Account a = fleet.account(endpoint, "admin");
    assertTrue(a.password.equals(Secret.of(NEW)), "the journaled new password was set");
    assertEquals(1, a.changesApplied, "the same new password, sent once more");
  }

  /**
   * The cap is no permanent parking: a device whose probes of both candidates went unanswered is
   * STUCK, and a resume sends nothing to it while the journaled tries lie within the failure
   * window; once they have left it (the device has forgotten them), a resume settles the device
   * with no account locked.
   */
  @Test
  void aDeviceAtTheCapIsSettledByAResumeAfterTheFailureWindow() {
    Path file = dir.resolve("r.journal");
    openTransaction(file);
    HandClock clock = new HandClock(Instant.parse("2026-11-25T05:00:00Z"));
    fleet.clock = clock;
    fleet.forgetAfter = Duration.ofMinutes(30);
    AtomicInteger crashes = new AtomicInteger();
    MemoryFleet.Account a = fleet.account(endpoint, "admin");
    DeviceResult capped = null;
    try (NvrKit kit = kit(clock)) {
      NvrDriver adversary = adversary(true, crashes);
      for (int process = 1; process <= 12 && capped == null; process++) {
        try (RotationJournal j = RotationJournal.open(file, PASS)) {
          capped = Rotation.of(kit, plan(adversary), j).resume().devices().get(0);
        } catch (SimulatedCrash expected) {
          clock.advance(Duration.ofSeconds(20)); // the operator restarts it
        }
      }
      assertTrue(capped != null, "twelve processes never settled the device");
      assertEquals(Outcome.STUCK, capped.outcome(), capped.reason());
      assertTrue(capped.reason().contains("resume after 2026-11-25T05:"), capped.reason());
      assertFalse(a.locked);

      // within the window: the healthy network changes nothing, and nothing is sent
      long before = fleet.requests.get();
      clock.advance(Duration.ofMinutes(10));
      try (RotationJournal j = RotationJournal.open(file, PASS)) {
        DeviceResult r = Rotation.of(kit, plan(fleet.driver()), j).resume().devices().get(0);
        assertEquals(Outcome.STUCK, r.outcome(), r.reason());
      }
      assertEquals(before, fleet.requests.get(), "a login was sent to a device at the cap");

      // after the window: one resume settles it
      clock.advance(Duration.ofMinutes(21));
      try (RotationJournal j = RotationJournal.open(file, PASS)) {
        DeviceResult r = Rotation.of(kit, plan(fleet.driver()), j).resume().devices().get(0);
        assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      }
    }
    assertFalse(a.locked, "locked");
    assertTrue(
        a.maxConsecutiveFailures < MemoryFleet.LOCKOUT_THRESHOLD,
        "the device counted " + a.maxConsecutiveFailures + " failures in a row");
    assertTrue(a.password.equals(Secret.of(NEW)), "the journaled new password was set");
  }

  /**
   * A 5xx answer is no verdict on the password (a device that judges it wrong refuses it): probes
   * answered so are retried within the budget and not counted against the cap.
   */
  @Test
  void probesAnswered5xxAreRetriedAndNotCounted() {
    // a driver that gives the status only as the vendor code's text (the fallback)
    probesAnsweredSoAreRetriedAndNotCounted(
        device ->
            new DeviceRejectedException(
                "the device answered HTTP 503 (injected)", device, "login", "http:503", null));
  }

  /** The same with the typed status and no vendor code: no text convention to know. */
  @Test
  void probesAnsweredWithATyped5xxStatusAreRetriedAndNotCounted() {
    probesAnsweredSoAreRetriedAndNotCounted(
        device ->
            new DeviceRejectedException(
                "the device answered HTTP 503 (injected)", device, "login", null, 503, null));
  }

  private void probesAnsweredSoAreRetriedAndNotCounted(
      java.util.function.Function<String, ? extends RuntimeException> failure) {
    Path file = dir.resolve("r.journal");
    openTransaction(file);
    AtomicInteger busy = new AtomicInteger();
    NvrDriver overloaded = failingFirst(8, busy, failure);
    try (RotationJournal j = RotationJournal.open(file, PASS)) {
      DeviceResult r =
          Rotation.of(TestRotationKit.KIT, plan(overloaded), j).resume().devices().get(0);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
    }
    MemoryFleet.Account a = fleet.account(endpoint, "admin");
    assertTrue(busy.get() > 8, "the 5xx answers were not all retried");
    assertTrue(a.password.equals(Secret.of(NEW)), "the journaled new password was set");
    assertFalse(a.locked);
  }

  /** The fleet's driver, whose first {@code n} logins (counted in {@code logins}) fail so. */
  private NvrDriver failingFirst(
      int n,
      AtomicInteger logins,
      java.util.function.Function<String, ? extends RuntimeException> failure) {
    return new Delegating(fleet.driver()) {
      @Override
      public NvrClient connect(
          DriverContext context,
          DeviceEndpoint endpoint,
          Credentials credentials,
          ConnectOptions options) {
        if (logins.incrementAndGet() <= n) {
          throw failure.apply(endpoint.toString());
        }
        return super.connect(context, endpoint, credentials, options);
      }
    };
  }

  private static RotationPlan plan(NvrDriver driver) {
    return RotationPlan.builder()
        .driver(driver)
        .retryBackoff(Duration.ZERO)
        .retryBudget(Duration.ofMinutes(10))
        .build();
  }

  private static NvrKit kit(Clock clock) {
    return NvrKit.builder().journalKdf(JournalKdf.CHEAP_FOR_TESTS).clock(clock).build();
  }

  /** A journal whose transaction old → new was sent and whose answer was lost. */
  private void openTransaction(Path file) {
    OpenTransactions.journal(file, endpoint, Instant.parse("2026-11-25T04:00:00Z"), "SENT").close();
  }

  private NvrDriver adversary(boolean crashAfterCounted, AtomicInteger crashes) {
    return new Delegating(fleet.driver()) {
      @Override
      public NvrClient connect(
          DriverContext context,
          DeviceEndpoint endpoint,
          Credentials credentials,
          ConnectOptions options) {
        if (credentials.secret().equals(Secret.of(OLD))) {
          // written, never answered: the device may have counted it (here it did not)
          throw new DeviceUnreachableException(
              "connection reset (injected)", endpoint.toString(), "login", true, null);
        }
        NvrClient client;
        try {
          client = super.connect(context, endpoint, credentials, options);
        } catch (RuntimeException e) {
          if (crashAfterCounted) {
            crashes.incrementAndGet();
            throw new SimulatedCrash("died after the device counted the login");
          }
          throw e;
        }
        if (crashAfterCounted) {
          crashes.incrementAndGet();
          throw new SimulatedCrash("died after the device accepted the login");
        }
        return client;
      }
    };
  }

  /** A driver passing everything to another. */
  private static class Delegating implements NvrDriver {
    private final NvrDriver d;

    Delegating(NvrDriver d) {
      this.d = d;
    }

    @Override
    public String driverId() {
      return d.driverId();
    }

    @Override
    public DriverProbe probe(DriverContext context, DeviceEndpoint endpoint, ConnectOptions o) {
      return d.probe(context, endpoint, o);
    }

    @Override
    public NvrClient connect(
        DriverContext context,
        DeviceEndpoint endpoint,
        Credentials credentials,
        ConnectOptions options) {
      return d.connect(context, endpoint, credentials, options);
    }

    @Override
    public PasswordPolicy defaultPolicy() {
      return d.defaultPolicy();
    }
  }
}
