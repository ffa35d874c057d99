package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.internal.journal.Journal;
import io.nvrkit.core.internal.journal.JournalRecord;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.rotation.JournalException;
import io.nvrkit.core.rotation.RotationListener;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationReport.DeviceResult;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import io.nvrkit.core.rotation.RotationStep;
import io.nvrkit.core.rotation.RotationStepHook;
import io.nvrkit.core.rotation.RotationTarget;
import io.nvrkit.core.spi.NvrDriver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
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

  private final RotationPlan plan;
  private final Journal journal;
  private final RotationListener listener;
  private final NvrKit kit;
  private final RotationStepHook hook;
  private final HostPacer pacer;
  private final Map<String, NvrDriver> drivers = new ConcurrentHashMap<>();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private final DeviceSteps steps;
  private final Backoff backoff;

  /**
   * An engine.
   *
   * @param kit the kit whose drivers, transport and step hook are used
   * @param plan settings and (for {@link #run()}) devices
   * @param journal the open journal
   * @param listener progress listener
   */
  public Engine(NvrKit kit, RotationPlan plan, Journal journal, RotationListener listener) {
    this.kit = kit;
    this.plan = plan;
    this.journal = journal;
    this.listener = listener;
    this.hook = kit.rotations().stepHook();
    this.pacer = new HostPacer(plan.hostPacing());
    this.backoff =
        new Backoff(
            kit.driverContext()::nanoTime,
            ((io.nvrkit.core.internal.kit.KitContext) kit.driverContext()).scheduler(),
            plan.retryBackoff(),
            plan.retryBudget());
    this.steps = new DeviceSteps(plan, journal, this, backoff);
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
      String key = AccountKeys.key(t.account());
      byKey.put(key, t);
      keys.add(key);
      journal.append(
          JournalRecord.planned(
              now,
              key,
              t.endpoint().toString(),
              t.vendor(),
              t.user(),
              DeviceSteps.copy(t.password()),
              EndpointText.of(t.endpoint())),
          false);
    }
    journal.file().sync();
    reached(RotationStep.PLANNED, "");
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
      byKey.put(AccountKeys.key(t.account()), t);
    }
    List<String> keys = new ArrayList<>();
    for (JournalState.View v : journal.state().views()) {
      keys.add(v.key());
    }
    return process(keys, byKey);
  }

  /**
   * Rotates the devices of {@code keys}, reported in that order. Devices whose open transaction has
   * unanswered probes in the journal (a lost answer, or a process death during a probe) are settled
   * last, one at a time, fewest unanswered probes first: every further unanswered probe brings one
   * closer to the cap ({@link RotationPlan#maxUnansweredProbes()}), and a process death loses the
   * outcome of every probe in flight, so it must find at most one of them in flight.
   */
  private RotationReport process(List<String> keys, Map<String, RotationTarget> overrides) {
    Instant started = Instant.now();
    safe(() -> listener.started(keys.size()));
    List<String> first = new ArrayList<>();
    List<String> risky = new ArrayList<>();
    Map<String, Integer> risk = new HashMap<>();
    for (String k : keys) {
      int n = steps.unansweredProbes(journal.state().view(k));
      if (n > 0) {
        risky.add(k);
        risk.put(k, n);
      } else {
        first.add(k);
      }
    }
    risky.sort(java.util.Comparator.comparingInt(risk::get));
    int threads = Math.max(1, Math.min(plan.concurrency(), keys.size()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, new Workers());
    Map<String, DeviceResult> results = new HashMap<>();
    try {
      List<Future<DeviceResult>> futures = new ArrayList<>(first.size());
      for (String k : first) {
        RotationTarget o = overrides.get(k);
        futures.add(pool.submit(() -> device(k, o)));
      }
      for (int i = 0; i < first.size(); i++) {
        DeviceResult r = await(futures.get(i));
        if (r != null) {
          results.put(first.get(i), r);
        }
      }
      for (String k : risky) {
        if (fatal.get() != null) {
          break;
        }
        RotationTarget o = overrides.get(k);
        DeviceResult r = await(pool.submit(() -> device(k, o)));
        if (r != null) {
          results.put(k, r);
        }
      }
      Throwable t = fatal.get();
      if (t != null) {
        throw rethrow(t);
      }
      journal.file().sync();
      List<DeviceResult> ordered = new ArrayList<>(keys.size());
      for (String k : keys) {
        ordered.add(results.get(k));
      }
      return new RotationReport(ordered, started, Instant.now(), journal.file().recoveryNotes());
    } finally {
      pool.shutdownNow();
    }
  }

  private @Nullable DeviceResult await(Future<DeviceResult> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      fail(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(e);
    }
    return null;
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

  void checkFatal() {
    Throwable t = fatal.get();
    if (t != null) {
      throw rethrow(t);
    }
  }

  NvrKit kit() {
    return kit;
  }

  void reached(RotationStep step, String device) {
    checkFatal();
    hook.reached(step, device);
  }

  // ---------------------------------------------------------------- one device

  private DeviceResult device(String key, RotationTarget override) {
    checkFatal();
    JournalState.View v = journal.state().view(key);
    DeviceRun c = new DeviceRun(v, override, plan.deviceTimeout());
    backoff.start(c);
    safe(() -> listener.deviceStarted(DeviceAccount.of(c.endpoint, c.vendor, c.user)));
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
        r = steps.stuck(c, why + "; resume to settle it");
      } else {
        r = c.result(Outcome.UNCHANGED, why);
      }
    }
    DeviceResult done = c.finish(r);
    safe(() -> listener.deviceFinished(done));
    return done;
  }

  private Done deviceInner(DeviceRun c, JournalState.View v) {
    if (!v.open() && v.commits() > 0) {
      return c.result(Outcome.COMMITTED, "committed earlier (" + v.time() + ")");
    }
    if (!v.open() && v.stuck() && v.reason().startsWith(DeviceSteps.LOGIN_REFUSED)) {
      return c.result(Outcome.STUCK, v.reason().substring(DeviceSteps.LOGIN_REFUSED.length()));
    }
    try {
      c.driver = driver(c.vendor);
    } catch (IllegalStateException e) {
      return c.result(v.open() ? Outcome.STUCK : Outcome.UNCHANGED, "no driver: " + e.getMessage());
    }
    c.options = plan.connectOptions().toBuilder().driver(c.vendor).build();
    pacer.acquire(c.endpoint.host());
    if (v.open()) {
      c.txId = v.txId();
      if (v.stuck() && v.reason().startsWith(DeviceSteps.NEITHER)) {
        return c.result(Outcome.STUCK, v.reason().substring(DeviceSteps.NEITHER.length()));
      }
      return steps.recover(
          c, v.txOld(), v.txNew(), v.sentSinceConfirm(), "resuming an open rotation");
    }
    return steps.fresh(c, v.current());
  }

  private NvrDriver driver(String vendor) {
    Optional<NvrDriver> d = plan.driver(vendor);
    if (d.isPresent()) {
      return d.get();
    }
    return drivers.computeIfAbsent(vendor, kit::driver);
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
