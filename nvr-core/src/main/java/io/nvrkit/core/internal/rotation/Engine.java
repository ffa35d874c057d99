package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.Journal;
import io.nvrkit.core.internal.journal.JournalRecord;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.internal.journal.RecordType;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.core.rotation.JournalException;
import io.nvrkit.core.rotation.RotationListener;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationReport.DeviceResult;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import io.nvrkit.core.rotation.RotationTarget;
import io.nvrkit.core.spi.NvrDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rotation engine: drives every device of a plan through intent → sent → verified → committed
 * with the journal as the source of truth, on a bounded pool of worker threads.
 *
 * <p>Per device (one worker at a time): log in with the password the journal holds; choose the new
 * password once (the plan's, or generated) and journal it with the old one; force a SENT record to
 * disk; send the change; verify with a fresh login (and, if configured, that the old password is
 * refused); commit. Whenever the answer to a change is lost, and on resume for every open
 * transaction, the engine probes which password the device accepts — the new one first when the
 * change may have been sent, else the old one — and then finishes, re-sends the same new password,
 * or marks the device STUCK. A probe is a login: a refused probe spends one failed attempt, and a
 * refused password is never retried.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final String LOGIN_REFUSED = "LOGIN_REFUSED: ";
  private static final String NEITHER = "NEITHER: ";

  private final RotationPlan plan;
  private final Journal journal;
  private final RotationListener listener;
  private final CrashHook hook;
  private final HostPacer pacer;
  private final Map<String, NvrDriver> drivers = new ConcurrentHashMap<>();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();

  /**
   * An engine.
   *
   * @param plan settings and (for {@link #run()}) devices
   * @param journal the open journal
   * @param listener progress listener
   */
  public Engine(RotationPlan plan, Journal journal, RotationListener listener) {
    this.plan = plan;
    this.journal = journal;
    this.listener = listener;
    this.hook = CrashHook.Installed.get();
    this.pacer = new HostPacer(plan.hostPacing());
  }

  /**
   * Journals the plan's devices, then rotates them.
   *
   * @return the report
   */
  public RotationReport run() {
    if (journal.state().hasPlan()) {
      throw new IllegalStateException(
          "the journal already holds a rotation: resume it, or use a new journal file");
    }
    if (plan.targets().isEmpty()) {
      throw new IllegalArgumentException("the plan has no devices");
    }
    Instant now = Instant.now();
    Map<String, RotationTarget> byKey = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (RotationTarget t : plan.targets()) {
      byKey.put(t.key(), t);
      keys.add(t.key());
      journal.append(
          JournalRecord.planned(
              now,
              t.key(),
              t.endpoint().toString(),
              t.vendor(),
              t.user(),
              copy(t.password()),
              EndpointText.of(t.endpoint())),
          false);
    }
    journal.file().sync();
    reached(Step.PLANNED, "");
    return process(keys, byKey);
  }

  /**
   * Finishes the rotation held by the journal: settles every open transaction and rotates every
   * device not yet committed.
   *
   * @return the report
   */
  public RotationReport resume() {
    if (!journal.state().hasPlan()) {
      throw new IllegalStateException("the journal holds no rotation to resume");
    }
    Map<String, RotationTarget> byKey = new HashMap<>();
    for (RotationTarget t : plan.targets()) {
      byKey.put(t.key(), t);
    }
    List<String> keys = new ArrayList<>();
    for (JournalState.View v : journal.state().views()) {
      keys.add(v.key());
    }
    return process(keys, byKey);
  }

  private RotationReport process(List<String> keys, Map<String, RotationTarget> overrides) {
    Instant started = Instant.now();
    safe(() -> listener.started(keys.size()));
    int threads = Math.max(1, Math.min(plan.concurrency(), keys.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, new Workers());
    List<Future<DeviceResult>> futures = new ArrayList<>(keys.size());
    try {
      for (String k : keys) {
        RotationTarget o = overrides.get(k);
        futures.add(pool.submit(() -> device(k, o)));
      }
      List<DeviceResult> results = new ArrayList<>(keys.size());
      for (Future<DeviceResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          fail(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail(e);
        }
      }
      Throwable t = fatal.get();
      if (t != null) {
        throw rethrow(t);
      }
      journal.file().sync();
      return new RotationReport(results, started, Instant.now(), journal.file().recoveryNotes());
    } finally {
      pool.shutdownNow();
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof Error) {
      throw (Error) t;
    }
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    return new IllegalStateException("rotation interrupted", t);
  }

  private void fail(Throwable t) {
    if (fatal.compareAndSet(null, t)) {
      journal.file().halt(t);
    }
  }

  private void checkFatal() {
    Throwable t = fatal.get();
    if (t != null) {
      throw rethrow(t);
    }
  }

  private void reached(Step step, String device) {
    checkFatal();
    hook.reached(step, device);
  }

  // ---------------------------------------------------------------- one device

  /** Per-device context of one run. Used by one thread at a time. */
  private final class Ctx {
    final String key;
    final String vendor;
    final String user;
    final DeviceEndpoint endpoint;
    final RotationTarget override;
    final long startNanos = System.nanoTime();
    final long deadlineNanos;
    NvrDriver driver;
    ConnectOptions options;
    int roundTrips;
    int failedLogins;
    int sends;
    String txId = "";

    /**
     * The new password was generated for, or checked against, {@link #policy(Ctx)} by this run
     * (with the same personal information the driver would use), so the driver need not estimate
     * its strength again; a password taken from the journal on resume is always re-checked.
     */
    boolean checkedThisRun;

    Ctx(JournalState.View v, RotationTarget override) {
      this.key = v.key();
      this.vendor = v.vendor();
      this.user = v.user();
      this.endpoint = EndpointText.parse(v.url(), v.tls());
      this.override = override;
      this.deadlineNanos = startNanos + plan.deviceTimeout().toNanos();
    }

    boolean pastDeadline() {
      return System.nanoTime() - deadlineNanos > 0;
    }

    Done result(Outcome outcome, String reason) {
      return new Done(outcome, reason);
    }

    DeviceResult finish(Done d) {
      return new DeviceResult(
          key,
          vendor,
          d.outcome(),
          d.reason(),
          roundTrips,
          failedLogins,
          Duration.ofNanos(System.nanoTime() - startNanos));
    }
  }

  /** Where a device ended, before the round trips of its last sessions are added up. */
  private record Done(Outcome outcome, String reason) {}

  private DeviceResult device(String key, RotationTarget override) {
    checkFatal();
    JournalState.View v = journal.state().view(key);
    Ctx c = new Ctx(v, override);
    safe(() -> listener.deviceStarted(key));
    Done r;
    try {
      r = deviceInner(c, v);
    } catch (Error | JournalException e) {
      fail(e);
      throw e;
    } catch (RuntimeException e) {
      if (fatal.get() != null) {
        throw e;
      }
      LOG.warn("rotation: unexpected failure on {}", key, e);
      String why = "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
      if (!c.txId.isEmpty()) {
        r = stuck(c, why + "; resume to settle it");
      } else {
        r = c.result(Outcome.UNCHANGED, why);
      }
    }
    DeviceResult done = c.finish(r);
    safe(() -> listener.deviceFinished(done));
    return done;
  }

  private Done deviceInner(Ctx c, JournalState.View v) {
    if (!v.open() && v.commits() > 0) {
      return c.result(Outcome.COMMITTED, "committed earlier (" + v.time() + ")");
    }
    if (!v.open() && v.stuck() && v.reason().startsWith(LOGIN_REFUSED)) {
      return c.result(Outcome.STUCK, v.reason().substring(LOGIN_REFUSED.length()));
    }
    try {
      c.driver = driver(c.vendor);
    } catch (IllegalStateException e) {
      return c.result(v.open() ? Outcome.STUCK : Outcome.UNCHANGED, "no driver: " + e.getMessage());
    }
    c.options = plan.connectOptions().toBuilder().vendor(c.vendor).build();
    pacer.acquire(c.endpoint.host());
    if (v.open()) {
      c.txId = v.txId();
      if (v.stuck() && v.reason().startsWith(NEITHER)) {
        return c.result(Outcome.STUCK, v.reason().substring(NEITHER.length()));
      }
      return recover(c, v.txOld(), v.txNew(), v.sentSinceConfirm(), "resuming an open rotation");
    }
    return fresh(c, v.current());
  }

  private Done fresh(Ctx c, Secret current) {
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
      reached(Step.INTENT, c.key);
      JournalState.View v = journal.state().view(c.key);
      return send(c, client, v.txOld(), v.txNew());
    } finally {
      close(c, client);
    }
  }

  /** Sends the change on {@code client} (logged in with {@code old}); closes nothing. */
  private Done send(Ctx c, NvrClient client, Secret old, Secret next) {
    journal.appendAndForce(JournalRecord.step(RecordType.SENT, now(), c.key, c.txId, ""));
    reached(Step.SENT, c.key);
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
    reached(Step.CHANGED, c.key);
    journal.append(JournalRecord.step(RecordType.ACKED, now(), c.key, c.txId, ""), false);
    reached(Step.ACKED, c.key);
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
      return stuck(
          c,
          "the change was acknowledged but logging in with the new password failed ("
              + describe(e)
              + "); resume to finish");
    }
    close(c, fresh);
    reached(Step.NEW_LOGIN_OK, c.key);
    return finishVerified(c, old, false, "");
  }

  /** The new password works; check the old one is refused (unless known), then commit. */
  private Done finishVerified(Ctx c, Secret old, boolean oldKnownRefused, String skipNote) {
    // The new password was just accepted: journal that before any other login. Otherwise a crash
    // after the old-password check below leaves PROBING records that do not show the new one
    // worked, and a later process may try the old (refused, and counted by the device) first.
    journal.append(JournalRecord.step(RecordType.VERIFIED, now(), c.key, c.txId, ""), false);
    reached(Step.VERIFIED, c.key);
    String note = skipNote;
    if (plan.verifyOldPasswordRefused() && !oldKnownRefused) {
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
        reached(Step.OLD_REFUSED, c.key);
      } catch (AccountLockedException e) {
        note = "verified; the old-password check found the account locked (" + locked(e) + ")";
      } catch (NvrException e) {
        return stuck(
            c,
            "the new password works, but the check that the old one is refused failed ("
                + describe(e)
                + "); resume to finish");
      }
    }
    journal.append(JournalRecord.step(RecordType.COMMITTED, now(), c.key, c.txId, ""), false);
    reached(Step.COMMITTED, c.key);
    return c.result(Outcome.COMMITTED, note);
  }

  /** The new password was refused (one failed login spent): does the old one work? */
  private Done afterNewRefused(Ctx c, Secret old, Secret next, String context) {
    NvrClient o;
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
      return stuck(
          c,
          context
              + "; the device could not be reached to try the old password ("
              + describe(e)
              + "); resume later");
    }
    try {
      reached(Step.PROBED, c.key);
      return confirmedOld(c, o, old, next, context);
    } finally {
      close(c, o);
    }
  }

  /** The device accepts the old password ({@code o} is logged in with it): re-send or stop. */
  private Done confirmedOld(Ctx c, NvrClient o, Secret old, Secret next, String context) {
    journal.appendAndForce(
        JournalRecord.step(RecordType.CONFIRMED_OLD, now(), c.key, c.txId, context));
    reached(Step.CONFIRMED_OLD, c.key);
    if (c.sends >= plan.maxSends() || c.pastDeadline()) {
      return c.result(
          Outcome.UNCHANGED,
          context
              + "; the device still has its old password after "
              + c.sends
              + " send(s); resume to retry with the same new password");
    }
    return send(c, o, old, next);
  }

  /**
   * Finds out which password the device accepts, spending at most one refused login when it holds
   * either of them, then finishes, re-sends or stops.
   *
   * <p>The order uses everything the journal knows about the transaction since the last proven
   * login or send (see {@link JournalState.View}), not only the last probe. Every login tried since
   * then may have been counted by the device as a failure unless its candidate is the one the
   * device accepts; a process that crashed, or lost the answer, could not journal the outcome. So:
   * a candidate the device refused is never tried again (a refused password is not retried, in this
   * process or a later one); else, when the journal shows the new password accepted (VERIFIED) or
   * the change acknowledged (ACKED) since the last send, the new one, unless it was since tried at
   * least twice more than the old without an outcome; else the candidate tried fewer times (the
   * device may have counted the other's tries); at equal counts, the new password first when the
   * change may have been sent, else the old one.
   */
  private Done recover(Ctx c, Secret old, Secret next, boolean mayHaveBeenSent, String context) {
    JournalState.View v = journal.state().view(c.key);
    boolean oldRefused = v.refused().contains("old");
    boolean newRefused = v.refused().contains("new");
    if (oldRefused && newRefused) {
      return stuck(
          c,
          NEITHER
              + context
              + "; "
              + neither()
              + " (both refusals are in the journal; neither is tried again)");
    }
    boolean newFirst = mayHaveBeenSent;
    if (oldRefused || newRefused) {
      // one candidate left: if the device holds either, it holds this one
      newFirst = oldRefused;
    } else {
      // The counts come before what the device said: firmware may acknowledge a change it did not
      // apply, and every unanswered probe of the new password may then have been counted.
      int triedOld = v.probes("old");
      int triedNew = v.probes("new");
      if (v.verified() || v.acked()) {
        // the new password was accepted after the last send, or the device acknowledged it: the
        // new one first, unless it has since been tried at least twice more than the old one
        // without an outcome (then the acknowledgement may have been false, and each further try
        // of the new password could be one more counted failure)
        newFirst = triedNew < triedOld + 2;
      } else if (triedOld != triedNew) {
        newFirst = triedNew < triedOld;
      }
    }
    boolean secondRefused = newFirst ? oldRefused : newRefused;
    Secret first = newFirst ? next : old;
    NvrClient client = null;
    boolean firstRefused = false;
    String firstWhy = "";
    try {
      probing(c, newFirst ? "new" : "old");
      client = login(c, first, false);
    } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
      return stuck(c, context + "; " + budgetSpent());
    } catch (AuthenticationFailedException e) {
      firstRefused = true;
      firstWhy = e.getMessage();
      probing(c, "refused:" + (newFirst ? "new" : "old"));
    } catch (AccountLockedException e) {
      return stuck(c, context + "; " + locked(e));
    } catch (NvrException e) {
      return stuck(
          c,
          context
              + "; the device could not be reached to find out which password it accepts ("
              + describe(e)
              + "); resume later");
    }
    if (firstRefused && secondRefused) {
      return stuck(
          c,
          NEITHER
              + context
              + "; "
              + neither()
              + " (refusals: "
              + firstWhy
              + "; the other was refused earlier, as the journal shows, and is not tried again)");
    }
    if (firstRefused) {
      Secret second = newFirst ? old : next;
      try {
        probing(c, newFirst ? "old" : "new");
        client = login(c, second, false);
      } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
        return stuck(c, context + "; one password was refused; " + budgetSpent());
      } catch (AuthenticationFailedException e) {
        return stuck(
            c,
            NEITHER
                + context
                + "; "
                + neither()
                + " (refusals: "
                + firstWhy
                + "; "
                + e.getMessage()
                + ")");
      } catch (AccountLockedException e) {
        return stuck(c, context + "; " + locked(e));
      } catch (NvrException e) {
        return stuck(
            c,
            context
                + "; one password was refused and the device could not be reached to try the"
                + " other ("
                + describe(e)
                + "); resume later");
      }
    }
    boolean newWorks = newFirst != firstRefused;
    try {
      reached(Step.PROBED, c.key);
      if (newWorks) {
        close(c, client);
        client = null;
        // an old-password check begun after VERIFIED whose outcome the journal lacks (a crash)
        // is not repeated: each repetition could cost the device another counted failure
        boolean oldCheckBegun = v.verified() && v.probes("old") > 0 && !oldRefused;
        if (oldCheckBegun && !firstRefused) {
          return finishVerified(
              c,
              old,
              true,
              "verified; an earlier process began the old-password check and its outcome was"
                  + " lost, so it was not repeated");
        }
        return finishVerified(c, old, firstRefused || oldRefused, "");
      }
      return confirmedOld(c, client, old, next, context);
    } finally {
      if (client != null) {
        close(c, client);
      }
    }
  }

  private void probing(Ctx c, String candidate) {
    journal.appendAndForce(JournalRecord.step(RecordType.PROBING, now(), c.key, c.txId, candidate));
  }

  private Done abort(Ctx c, String why) {
    journal.append(JournalRecord.step(RecordType.ABORTED, now(), c.key, c.txId, why), false);
    return c.result(Outcome.UNCHANGED, why);
  }

  private Done stuck(Ctx c, String why) {
    journal.append(JournalRecord.step(RecordType.STUCK, now(), c.key, c.txId, why), false);
    String shown = why.startsWith(NEITHER) ? why.substring(NEITHER.length()) : why;
    return c.result(Outcome.STUCK, shown);
  }

  private static String neither() {
    return "the device accepts neither the old nor the new password (changed by someone else?);"
        + " use the break-glass path: a second admin account or the vendor's reset procedure;"
        + " the journal holds both candidates";
  }

  private static String budgetSpent() {
    return "this client's failed-login budget for the device is spent, so the other password was"
        + " not tried (nothing sent); resume after the device's lockout window";
  }

  private static String locked(AccountLockedException e) {
    return "the account is locked"
        + e.retryAfter().map(t -> " until " + t).orElse("")
        + "; resume after the lock ends";
  }

  /**
   * Logs in. With {@code retry}, network errors are retried up to the plan's attempts: only for a
   * password believed current (a lost answer to a login with a wrong password may still have been
   * counted by the device, so probes are never retried).
   */
  private NvrClient login(Ctx c, Secret secret, boolean retry) {
    NvrException last = null;
    int attempts = retry ? plan.loginAttempts() : 1;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      checkFatal();
      try {
        return c.driver.connect(c.endpoint, Credentials.of(c.user, secret), c.options);
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
        last = e;
        if (!e.isRetryable()) {
          throw e;
        }
        backoff(attempt);
      }
    }
    throw last;
  }

  private void backoff(int attempt) {
    long ms = plan.retryBackoff().toMillis() * attempt;
    if (ms > 0) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private static void close(Ctx c, NvrClient client) {
    try {
      c.roundTrips += (int) client.roundTrips();
      client.close();
    } catch (NvrException e) {
      LOG.debug("rotation: closing the session with {} failed", c.key, e);
    }
  }

  private NvrDriver driver(String vendor) {
    Optional<NvrDriver> d = plan.driver(vendor);
    if (d.isPresent()) {
      return d.get();
    }
    return drivers.computeIfAbsent(vendor, Nvr::driver);
  }

  /**
   * What the driver is asked to check for a password this run has already checked against {@code
   * checked}: nothing beyond the device's own limits, which every driver adds to the caller's
   * policy. Spares a second strength estimate (zxcvbn, about 0.7 ms of CPU for a 20-character
   * password) per device.
   */
  private static PasswordPolicy deviceLimitsOnly(PasswordPolicy checked) {
    return PasswordPolicy.builder(checked.name() + " (checked before the intent was journaled)")
        .build();
  }

  private PasswordPolicy policy(Ctx c) {
    if (c.override != null && c.override.policy().isPresent()) {
      return c.override.policy().get();
    }
    return plan.policy().orElseGet(() -> c.driver.defaultPolicy());
  }

  private static PersonalInfo personal(Ctx c) {
    return PersonalInfo.builder().userName(c.user).build();
  }

  private static Secret newPassword(Ctx c, PasswordPolicy policy) {
    if (c.override != null && c.override.newPassword().isPresent()) {
      return copy(c.override.newPassword().get());
    }
    return PasswordGenerator.forPolicy(policy).generate(personal(c));
  }

  private static String codes(PolicyReport r) {
    StringBuilder sb = new StringBuilder();
    for (PolicyViolation v : r.violations()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(v.code());
    }
    return sb.toString();
  }

  private static String describe(NvrException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static Secret copy(Secret s) {
    return Secret.wrap(s.copyChars());
  }

  private static Instant now() {
    return Instant.now();
  }

  private static void safe(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("rotation listener failed", e);
    }
  }

  private static final class Workers implements ThreadFactory {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "nvrkit-rotation-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
