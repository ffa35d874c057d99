package io.nvrkit.examples.rotation;

import static org.junit.jupiter.api.Assertions.fail;

import io.nvrkit.core.internal.rotation.SimulatedCrash;
import io.nvrkit.core.rotation.Rotation;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationStep;
import io.nvrkit.core.rotation.RotationStepHook;
import io.nvrkit.testkit.PersonalityKind;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof, in-process: a fleet of 200 fake recorders driven by the real drivers over HTTP, with
 * random faults (apply-then-drop, reset before the response, HTTP 500, latency) and a lockout after
 * 3 failures; the process "dies" after each protocol step in turn (every thread stops at its next
 * step, the journal writer drops what it had not written), each time followed by a fresh engine
 * resuming on the reopened journal; then a resume with faults and a healed one. After every phase:
 * every device accepts the journal's password, none is locked, none got a second new password, the
 * report matches.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FleetCrashChaosTest {
  static final int DEVICES = 200;
  @TempDir Path dir;

  @BeforeEach
  void cheap() {}

  @AfterEach
  void restore() {
    io.nvrkit.examples.TestKits.hook(null);
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

  @Test
  void lorexCrashAfterEveryStepInTurn() {
    crashAfterEveryStepInTurn(PersonalityKind.LOREX, DEVICES);
  }

  /**
   * The same against fake Hikvision NVRs and the Hikvision driver, whose lock is per source IP (one
   * budget for every account of a device); 80 devices keep the suite quick.
   */
  @Test
  void hikvisionCrashAfterEveryStepInTurn() {
    crashAfterEveryStepInTurn(PersonalityKind.HIKVISION, 80);
  }

  /** The same against fake ONVIF devices and the ONVIF driver. */
  @Test
  void onvifCrashAfterEveryStepInTurn() {
    crashAfterEveryStepInTurn(PersonalityKind.ONVIF, DEVICES);
  }

  /**
   * One fleet, one journal: the first run dies right after the plan is journaled; each following
   * resume dies after the next protocol step (at its k-th occurrence, k random), until every step
   * has had its crash; then a resume with faults, then a healed resume that must commit all.
   */
  void crashAfterEveryStepInTurn(PersonalityKind kind, int devices) {
    long seed = 7000 + kind.ordinal();
    // a smaller fleet runs out of devices before the last steps' crashes if they come late
    int maxK = devices >= 200 ? 10 : 2;
    Random rnd = new Random(seed);
    try (ChaosFleet f =
        new ChaosFleet(
            kind, devices, seed, Double.parseDouble(System.getProperty("chaos.rate", "0.04")))) {
      Path jp = dir.resolve("fleet.journal");
      for (RotationStep step : RotationStep.values()) {
        RotationPlan settings = ChaosFleet.settings(32).build();
        CrashAt crash = new CrashAt(step, step == RotationStep.PLANNED ? 1 : 1 + rnd.nextInt(maxK));
        io.nvrkit.examples.TestKits.hook(crash);
        try (io.nvrkit.core.NvrKit process = io.nvrkit.examples.TestKits.cheapKit();
            RotationJournal j =
                step == RotationStep.PLANNED
                    ? RotationJournal.create(process, jp, ChaosFleet.PASSPHRASE)
                    : RotationJournal.open(jp, ChaosFleet.PASSPHRASE)) {
          if (step == RotationStep.PLANNED) {
            Rotation.of(process, f.plan(32), j).run();
          } else {
            Rotation.of(process, settings, j).resume();
          }
        } catch (SimulatedCrash expected) {
          // the process died here
        }
        io.nvrkit.examples.TestKits.hook(null);
        if (!crash.fired && step != RotationStep.CONFIRMED_OLD) {
          fail("the crash after " + step + " was never injected");
        }
        f.check(jp, null);
      }
      RotationReport r;
      try (io.nvrkit.core.NvrKit process = io.nvrkit.examples.TestKits.cheapKit();
          RotationJournal j = RotationJournal.open(jp, ChaosFleet.PASSPHRASE)) {
        r = Rotation.of(process, ChaosFleet.settings(32).build(), j).resume();
      }
      f.check(jp, r);
      f.heal();
      try (io.nvrkit.core.NvrKit process = io.nvrkit.examples.TestKits.cheapKit();
          RotationJournal j = RotationJournal.open(jp, ChaosFleet.PASSPHRASE)) {
        r = Rotation.of(process, ChaosFleet.settings(32).build(), j).resume();
      }
      f.check(jp, r);
      // Every device commits, ONVIF as Lorex. Resumes find the password without piling up
      // failed logins because every accepted login is journaled before the next one is tried
      // (VERIFIED before the old-password check, CONFIRMED_OLD before a re-send) and the probe
      // order uses every PROBING record since then, not only the last (see Engine#recover).
      System.out.println(
          kind.name().toLowerCase(java.util.Locale.ROOT)
              + " chaos: "
              + r.count(RotationReport.Outcome.COMMITTED)
              + " of "
              + devices
              + " committed");
      // Strict: no device is left STUCK or UNCHANGED. Process deaths and lost answers can leave
      // unanswered probes in the journal, but only tries the device may have counted are counted
      // (a connect failure, a lost anonymous request, a busy or 5xx answer are taken back), a
      // success clears them, and a dying process starts no new probe; the cap therefore never
      // stops a device whose faults are transient.
      f.assertAllCommitted(r);
    }
  }
}
