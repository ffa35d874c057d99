package io.nvrkit.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Something a fake device does wrong on purpose: the closed set of faults the testkit can inject.
 *
 * <p>Faults are scripted on a running {@link FakeNvr} per operation, once or until cleared, or
 * drawn at random with a seed:
 *
 * <pre>{@code
 * nvr.faultOnce(DeviceOperation.CHANGE_PASSWORD, Fault.applyThenDrop()); // made, answer lost
 * nvr.faultAlways(DeviceOperation.ANY, Fault.latency(Duration.ofMillis(40)));
 * nvr.faultAtRandom(42L, 0.1, List.of(Fault.httpStatus(500), Fault.resetBeforeResponse()));
 * }</pre>
 *
 * <p>A {@link Latency} combines with any other fault; of the others at most one applies to a
 * request. Every implementation is an immutable record and thread-safe.
 */
public sealed interface Fault
    permits Fault.Latency,
        Fault.HttpStatus,
        Fault.ResetBeforeResponse,
        Fault.ApplyThenDrop,
        Fault.MalformedBody,
        Fault.SlowBody,
        Fault.OversizedBody,
        Fault.ConnectionLimit {

  /**
   * The kind of this fault.
   *
   * @return the kind
   */
  FaultKind kind();

  /**
   * A fixed delay before the device answers.
   *
   * @param delay the delay
   * @return the fault
   */
  static Fault latency(Duration delay) {
    return new Latency(delay, delay);
  }

  /**
   * A delay drawn uniformly between {@code min} and {@code max} for each request.
   *
   * @param min the shortest delay
   * @param max the longest delay
   * @return the fault
   */
  static Fault latency(Duration min, Duration max) {
    return new Latency(min, max);
  }

  /**
   * The device answers {@code status} (with a short text body) and does not handle the request.
   *
   * @param status 100 to 599
   * @return the fault
   */
  static Fault httpStatus(int status) {
    return new HttpStatus(status);
  }

  /**
   * The connection is reset (TCP RST) before the request is handled.
   *
   * @return the fault
   */
  static Fault resetBeforeResponse() {
    return new ResetBeforeResponse();
  }

  /**
   * The request is handled (a password change is applied), then the connection is reset before a
   * byte of the answer is written.
   *
   * @return the fault
   */
  static Fault applyThenDrop() {
    return new ApplyThenDrop();
  }

  /**
   * The request is handled; the answer keeps its status but its body is replaced by half of itself
   * followed by bytes that are neither valid UTF-8 nor valid JSON, XML or {@code key=value}.
   *
   * @return the fault
   */
  static Fault malformedBody() {
    return new MalformedBody();
  }

  /**
   * The request is handled; the headers are sent at once and the body one byte per second.
   *
   * @return the fault
   */
  static Fault slowBody() {
    return new SlowBody(Duration.ofSeconds(1));
  }

  /**
   * The request is handled; the body is sent one byte every {@code perByte}.
   *
   * @param perByte the pause between bytes
   * @return the fault
   */
  static Fault slowBody(Duration perByte) {
    return new SlowBody(perByte);
  }

  /**
   * The request is handled; the answer carries a 64 MiB body.
   *
   * @return the fault
   */
  static Fault oversizedBody() {
    return new OversizedBody(64L * 1024 * 1024);
  }

  /**
   * The request is handled; the answer carries a body of {@code bytes} bytes.
   *
   * @param bytes the body size
   * @return the fault
   */
  static Fault oversizedBody(long bytes) {
    return new OversizedBody(bytes);
  }

  /**
   * The device behaves as if its connection limit were reached: a request with valid credentials is
   * answered 401 (the personality's challenge) and not handled; no failed attempt is counted.
   *
   * @return the fault
   */
  static Fault connectionLimit() {
    return new ConnectionLimit();
  }

  /**
   * The fault a launcher name stands for, with default parameters: {@code http-NNN}, {@code
   * reset-before-response}, {@code apply-then-drop}, {@code malformed-body}, {@code slow-body},
   * {@code oversized-body}, {@code connection-limit}.
   *
   * @param name the name, case-insensitive
   * @return the fault
   * @throws IllegalArgumentException if the name is unknown, or is {@code latency} (which needs a
   *     duration)
   */
  static Fault fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    switch (FaultKind.fromName(n)) {
      case HTTP_STATUS:
        return n.startsWith("http-")
            ? httpStatus(Integer.parseInt(n.substring(5)))
            : httpStatus(500);
      case RESET_BEFORE_RESPONSE:
        return resetBeforeResponse();
      case APPLY_THEN_DROP:
        return applyThenDrop();
      case MALFORMED_BODY:
        return malformedBody();
      case SLOW_BODY:
        return slowBody();
      case OVERSIZED_BODY:
        return oversizedBody();
      case CONNECTION_LIMIT:
        return connectionLimit();
      default:
        throw new IllegalArgumentException("fault '" + name + "' needs parameters");
    }
  }

  /**
   * A delay before answering.
   *
   * @param min the shortest delay
   * @param max the longest delay (equal to {@code min} for a fixed delay)
   */
  record Latency(Duration min, Duration max) implements Fault {
    /**
     * Validates the range.
     *
     * @param min the shortest delay, not negative
     * @param max the longest delay, not less than {@code min}
     * @throws IllegalArgumentException if the range is invalid
     */
    public Latency {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
      if (min.isNegative() || max.compareTo(min) < 0) {
        throw new IllegalArgumentException("invalid latency range");
      }
    }

    @Override
    public FaultKind kind() {
      return FaultKind.LATENCY;
    }
  }

  /**
   * An HTTP status instead of the real answer.
   *
   * @param status the status code
   */
  record HttpStatus(int status) implements Fault {
    /**
     * Validates the status.
     *
     * @param status 100 to 599
     * @throws IllegalArgumentException if out of range
     */
    public HttpStatus {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("HTTP status out of range: " + status);
      }
    }

    @Override
    public FaultKind kind() {
      return FaultKind.HTTP_STATUS;
    }
  }

  /** A reset before the request is handled. */
  record ResetBeforeResponse() implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.RESET_BEFORE_RESPONSE;
    }
  }

  /** The request is applied, then the connection is reset. */
  record ApplyThenDrop() implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.APPLY_THEN_DROP;
    }
  }

  /** A body that does not parse. */
  record MalformedBody() implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.MALFORMED_BODY;
    }
  }

  /**
   * A body dribbled one byte at a time.
   *
   * @param perByte the pause before each byte
   */
  record SlowBody(Duration perByte) implements Fault {
    /**
     * Validates the pause.
     *
     * @param perByte positive
     * @throws IllegalArgumentException if not positive
     */
    public SlowBody {
      Objects.requireNonNull(perByte, "perByte");
      if (perByte.isNegative() || perByte.isZero()) {
        throw new IllegalArgumentException("perByte must be positive");
      }
    }

    @Override
    public FaultKind kind() {
      return FaultKind.SLOW_BODY;
    }
  }

  /**
   * A huge body.
   *
   * @param bytes the body size
   */
  record OversizedBody(long bytes) implements Fault {
    /**
     * Validates the size.
     *
     * @param bytes at least 1
     * @throws IllegalArgumentException if not positive
     */
    public OversizedBody {
      if (bytes < 1) {
        throw new IllegalArgumentException("bytes must be positive");
      }
    }

    @Override
    public FaultKind kind() {
      return FaultKind.OVERSIZED_BODY;
    }
  }

  /** The connection-limit answer: 401 to valid credentials. */
  record ConnectionLimit() implements Fault {
    @Override
    public FaultKind kind() {
      return FaultKind.CONNECTION_LIMIT;
    }
  }
}
