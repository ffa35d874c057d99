package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.SessionDiagnostics;
import io.nvrkit.core.internal.journal.Journal;
import io.nvrkit.core.internal.journal.JournalRecord;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.internal.journal.RecordType;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import io.nvrkit.core.rotation.RotationStep;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one device's rotation (log in, journal the intent, send, verify, commit, abort, mark
 * stuck) and the helpers they share with {@link Recovery}. Every step journals before it acts where
 * a crash could otherwise lose what the device was told. One instance per engine; each call works
 * on one {@link DeviceRun}, used by one thread at a time.
 */
final class DeviceSteps {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  static final String LOGIN_REFUSED = "LOGIN_REFUSED: ";
  static final String NEITHER = "NEITHER: ";

  private final RotationPlan plan;
  private final Journal journal;
  private final Engine engine;
  private final Recovery recovery;
  private final Backoff backoff;

  DeviceSteps(RotationPlan plan, Journal journal, Engine engine, Backoff backoff) {
    this.plan = plan;
    this.journal = journal;
    this.engine = engine;
    this.backoff = backoff;
    this.recovery = new Recovery(journal, engine, this, plan);
  }

  /**
   * Settles an open transaction (see {@link Recovery}).
   *
   * @param c the device
   * @param old the journaled old password
   * @param next the journaled new password
   * @param mayHaveBeenSent whether the change may have reached the device
   * @param context what led here, for the reason
   * @return where the device ended
   */
  Done recover(DeviceRun c, Secret old, Secret next, boolean mayHaveBeenSent, String context) {
    while (true) {
      Done d = recovery.recover(c, old, next, mayHaveBeenSent, context);
      if (!d.retry()) {
        return d;
      }
      // a transient failure while finding out: the journal now counts the unanswered probe, and
      // the next round (after a backoff) orders and caps the candidates by it
      if (!backoff.pause(c)) {
        return stuck(c, d.reason() + " (retry budget spent)");
      }
    }
  }

  Done fresh(DeviceRun c, Secret current) {
    NvrClient client;
    try {
      client = login(c, current, true);
    } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
      return c.result(Outcome.STUCK, budgetSpent());
    } catch (AuthenticationFailedException e) {
      String why =
          "the password the journal holds for it (from the inventory) was refused; correct it and"
              + " rotate this device with a new journal, or use the break-glass path";
      journal.append(
          JournalRecord.step(RecordType.STUCK, now(), c.key, "", LOGIN_REFUSED + why), false);
      return c.result(Outcome.STUCK, why);
    } catch (AccountLockedException e) {
      String why = locked(e);
      journal.append(JournalRecord.step(RecordType.STUCK, now(), c.key, "", why), false);
      return c.result(Outcome.STUCK, why);
    } catch (NvrException e) {
      return c.result(Outcome.UNCHANGED, "could not log in: " + describe(e));
    }
    try {
      if (c.pastDeadline()) {
        return c.result(Outcome.UNCHANGED, "device timeout before the change was sent");
      }
      PasswordPolicy policy = policy(c);
      boolean given = c.override != null && c.override.newPassword().isPresent();
      Secret next = newPassword(c, policy);
      if (given) {
        // a generated password satisfies the policy by construction; a given one is checked
        PolicyReport report = policy.check(next, personal(c));
        if (!report.passed()) {
          next.destroy();
          return c.result(
              Outcome.UNCHANGED,
              "the plan's new password violates policy " + report.policy() + ": " + codes(report));
        }
      }
      c.checkedThisRun = true;
      c.txId = UUID.randomUUID().toString();
      journal.append(JournalRecord.intent(now(), c.key, c.txId, copy(current), next), false);
      engine.reached(RotationStep.INTENT, c.key);
      JournalState.View v = journal.state().view(c.key);
      return send(c, client, v.txOld(), v.txNew());
    } finally {
      close(c, client);
    }
  }

  /** Sends the change on {@code client} (logged in with {@code old}); closes nothing. */
  Done send(DeviceRun c, NvrClient client, Secret old, Secret next) {
    journal.appendAndForce(JournalRecord.step(RecordType.SENT, now(), c.key, c.txId, ""));
    engine.reached(RotationStep.SENT, c.key);
    c.sends++;
    PasswordPolicy policy = c.checkedThisRun ? deviceLimitsOnly(policy(c)) : policy(c);
    try {
      client.changePassword(
          PasswordChangeRequest.builder(next)
              .oldPassword(old)
              .policy(policy)
              .personalInfo(personal(c))
              .verify(false)
              .build());
    } catch (PolicyViolationException e) {
      return abort(c, "the new password violates the policy: " + codes(e.report()));
    } catch (DeviceRejectedException e) {
      // Usually nothing was applied, but an error status may follow a partial apply: probe the
      // old password first (no failed login when it was not applied) instead of assuming.
      return recover(
          c,
          old,
          next,
          false,
          "the device refused the change"
              + e.vendorCode().map(x -> " (code " + x + ")").orElse("")
              + " ("
              + e.getMessage()
              + ")");
    } catch (AccountLockedException e) {
      return stuck(c, locked(e));
    } catch (NvrException e) {
      return recover(c, old, next, true, "the answer to the change was lost (" + describe(e) + ")");
    }
    engine.reached(RotationStep.CHANGED, c.key);
    journal.append(JournalRecord.step(RecordType.ACKED, now(), c.key, c.txId, ""), false);
    engine.reached(RotationStep.ACKED, c.key);
    NvrClient fresh;
    try {
      // journaled and tried once like a recovery probe: a refusal whose answer is lost (or a
      // crash) must count for the next process, which then tries the old password first
      probing(c, "new");
      fresh = login(c, next, false);
    } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
      return stuck(c, "the change was acknowledged; " + budgetSpent());
    } catch (AuthenticationFailedException e) {
      // acknowledged, yet the new password is refused: one failed login spent; try the old one
      return afterNewRefused(
          c, old, next, "the device acknowledged the change but refused the new" + " password");
    } catch (AccountLockedException e) {
      return stuck(c, locked(e));
    } catch (NvrException e) {
      unanswered(c, "new", e);
      String why =
          "the change was acknowledged but logging in with the new password failed ("
              + describe(e)
              + ")";
      if (Backoff.isTransient(e) && backoff.pause(c)) {
        return recover(c, old, next, true, why);
      }
      return stuck(c, why + "; resume to finish");
    }
    close(c, fresh);
    engine.reached(RotationStep.NEW_LOGIN_OK, c.key);
    return finishVerified(c, old, false, "", false);
  }

  /**
   * The new password works; check the old one is refused (unless known), then commit. {@code
   * probed}: a recovery probe found it ({@link RotationStep#PROBED} is reached once the proof is on
   * disk).
   */
  Done finishVerified(
      DeviceRun c, Secret old, boolean oldKnownRefused, String skipNote, boolean probed) {
    // The new password was just accepted: journal that, on disk, before any other step. Otherwise
    // a crash after the old-password check below leaves PROBING records that do not show the new
    // one worked, and a later process may try the old (refused, and counted by the device) first;
    // and a process death right after the login would leave it an unanswered probe, one more
    // toward the cap.
    journal.appendAndForce(JournalRecord.step(RecordType.VERIFIED, now(), c.key, c.txId, ""));
    if (probed) {
      engine.reached(RotationStep.PROBED, c.key);
    }
    engine.reached(RotationStep.VERIFIED, c.key);
    String note = skipNote;
    while (plan.verifyOldPasswordRefused() && !oldKnownRefused) {
      try {
        // journaled like a recovery probe: a crash after this refused login must not make the
        // next process try the old password first again (refusals would pile up across crashes)
        probing(c, "old");
        NvrClient o = login(c, old, false);
        close(c, o);
        return stuck(
            c,
            "the device accepts both the old and the new password; check its accounts (the new"
                + " one is in the journal)");
      } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
        note = "verified; the old-password check was skipped (login budget spent, nothing sent)";
      } catch (AuthenticationFailedException e) {
        probing(c, "refused:old");
        engine.reached(RotationStep.OLD_REFUSED, c.key);
      } catch (AccountLockedException e) {
        note = "verified; the old-password check found the account locked (" + locked(e) + ")";
      } catch (NvrException e) {
        unanswered(c, "old", e);
        int tried = journal.state().view(c.key).probes("old");
        if (Backoff.isTransient(e) && tried < plan.maxUnansweredProbes() && backoff.pause(c)) {
          continue; // the same check again; the journal counts the unanswered one
        }
        // the new password works: commit; repeating the check could only add counted failures
        note =
            "verified; the check that the old password is refused went unanswered ("
                + describe(e)
                + ") and was not repeated";
      }
      break;
    }
    journal.append(JournalRecord.step(RecordType.COMMITTED, now(), c.key, c.txId, ""), false);
    engine.reached(RotationStep.COMMITTED, c.key);
    return c.result(Outcome.COMMITTED, note);
  }

  /** The new password was refused (one failed login spent): does the old one work? */
  Done afterNewRefused(DeviceRun c, Secret old, Secret next, String context) {
    NvrClient o;
    c.newRefused = true;
    try {
      probing(c, "refused:new");
      probing(c, "old");
      o = login(c, old, false);
    } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
      return stuck(c, context + "; " + budgetSpent());
    } catch (AuthenticationFailedException e) {
      return stuck(c, NEITHER + neither());
    } catch (AccountLockedException e) {
      return stuck(c, locked(e));
    } catch (NvrException e) {
      unanswered(c, "old", e);
      String why =
          context
              + "; the device could not be reached to try the old password ("
              + describe(e)
              + ")";
      if (Backoff.isTransient(e) && backoff.pause(c)) {
        // the refusal of the new password is journaled: the old one is the only candidate left
        return recover(c, old, next, false, why);
      }
      return stuck(c, why + "; resume later");
    }
    try {
      return confirmedOld(c, o, old, next, context);
    } finally {
      close(c, o);
    }
  }

  /**
   * A probe found the device accepts the old password ({@code o} is logged in with it): journal
   * that (reaching {@link RotationStep#PROBED} once it is on disk), then re-send or stop.
   */
  Done confirmedOld(DeviceRun c, NvrClient o, Secret old, Secret next, String context) {
    journal.appendAndForce(
        JournalRecord.step(RecordType.CONFIRMED_OLD, now(), c.key, c.txId, context));
    engine.reached(RotationStep.PROBED, c.key);
    engine.reached(RotationStep.CONFIRMED_OLD, c.key);
    // A re-send whose answer is lost costs another probe, and the journal's count of probes starts
    // again at CONFIRMED_OLD; a device that does not clear its failure count on a success would
    // still remember this run's refusals. So this run re-sends only while the logins it spent that
    // the device may have counted as failures stay under the probe cap.
    int doubtful = c.failedLogins + c.uncertainNewLogins;
    if (doubtful >= plan.maxUnansweredProbes()) {
      return c.result(
          Outcome.UNCHANGED,
          context
              + "; the device still has its old password after "
              + c.sends
              + " send(s), and this run spent "
              + doubtful
              + " login(s) the device may count as failures, so it does not send again; resume"
              + " to retry with the same new password");
    }
    // each re-send after the first waits out a backoff (a transient fault may need time to clear)
    boolean again = c.sends < plan.maxSends() && (c.sends == 0 || backoff.pause(c));
    if (!again || c.pastDeadline()) {
      return c.result(
          Outcome.UNCHANGED,
          context
              + "; the device still has its old password after "
              + c.sends
              + " send(s); resume to retry with the same new password");
    }
    return send(c, o, old, next);
  }

  void probing(DeviceRun c, String candidate) {
    engine.checkFatal(); // a dying process starts no login it could not journal the outcome of
    journal.appendAndForce(JournalRecord.step(RecordType.PROBING, now(), c.key, c.txId, candidate));
    engine.reached(RotationStep.PROBING, c.key);
  }

  /**
   * A login with {@code candidate} failed without a verdict on the credentials. When the device
   * cannot have counted it as a failed login, takes back the try the PROBING record counted: the
   * credentials certainly were not sent ({@link NvrException#credentialsPossiblySent()} false: a
   * connect failure, a busy answer), or the device answered 5xx (a device that judges a password
   * wrong refuses it; the lockout ledger releases such an attempt for the same reason).
   */
  void unanswered(DeviceRun c, String candidate, NvrException e) {
    if (!e.credentialsPossiblySent() || Backoff.isServerError(e)) {
      probing(c, "uncounted:" + candidate);
    } else if (candidate.equals("new")) {
      c.uncertainNewLogins++;
    }
  }

  /**
   * The unanswered probes of {@code v}'s open transaction that the device may still remember
   * (journaled within the plan's failure window); 0 when none is open.
   */
  int unansweredProbes(JournalState.@Nullable View v) {
    if (v == null || !v.open()) {
      return 0;
    }
    Instant since = now().minus(plan.failureWindow());
    return v.probesSince("old", since) + v.probesSince("new", since);
  }

  static String probeCap(int cap, Instant freeAt) {
    return "the device did not answer "
        + cap
        + " login(s) with each password the journal holds, and each may have counted as a failed"
        + " login, so neither is tried again while the device may remember them (a lockout must"
        + " not be risked); resume after "
        + freeAt
        + ", when the oldest of them has left its failure window (RotationPlan.failureWindow), or"
        + " log in by hand with the journal's candidates (journal export --candidates-out)";
  }

  Done abort(DeviceRun c, String why) {
    journal.append(JournalRecord.step(RecordType.ABORTED, now(), c.key, c.txId, why), false);
    return c.result(Outcome.UNCHANGED, why);
  }

  Done stuck(DeviceRun c, String why) {
    journal.append(JournalRecord.step(RecordType.STUCK, now(), c.key, c.txId, why), false);
    String shown = why.startsWith(NEITHER) ? why.substring(NEITHER.length()) : why;
    return c.result(Outcome.STUCK, shown);
  }

  static String neither() {
    return "the device accepts neither the old nor the new password (changed by someone else?);"
        + " use the break-glass path: a second admin account or the vendor's reset procedure;"
        + " the journal holds both candidates";
  }

  static String budgetSpent() {
    return "this client's failed-login budget for the device is spent, so the other password was"
        + " not tried (nothing sent); resume after the device's lockout window";
  }

  static String locked(AccountLockedException e) {
    return "the account is locked"
        + e.retryAfter().map(t -> " until " + t).orElse("")
        + "; resume after the lock ends";
  }

  /**
   * Logs in. With {@code retry} (only for a password believed current), transient failures are
   * retried with backoff within the plan's retry budget, but at most {@link
   * RotationPlan#loginAttempts()} attempts whose answer was lost after the credentials may have
   * been sent: were the password wrong after all, each could be a counted failure (a 5xx answer is
   * not one: a device that judges a password wrong says so). Probes are never retried here; {@link
   * Recovery} decides, from the journal, whether to try again.
   */
  NvrClient login(DeviceRun c, Secret secret, boolean retry) {
    int attempts = 0;
    int possiblySent = 0;
    while (true) {
      engine.checkFatal();
      attempts++;
      try {
        return engine
            .kit()
            .connect(c.driver, c.endpoint, Credentials.of(c.user, secret), c.options);
      } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
        throw e; // nothing was sent
      } catch (AuthenticationFailedException e) {
        c.roundTrips++;
        c.failedLogins++;
        throw e;
      } catch (AccountLockedException e) {
        c.roundTrips++;
        throw e;
      } catch (NvrException e) {
        c.roundTrips++;
        if (!retry || !Backoff.isTransient(e)) {
          throw e;
        }
        // a 5xx answer is an answer without a verdict: a device that judged the password wrong
        // refuses it instead; only a lost answer may hide a counted failure
        boolean lost = e.credentialsPossiblySent() && !(e instanceof DeviceRejectedException);
        if (lost && ++possiblySent >= plan.loginAttempts()) {
          throw e;
        }
        if (!backoff.pause(c) && attempts >= plan.loginAttempts()) {
          throw e;
        }
      }
    }
  }

  static void close(DeviceRun c, NvrClient client) {
    try {
      c.roundTrips += (int) SessionDiagnostics.roundTripsOf(client).orElse(0);
      client.close();
    } catch (NvrException e) {
      LOG.debug("rotation: closing the session with {} failed", c.key, e);
    }
  }

  /**
   * What the driver is asked to check for a password this run has already checked against {@code
   * checked}: nothing beyond the device's own limits, which every driver adds to the caller's
   * policy. Spares a second strength estimate (zxcvbn, about 0.7 ms of CPU for a 20-character
   * password) per device.
   */
  static PasswordPolicy deviceLimitsOnly(PasswordPolicy checked) {
    return PasswordPolicy.builder(checked.name() + " (checked before the intent was journaled)")
        .build();
  }

  PasswordPolicy policy(DeviceRun c) {
    if (c.override != null && c.override.policy().isPresent()) {
      return c.override.policy().get();
    }
    return plan.policy().orElseGet(() -> c.driver.defaultPolicy());
  }

  static PersonalInfo personal(DeviceRun c) {
    return PersonalInfo.builder().userName(c.user).build();
  }

  static Secret newPassword(DeviceRun c, PasswordPolicy policy) {
    if (c.override != null && c.override.newPassword().isPresent()) {
      return copy(c.override.newPassword().get());
    }
    return PasswordGenerator.forPolicy(policy).generate(personal(c));
  }

  static String codes(PolicyReport r) {
    StringBuilder sb = new StringBuilder();
    for (PolicyViolation v : r.violations()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(v.code());
    }
    return sb.toString();
  }

  static String describe(NvrException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  static Secret copy(Secret s) {
    return Secret.wrap(s.copyChars());
  }

  /** The time journal records carry: the kit's wall clock (a test's controllable one). */
  Instant now() {
    return engine.kit().clock().instant();
  }
}
