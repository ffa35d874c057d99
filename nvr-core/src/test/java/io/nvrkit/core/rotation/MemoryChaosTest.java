package io.nvrkit.core.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.internal.rotation.SimulatedCrash;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crash after every protocol step in turn, on 200 in-memory devices with random faults (lost
 * answers after apply, resets before apply, 5xx, lockout after 3), then resume in a fresh engine on
 * the reopened journal. Engine logic only: the same proof over HTTP with the real drivers and
 * FakeNvrFleet lives in the testkit-based chaos tests.
 */
class MemoryChaosTest {
  static final Secret PASS = Secret.of("chaos passphrase");
  static final int DEVICES = 200;
  @TempDir Path dir;

  @BeforeEach
  void cheap() {}

  @AfterEach
  void restore() {
    TestRotationKit.hook(null);
  }

  /** Crashes at the k-th time {@code step} is reached, and at every step after that. */
  static final class CrashAt implements RotationStepHook {
    final RotationStep step;
    final int k;
    final AtomicInteger seen = new AtomicInteger();
    volatile boolean fired;

    CrashAt(RotationStep step, int k) {
      this.step = step;
      this.k = k;
    }

    @Override
    public void reached(RotationStep s, String device) {
      if (fired) {
        throw new SimulatedCrash("after crash");
      }
      if (s == step && seen.incrementAndGet() == k) {
        fired = true;
        throw new SimulatedCrash("crash after " + s + " on " + device);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RotationStep.class)
  void crashAfterEveryStepThenResume(RotationStep step) {
    long seed = 1000 + step.ordinal();
    Random rnd = new Random(seed);
    MemoryFleet fleet = new MemoryFleet(seed);
    fleet.loginFaultRate = 0.05;
    fleet.changeFaultRate = 0.25;
    List<DeviceEndpoint> eps = new ArrayList<>();
    List<RotationTarget> targets = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      DeviceEndpoint e = fleet.add(i, "admin", "Old-password-" + i);
      eps.add(e);
      targets.add(
          RotationTarget.of(e, MemoryFleet.VENDOR, "admin", Secret.of("Old-password-" + i)));
    }
    RotationPlan plan =
        RotationPlan.builder()
            .targets(targets)
            .driver(fleet.driver())
            .retryBackoff(Duration.ZERO)
            .concurrency(16)
            .build();
    Path jp = dir.resolve("chaos.journal");

    int bound = step == RotationStep.PROBED || step == RotationStep.CONFIRMED_OLD ? 5 : DEVICES / 4;
    CrashAt first = new CrashAt(step, step == RotationStep.PLANNED ? 1 : 1 + rnd.nextInt(bound));
    TestRotationKit.hook(first);
    try (RotationJournal j = RotationJournal.create(TestRotationKit.KIT, jp, PASS)) {
      Rotation.of(TestRotationKit.KIT, plan, j).run();
      if (first.fired) {
        fail("a crash was injected but run() returned");
      }
    } catch (SimulatedCrash expected) {
      // the process "died"
    }
    TestRotationKit.hook(null);
    assertTrue(first.fired, "the crash after " + step + " was never injected");
    check(fleet, eps, jp, null);

    // second crash, during the resume, at a random step
    RotationStep other = RotationStep.values()[1 + rnd.nextInt(RotationStep.values().length - 1)];
    CrashAt second = new CrashAt(other, 1 + rnd.nextInt(20));
    TestRotationKit.hook(second);
    RotationPlan settings =
        RotationPlan.builder()
            .driver(fleet.driver())
            .retryBackoff(Duration.ZERO)
            .concurrency(16)
            .build();
    try (RotationJournal j = RotationJournal.open(jp, PASS)) {
      if (j.internal().state().hasPlan()) {
        Rotation.of(TestRotationKit.KIT, settings, j).resume();
      }
    } catch (SimulatedCrash expected) {
      // died again
    }
    TestRotationKit.hook(null);
    check(fleet, eps, jp, null);

    // resume with faults still on
    try (RotationJournal j = RotationJournal.open(jp, PASS)) {
      if (!j.internal().state().hasPlan()) {
        // crashed before the plan was durable: nothing was touched; start again
        assertUntouched(fleet, eps);
        RotationReport r = Rotation.of(TestRotationKit.KIT, plan, j).run();
        check(fleet, eps, jp, r, j);
      } else {
        RotationReport r = Rotation.of(TestRotationKit.KIT, settings, j).resume();
        check(fleet, eps, jp, r, j);
      }
    }
    // the network heals and the devices' failure window passes (a device whose lost logins reached
    // the probe cap is STUCK until then, by design): everything commits
    fleet.loginFaultRate = 0;
    fleet.changeFaultRate = 0;
    java.time.Clock later =
        java.time.Clock.offset(
            java.time.Clock.systemUTC(), settings.failureWindow().plus(Duration.ofMinutes(1)));
    fleet.clock = later;
    try (io.nvrkit.core.NvrKit healed =
            io.nvrkit.core.NvrKit.builder()
                .journalKdf(JournalKdf.CHEAP_FOR_TESTS)
                .clock(later)
                .build();
        RotationJournal j = RotationJournal.open(jp, PASS)) {
      RotationReport r = Rotation.of(healed, settings, j).resume();
      check(fleet, eps, jp, r, j);
      assertTrue(r.allCommitted(), "not all committed after healing: " + r.notCommitted());
    }
  }

  private static void assertUntouched(MemoryFleet fleet, List<DeviceEndpoint> eps) {
    for (int i = 0; i < eps.size(); i++) {
      assertTrue(fleet.accepts(eps.get(i), "admin", Secret.of("Old-password-" + i)));
    }
  }

  private void check(MemoryFleet fleet, List<DeviceEndpoint> eps, Path jp, RotationReport r) {
    try (RotationJournal j = RotationJournal.open(jp, PASS)) {
      check(fleet, eps, jp, r, j);
    }
  }

  private static void check(
      MemoryFleet fleet, List<DeviceEndpoint> eps, Path jp, RotationReport r, RotationJournal j) {
    JournalState st = j.internal().state();
    for (int i = 0; i < eps.size(); i++) {
      DeviceEndpoint e = eps.get(i);
      MemoryFleet.Account a = fleet.account(e, "admin");
      assertFalse(a.locked, e + " is locked");
      assertTrue(a.maxConsecutiveFailures < MemoryFleet.LOCKOUT_THRESHOLD, e + " near lockout");
      assertTrue(a.passwordsSet.size() <= 1, e + " was rotated to two different passwords");
      JournalState.View v = st.view(e + " admin");
      if (v == null) {
        assertTrue(fleet.accepts(e, "admin", Secret.of("Old-password-" + i)), e + " unknown");
        continue;
      }
      Secret cur = v.current();
      if (cur != null) {
        assertTrue(fleet.accepts(e, "admin", cur), e + ": journal's current password not accepted");
      } else {
        assertTrue(
            fleet.accepts(e, "admin", v.txOld()) || fleet.accepts(e, "admin", v.txNew()),
            e + ": device accepts neither journaled candidate");
      }
      if (r != null) {
        RotationReport.DeviceResult d = r.devices().get(i);
        assertEquals(e + " admin", d.account().toString());
        assertEquals(e, d.account().endpoint());
        if (d.outcome() == Outcome.COMMITTED) {
          assertFalse(v.open());
          assertTrue(v.commits() == 1);
          assertTrue(fleet.accepts(e, "admin", v.current()));
          assertFalse(fleet.accepts(e, "admin", Secret.of("Old-password-" + i)));
        } else if (d.outcome() == Outcome.UNCHANGED) {
          assertTrue(
              fleet.accepts(e, "admin", Secret.of("Old-password-" + i)),
              e + " reported unchanged but the old password no longer works: " + d.reason());
        }
      }
    }
  }
}
