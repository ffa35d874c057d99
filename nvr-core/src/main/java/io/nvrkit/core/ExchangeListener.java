package io.nvrkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * Told about every HTTP exchange a kit's sessions make: for diagnostics, metrics and benchmarks
 * (round trips per operation). Set with {@link NvrKit.Builder#exchangeListener(ExchangeListener)};
 * the default does nothing.
 *
 * <p>Called on the thread that made the exchange, after it ended (also when it failed), so it must
 * be thread-safe, fast and must not throw. It never sees a body, a header or a query: only what is
 * in {@link Exchange}.
 */
@FunctionalInterface
public interface ExchangeListener {

  /** The listener that ignores everything. */
  ExchangeListener NONE = exchange -> {};

  /**
   * One exchange ended.
   *
   * @param exchange what happened
   */
  void exchanged(Exchange exchange);

  /**
   * One HTTP exchange (one round trip; answering a Digest challenge is a second one).
   *
   * @param deviceKey the device, {@code host:port}
   * @param operation the driver's name for the request, e.g. {@code getSerialNo}
   * @param method the HTTP method
   * @param status the HTTP status, or -1 if no answer arrived (timeout, reset)
   * @param elapsed how long the exchange took
   * @param round 1 for the first request of a call, 2 for the answer to a challenge
   */
  record Exchange(
      String deviceKey, String operation, String method, int status, Duration elapsed, int round) {
    /** Checks the components. */
    public Exchange {
      Objects.requireNonNull(deviceKey, "deviceKey");
      Objects.requireNonNull(operation, "operation");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(elapsed, "elapsed");
    }
  }
}
