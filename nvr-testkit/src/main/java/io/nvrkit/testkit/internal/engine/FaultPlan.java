package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The faults scripted on one device: once-only and sticky rules per operation, a base latency, and
 * an optional seeded random draw. Thread-safe.
 */
public final class FaultPlan {
  /** Matches every operation (and requests that map to none). */
  public static final String ANY = "*";

  /** A scripted fault for an operation. */
  public record Rule(String operation, Fault fault) {}

  private final List<Rule> once = new ArrayList<>();
  private final List<Rule> sticky = new ArrayList<>();
  private Random random;
  private double probability;
  private List<Fault> randomFaults = List.of();
  private Duration baseLatency = Duration.ZERO;
  private final Random latencyRandom = new Random(7);

  /**
   * What to do to one request.
   *
   * @param delay how long to wait before handling
   * @param fault the fault to apply, or null
   */
  public record Decision(Duration delay, Fault fault, Rule onceRule) {}

  /**
   * Adds a rule that applies to the next matching request only.
   *
   * @param operation operation name or {@link #ANY}
   * @param fault the fault
   */
  public synchronized void once(String operation, Fault fault) {
    once.add(new Rule(Objects.requireNonNull(operation), Objects.requireNonNull(fault)));
  }

  /**
   * Adds a rule that applies to every matching request until cleared.
   *
   * @param operation operation name or {@link #ANY}
   * @param fault the fault
   */
  public synchronized void always(String operation, Fault fault) {
    sticky.add(new Rule(Objects.requireNonNull(operation), Objects.requireNonNull(fault)));
  }

  /**
   * Draws a fault for each request with probability {@code p} from {@code faults}.
   *
   * @param seed the seed
   * @param p the probability, 0 to 1
   * @param faults the candidates (not empty unless p is 0)
   */
  public synchronized void random(long seed, double p, List<Fault> faults) {
    if (p < 0 || p > 1 || Double.isNaN(p)) {
      throw new IllegalArgumentException("probability must be between 0 and 1");
    }
    if (p > 0 && faults.isEmpty()) {
      throw new IllegalArgumentException("no faults to draw from");
    }
    this.random = new Random(seed);
    this.probability = p;
    this.randomFaults = List.copyOf(faults);
  }

  /**
   * A delay added to every request.
   *
   * @param latency the delay
   */
  public synchronized void baseLatency(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    this.baseLatency = latency;
  }

  /** Removes every rule, the random draw and the base latency. */
  public synchronized void clear() {
    once.clear();
    sticky.clear();
    random = null;
    probability = 0;
    randomFaults = List.of();
    baseLatency = Duration.ZERO;
  }

  /**
   * Puts back a once-only rule whose fault did not take effect (an apply-then-drop on a request the
   * device refused), so it applies to the next matching request.
   *
   * @param rule the rule from {@link Decision#onceRule()}
   */
  public synchronized void rearm(Rule rule) {
    once.add(0, rule);
  }

  /**
   * Decides what happens to a request for {@code operation}.
   *
   * @param operation the operation, or null
   * @return the decision
   */
  public synchronized Decision decide(String operation) {
    Duration delay = baseLatency;
    Fault terminal = null;
    Rule fromOnce = null;
    for (Iterator<Rule> it = once.iterator(); it.hasNext(); ) {
      Rule r = it.next();
      if (!matches(r, operation)) {
        continue;
      }
      if (r.fault() instanceof Fault.Latency) {
        delay = delay.plus(draw((Fault.Latency) r.fault()));
        it.remove();
      } else if (terminal == null) {
        terminal = r.fault();
        fromOnce = r;
        it.remove();
      }
    }
    for (Rule r : sticky) {
      if (!matches(r, operation)) {
        continue;
      }
      if (r.fault() instanceof Fault.Latency) {
        delay = delay.plus(draw((Fault.Latency) r.fault()));
      } else if (terminal == null) {
        terminal = r.fault();
      }
    }
    if (terminal == null && random != null && probability > 0) {
      if (random.nextDouble() < probability) {
        Fault f = randomFaults.get(random.nextInt(randomFaults.size()));
        if (f instanceof Fault.Latency) {
          delay = delay.plus(draw((Fault.Latency) f));
        } else {
          terminal = f;
        }
      }
    }
    return new Decision(delay, terminal, fromOnce);
  }

  private Duration draw(Fault.Latency l) {
    long min = l.min().toNanos();
    long max = l.max().toNanos();
    if (max <= min) {
      return l.min();
    }
    return Duration.ofNanos(min + (long) (latencyRandom.nextDouble() * (max - min)));
  }

  private static boolean matches(Rule r, String operation) {
    if (ANY.equals(r.operation())) {
      // Latency is the network's: every request. Other faults hit device operations only, not
      // the anonymous first round of Digest, which a client ignores.
      return operation != null || r.fault() instanceof Fault.Latency;
    }
    if (operation == null) {
      return false;
    }
    if (r.operation().equals(operation)) {
      return true;
    }
    int dot = r.operation().lastIndexOf('.');
    return dot >= 0 && r.operation().substring(dot + 1).equals(operation);
  }
}
