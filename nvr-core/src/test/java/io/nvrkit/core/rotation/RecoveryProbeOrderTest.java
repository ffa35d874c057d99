package io.nvrkit.core.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.internal.rotation.SimulatedCrash;
import io.nvrkit.core.rotation.RotationReport.DeviceResult;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which password a resume tries first, from what earlier processes journaled about an open
 * transaction. Each test writes the journal a crashed process would have left (the records the
 * engine writes, in its order), gives the in-memory device the failed-login count those processes
 * left on it, resumes, and checks what the device saw: a resume must never spend a failed login the
 * journal could have spared, and never try a password the journal shows refused.
 */
class RecoveryProbeOrderTest {
  static final Secret PASS = OpenTransactions.PASS;
  static final String OLD = OpenTransactions.OLD;
  static final String NEW = OpenTransactions.NEW;
  static final String TX = OpenTransactions.TX;
  @TempDir Path dir;

  @BeforeAll
  static void cheapKdf() {}

  @AfterAll
  static void restoreKdf() {}

  private final MemoryFleet fleet = new MemoryFleet(7);
  private final DeviceEndpoint endpoint = fleet.add(0, "admin", OLD);
  private final String key = io.nvrkit.core.internal.rotation.AccountKeys.key(endpoint, "admin");

  /** A journal with the device planned and a transaction old → new opened, then {@code steps}. */
  private RotationJournal journal(String... steps) {
    // the journaled tries happened moments ago: within the failure window, so every one counts
    // (the device here never forgets a failure; ProbeCrashLockoutTest covers the window)
    return OpenTransactions.journal(
        dir.resolve("r.journal"), endpoint, TestRotationKit.KIT.clock().instant(), steps);
  }

  /** The device as the crashed processes left it: {@code password}, {@code failures} uncleared. */
  private MemoryFleet.Account device(String password, int failures) {
    MemoryFleet.Account a = fleet.account(endpoint, "admin");
    a.password = Secret.of(password);
    a.consecutiveFailures = failures;
    a.maxConsecutiveFailures = failures;
    return a;
  }

  private DeviceResult resume(RotationJournal j) {
    RotationPlan settings =
        RotationPlan.builder().driver(fleet.driver()).retryBackoff(Duration.ZERO).build();
    return Rotation.of(TestRotationKit.KIT, settings, j).resume().devices().get(0);
  }

  /**
   * The sequence the ONVIF chaos test found: process 1 had the change acknowledged and the new
   * password accepted, then its check that the old one is refused was refused (counted by the
   * device) but the crash lost the journaled refusal; process 2 journaled a probe of the new
   * password and could not reach the device. Both candidates now have a probe with no outcome.
   * Remembering only the last one, process 3 tried the old password first: the device's second
   * failure in a row, one short of a lockout after 3 (a device that counts down then leaves the
   * client no budget for the right password).
   */
  @Test
  void theSequenceTheOnvifChaosTestFoundFindsTheNewPasswordFirst() {
    MemoryFleet.Account a = device(NEW, 1);
    try (RotationJournal j =
        journal(
            "SENT",
            "ACKED",
            "PROBING old",
            "PROBING new",
            "STUCK resuming an open rotation; the device could not be reached")) {
      DeviceResult r = resume(j);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      assertEquals(
          1,
          a.maxConsecutiveFailures,
          "the resume added a failed login before finding the password the device accepts");
      assertEquals(1, a.failedLogins, "only the old-password check after the new one worked");
      assertEquals(0, a.changesApplied, "nothing was sent again");
    }
  }

  /**
   * Two logins with the new password and one with the old left no outcome (crashes): the device may
   * have counted both new ones. The old one is tried first, not the new one because it came last:
   * here the new one was refused twice, and a third refusal would lock the account.
   */
  @Test
  void aCandidateTriedMoreOftenComesAfterOneTriedLess() {
    MemoryFleet.Account a = device(OLD, 2);
    try (RotationJournal j = journal("SENT", "PROBING new", "PROBING new", "PROBING old")) {
      DeviceResult r = resume(j);
      assertFalse(a.locked, "the account was locked");
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      assertEquals(2, a.maxConsecutiveFailures, "a failed login was added before a success");
      assertEquals(1, a.changesApplied, "the same new password was sent once more");
    }
  }

  /**
   * The device acknowledged the change (ACKED); a later probe of the new password left no outcome
   * (it never reached the device). The new password is still tried first.
   */
  @Test
  void anAcknowledgedChangeIsProbedWithTheNewPasswordFirst() {
    MemoryFleet.Account a = device(NEW, 1);
    try (RotationJournal j = journal("SENT", "ACKED", "PROBING new")) {
      DeviceResult r = resume(j);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      assertEquals(1, a.maxConsecutiveFailures, "the old password was tried first");
    }
  }

  /**
   * A crash during the check that the old password is refused: the journal shows the check begun
   * after VERIFIED, without its outcome. The resume does not repeat it (each repetition could be
   * one more counted failure on a device that counts over a window) and says so in the report.
   */
  @Test
  void anOldPasswordCheckWhoseOutcomeWasLostIsNotRepeated() {
    MemoryFleet.Account a = device(NEW, 1);
    try (RotationJournal j = journal("SENT", "ACKED", "VERIFIED", "PROBING old")) {
      DeviceResult r = resume(j);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      assertEquals(1, a.maxConsecutiveFailures, "no second failed login");
      assertTrue(r.reason().contains("not repeated"), r.reason());
    }
  }

  /**
   * Firmware that acknowledges a change it did not apply: two probes of the new password after the
   * acknowledgement left no outcome, and the device counted both. Trying the new password a third
   * time would lock an account that locks after 3; the old one is tried instead.
   */
  @Test
  void anAcknowledgementDoesNotOutweighRepeatedUnansweredProbesOfTheNewPassword() {
    MemoryFleet.Account a = device(OLD, 2);
    try (RotationJournal j = journal("SENT", "ACKED", "PROBING new", "PROBING new")) {
      DeviceResult r = resume(j);
      assertFalse(a.locked, "locked: " + r.reason());
      assertEquals(2, a.maxConsecutiveFailures, "no failed login was added");
    }
  }

  /**
   * The journal shows the new password accepted since the last send (VERIFIED); later probes left
   * no outcome, more of them with the new password. The new one is still tried first: a login with
   * it succeeded and nothing of ours changed the password since.
   */
  @Test
  void aVerifiedNewPasswordIsTriedFirstWhateverCameAfter() {
    MemoryFleet.Account a = device(NEW, 1);
    try (RotationJournal j =
        journal("SENT", "ACKED", "VERIFIED", "PROBING old", "PROBING new", "PROBING new")) {
      DeviceResult r = resume(j);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      assertEquals(1, a.maxConsecutiveFailures, "the old password was tried first");
    }
  }

  /**
   * A crash right after the old-password check: the journal already shows the new password accepted
   * (VERIFIED is written before that check), so the journal's current password is the new one, and
   * the resume commits without a failed login.
   */
  @Test
  void theNewPasswordIsJournaledAcceptedBeforeTheOldOneIsChecked() {
    MemoryFleet.Account a = fleet.account(endpoint, "admin");
    RotationPlan plan =
        RotationPlan.builder()
            .target(RotationTarget.of(endpoint, MemoryFleet.VENDOR, "admin", Secret.of(OLD)))
            .driver(fleet.driver())
            .retryBackoff(Duration.ZERO)
            .build();
    Path p = dir.resolve("crash.journal");
    TestRotationKit.hook(
        (step, device) -> {
          if (step == RotationStep.OLD_REFUSED) {
            throw new SimulatedCrash("crash after " + step);
          }
        });
    try (RotationJournal j = RotationJournal.create(TestRotationKit.KIT, p, PASS)) {
      assertThrows(SimulatedCrash.class, () -> Rotation.of(TestRotationKit.KIT, plan, j).run());
    } finally {
      TestRotationKit.hook(null);
    }
    assertEquals(1, a.failedLogins, "the old-password check");
    try (RotationJournal j = RotationJournal.open(p, PASS)) {
      JournalState.View v = j.internal().state().view(key);
      assertTrue(v.verified(), "VERIFIED is on disk before the old password is tried");
      assertTrue(fleet.accepts(endpoint, "admin", v.current()));
      DeviceResult r = resume(j);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      assertEquals(0, r.failedLogins(), "the journal already shows the old password refused");
      assertEquals(1, a.failedLogins);
      assertEquals(1, a.changesApplied);
    }
  }

  /**
   * The old-password check was refused and journaled, then the process died before COMMITTED: the
   * resume finds the new password and commits without asking the device about the old one again.
   */
  @Test
  void aJournaledRefusalOfTheOldPasswordIsNotAskedAgain() {
    MemoryFleet.Account a = device(NEW, 1);
    try (RotationJournal j = journal("SENT", "ACKED", "PROBING old", "PROBING refused:old")) {
      DeviceResult r = resume(j);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      assertEquals(0, a.failedLogins, "the journal already shows the old password refused");
      assertEquals(0, r.failedLogins());
    }
  }

  /**
   * The new password was refused and that is journaled; someone else has since changed the
   * password. The resume tries the old one, and when it is refused too stops: trying the new one
   * again would retry a refused password, and here it would be the third failure in a row.
   */
  @Test
  void aCandidateTheJournalShowsRefusedIsNeverTriedAgain() {
    MemoryFleet.Account a = device("changed-by-someone-else", 1);
    try (RotationJournal j = journal("SENT", "PROBING new", "PROBING refused:new")) {
      DeviceResult r = resume(j);
      assertEquals(Outcome.STUCK, r.outcome());
      assertTrue(r.reason().contains("break-glass"), r.reason());
      assertEquals(1, r.failedLogins(), "only the old password was tried");
      assertEquals(2, a.consecutiveFailures);
      assertFalse(a.locked, "the account was locked");
      DeviceResult again = resume(j);
      assertEquals(Outcome.STUCK, again.outcome());
      assertEquals(1, a.failedLogins, "a later resume tries nothing");
    }
  }

  /** Both refusals are journaled: nothing is tried, the device is left for the break-glass path. */
  @Test
  void bothCandidatesRefusedInTheJournalSendsNothing() {
    MemoryFleet.Account a = device("changed-by-someone-else", 2);
    try (RotationJournal j =
        journal(
            "SENT", "PROBING new", "PROBING refused:new", "PROBING old", "PROBING refused:old")) {
      DeviceResult r = resume(j);
      assertEquals(Outcome.STUCK, r.outcome());
      assertTrue(r.reason().contains("break-glass"), r.reason());
      assertEquals(0, fleet.requests.get(), "nothing was sent");
      assertEquals(2, a.consecutiveFailures);
    }
  }

  /**
   * A probe with no outcome was journaled for the new password only: the old one is tried first (it
   * was not tried), and a new password that in fact works is found second.
   */
  @Test
  void theUntriedCandidateComesFirst() {
    MemoryFleet.Account a = device(OLD, 1);
    try (RotationJournal j = journal("SENT", "PROBING new")) {
      DeviceResult r = resume(j);
      assertEquals(Outcome.COMMITTED, r.outcome(), r.reason());
      assertEquals(1, a.maxConsecutiveFailures, "the old password was tried first and worked");
    }
  }
}
