package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.DeviceOperation;
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

  /**
   * A scripted fault for an operation: exactly one of {@code protocolOperation} and {@code
   * operation} is set.
   *
   * @param protocolOperation a protocol name or {@link #ANY}, or null
   * @param operation a neutral operation, or null
   * @param fault the fault
   */
  public record Rule(String protocolOperation, DeviceOperation operation, Fault fault) {
    /**
     * A rule on a protocol name.
     *
     * @param protocolOperation the name or {@link #ANY}
     * @param fault the fault
     * @return the rule
     */
    public static Rule on(String protocolOperation, Fault fault) {
      return new Rule(
          Objects.requireNonNull(protocolOperation, "protocolOperation"),
          null,
          Objects.requireNonNull(fault, "fault"));
    }

    /**
     * A rule on a neutral operation.
     *
     * @param operation the operation
     * @param fault the fault
     * @return the rule
     */
    public static Rule on(DeviceOperation operation, Fault fault) {
      return new Rule(
          null, Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(fault));
    }
  }

  /**
   * How a request is classified for matching.
   *
   * @param protocolOperation the personality's name for it, or null (an anonymous challenge round)
   * @param operation its neutral operation
   * @param credentials whether it carries credentials (also {@link DeviceOperation#LOGIN})
   */
  public record Target(String protocolOperation, DeviceOperation operation, boolean credentials) {}

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
   * @param rule the rule
   */
  public synchronized void once(Rule rule) {
    once.add(Objects.requireNonNull(rule, "rule"));
  }

  /**
   * Adds a rule that applies to every matching request until cleared.
   *
   * @param rule the rule
   */
  public synchronized void always(Rule rule) {
    sticky.add(Objects.requireNonNull(rule, "rule"));
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
   * Decides what happens to a request.
   *
   * @param operation what the request is
   * @return the decision
   */
  public synchronized Decision decide(Target operation) {
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

  private static boolean matches(Rule r, Target target) {
    String protocol = target.protocolOperation();
    if (ANY.equals(r.protocolOperation()) || r.operation() == DeviceOperation.ANY) {
      // Latency is the network's: every request. Other faults hit device operations only, not
      // the anonymous first round of Digest, which a client ignores.
      return protocol != null || r.fault() instanceof Fault.Latency;
    }
    if (r.operation() != null) {
      if (r.operation() == DeviceOperation.LOGIN && target.credentials()) {
        return true;
      }
      return protocol != null && r.operation() == target.operation();
    }
    if (protocol == null) {
      return false;
    }
    if (r.protocolOperation().equals(protocol)) {
      return true;
    }
    int dot = r.protocolOperation().lastIndexOf('.');
    return dot >= 0 && r.protocolOperation().substring(dot + 1).equals(protocol);
  }
}
