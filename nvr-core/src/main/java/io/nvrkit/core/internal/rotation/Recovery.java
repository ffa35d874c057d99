package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.Journal;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.rotation.RotationPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Settles a transaction whose outcome is unknown: finds out which of the two journaled passwords
 * the device accepts, spending at most one refused login when it holds either of them, then lets
 * {@link DeviceSteps} finish, re-send or stop. Stateless between calls; one instance per engine.
 */
final class Recovery {
  private final Journal journal;
  private final Engine engine;
  private final DeviceSteps steps;
  private final int cap;
  private final Duration window;

  Recovery(Journal journal, Engine engine, DeviceSteps steps, RotationPlan plan) {
    this.journal = journal;
    this.engine = engine;
    this.steps = steps;
    this.cap = plan.maxUnansweredProbes();
    this.window = plan.failureWindow();
  }

  /**
   * Whether {@code candidate} may not be tried now: the journal counts {@code cap} unanswered tries
   * of it since the last proven login, within the failure window. A candidate the journal proves
   * current is exempt (a try of it is no failure): the other was refused, the new one after
   * VERIFIED (nothing the engine sends later changes the password), the old one while the change
   * has not been sent since the device last accepted it (INTENT or CONFIRMED_OLD with no SENT
   * after).
   */
  private boolean capped(JournalState.View v, String candidate, Instant now) {
    String other = candidate.equals("new") ? "old" : "new";
    boolean proven =
        v.refused().contains(other)
            || (candidate.equals("new") ? v.verified() : !v.sentSinceConfirm() && !v.verified());
    return !proven && v.probesSince(candidate, now.minus(window)) >= cap;
  }

  /**
   * When a capped candidate may be tried again: its cap-th latest counted try leaves the window.
   */
  private Instant freeAt(JournalState.View v, String candidate, Instant now) {
    Instant since = now.minus(window);
    List<Instant> counted =
        v.probeTimes(candidate).stream().filter(t -> !t.isBefore(since)).sorted().toList();
    if (counted.size() < cap) {
      return now;
    }
    return counted.get(counted.size() - cap).plus(window);
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
   *
   * <p>No candidate is tried once the journal counts {@link RotationPlan#maxUnansweredProbes()}
   * tries of it since the last proven login and within {@link RotationPlan#failureWindow()}: the
   * device has counted at most that many failures from this engine, whichever password it holds (a
   * try of the password it holds is no failure, and a success clears its count). Tries the device
   * cannot have counted are taken back in the journal (see {@link DeviceSteps#unanswered}); tries
   * older than the window have been forgotten by the device, so a device at the cap is STUCK only
   * until then, never for good. A transient failure of a probe returns {@link Done#retry(String)}:
   * the caller backs off and calls again, and the journal orders and caps the next round.
   */
  Done recover(DeviceRun c, Secret old, Secret next, boolean mayHaveBeenSent, String context) {
    JournalState.View v = journal.state().view(c.key);
    boolean oldRefused = v.refused().contains("old");
    boolean newRefused = v.refused().contains("new");
    if (oldRefused && newRefused) {
      return steps.stuck(
          c,
          DeviceSteps.NEITHER
              + context
              + "; "
              + DeviceSteps.neither()
              + " (both refusals are in the journal; neither is tried again)");
    }
    boolean newFirst = mayHaveBeenSent;
    if (oldRefused || newRefused) {
      // one candidate left: if the device holds either, it holds this one
      newFirst = oldRefused;
    } else {
      // The counts come before what the device said: firmware may acknowledge a change it did not
      // apply, and every unanswered probe of the new password may then have been counted.
      Instant since = steps.now().minus(window);
      int triedOld = v.probesSince("old", since);
      int triedNew = v.probesSince("new", since);
      if (v.verified() || v.acked()) {
        // the new password was accepted after the last send, or the device acknowledged it: the
        // new one first, unless it has since been tried at least twice more than the old one
        // without an outcome (then the acknowledgement may have been false, and each further try
        // of the new password could be one more counted failure)
        newFirst = triedNew < triedOld + 2;
      } else if (triedOld != triedNew) {
        newFirst = triedNew < triedOld;
      } else if (c.newRefused) {
        // this run saw the new password refused and re-sent it: the re-send's answer was lost,
        // and the old password is the one the device held last. Trying it first costs a refusal
        // only if the re-send arrived (and then the new one works), so each re-send adds at most
        // one refused login, on a device that forgets failures on a success or not
        newFirst = false;
      }
    }
    Instant now = steps.now();
    if (capped(v, newFirst ? "new" : "old", now)) {
      boolean otherRefused = newFirst ? oldRefused : newRefused;
      if (otherRefused || capped(v, newFirst ? "old" : "new", now)) {
        Instant at = freeAt(v, newFirst ? "new" : "old", now);
        if (!otherRefused) {
          Instant other = freeAt(v, newFirst ? "old" : "new", now);
          at = other.isBefore(at) ? other : at;
        }
        return steps.stuck(c, context + "; " + DeviceSteps.probeCap(cap, at));
      }
      newFirst = !newFirst;
    }
    boolean secondRefused = newFirst ? oldRefused : newRefused;
    Secret first = newFirst ? next : old;
    NvrClient client = null;
    boolean firstRefused = false;
    String firstWhy = "";
    try {
      steps.probing(c, newFirst ? "new" : "old");
      client = steps.login(c, first, false);
    } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
      return steps.stuck(c, context + "; " + DeviceSteps.budgetSpent());
    } catch (AuthenticationFailedException e) {
      firstRefused = true;
      firstWhy = e.getMessage();
      steps.probing(c, "refused:" + (newFirst ? "new" : "old"));
    } catch (AccountLockedException e) {
      return steps.stuck(c, context + "; " + DeviceSteps.locked(e));
    } catch (NvrException e) {
      steps.unanswered(c, newFirst ? "new" : "old", e);
      String why =
          context
              + "; the device could not be reached to find out which password it accepts ("
              + DeviceSteps.describe(e)
              + "); resume later";
      return Backoff.isTransient(e) ? Done.retry(why) : steps.stuck(c, why);
    }
    if (firstRefused && newFirst) {
      c.newRefused = true;
    }
    if (firstRefused && secondRefused) {
      return steps.stuck(
          c,
          DeviceSteps.NEITHER
              + context
              + "; "
              + DeviceSteps.neither()
              + " (refusals: "
              + firstWhy
              + "; the other was refused earlier, as the journal shows, and is not tried again)");
    }
    if (firstRefused) {
      Secret second = newFirst ? old : next;
      // no cap here: the first was just refused, so the device holds this one if either
      try {
        steps.probing(c, newFirst ? "old" : "new");
        client = steps.login(c, second, false);
      } catch (io.nvrkit.core.LoginBudgetExhaustedException e) {
        return steps.stuck(c, context + "; one password was refused; " + DeviceSteps.budgetSpent());
      } catch (AuthenticationFailedException e) {
        return steps.stuck(
            c,
            DeviceSteps.NEITHER
                + context
                + "; "
                + DeviceSteps.neither()
                + " (refusals: "
                + firstWhy
                + "; "
                + e.getMessage()
                + ")");
      } catch (AccountLockedException e) {
        return steps.stuck(c, context + "; " + DeviceSteps.locked(e));
      } catch (NvrException e) {
        steps.unanswered(c, newFirst ? "old" : "new", e);
        String why =
            context
                + "; one password was refused and the device could not be reached to try the"
                + " other ("
                + DeviceSteps.describe(e)
                + "); resume later";
        return Backoff.isTransient(e) ? Done.retry(why) : steps.stuck(c, why);
      }
    }
    boolean newWorks = newFirst != firstRefused;
    try {
      if (newWorks) {
        DeviceSteps.close(c, client);
        client = null;
        // an old-password check begun after VERIFIED whose outcome the journal lacks (a crash)
        // is not repeated: each repetition could cost the device another counted failure
        boolean oldCheckBegun = v.verified() && v.probes("old") > 0 && !oldRefused;
        if (oldCheckBegun && !firstRefused) {
          return steps.finishVerified(
              c,
              old,
              true,
              "verified; an earlier process began the old-password check and its outcome was"
                  + " lost, so it was not repeated",
              true);
        }
        return steps.finishVerified(c, old, firstRefused || oldRefused, "", true);
      }
      return steps.confirmedOld(c, client, old, next, context);
    } finally {
      if (client != null) {
        DeviceSteps.close(c, client);
      }
    }
  }
}
