package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrException;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Bounded, jittered exponential backoff between retries of transient failures (network errors and
 * 5xx answers) of one device, within the plan's per-device retry budget. Time is the kit's: the
 * budget is measured with its monotonic clock, and a wait is a task on its scheduler, so tests with
 * a controllable ticker and scheduler never sleep on the wall clock. Thread-safe (per-device state
 * lives in {@link DeviceRun}).
 */
final class Backoff {
  /** Retries per device per run, whatever the budget (a fake clock that never advances). */
  static final int MAX_RETRIES = 40;

  private static final long CAP_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final LongSupplier ticker;
  private final ScheduledExecutorService scheduler;
  private final long baseNanos;
  private final long budgetNanos;

  Backoff(LongSupplier ticker, ScheduledExecutorService scheduler, Duration base, Duration budget) {
    this.ticker = ticker;
    this.scheduler = scheduler;
    this.baseNanos = base.toNanos();
    this.budgetNanos = budget.toNanos();
  }

  /** Starts the device's budget (once per device per run). */
  void start(DeviceRun c) {
    c.retryDeadline = ticker.getAsLong() + budgetNanos;
  }

  /**
   * Whether {@code e} is a failure that repeating the same request may cure: the network (the
   * device unreachable, the answer lost) or a 5xx answer. Never a refusal of a password, a lock or
   * a policy violation.
   */
  static boolean isTransient(NvrException e) {
    if (e instanceof io.nvrkit.core.AccountLockedException
        || e instanceof io.nvrkit.core.AuthenticationFailedException) {
      return false;
    }
    if (e.isRetryable()) {
      return true;
    }
    return isServerError(e);
  }

  /**
   * Whether {@code e} is a 5xx answer without a verdict: the device answered, without judging the
   * credentials (a device that judges a password wrong refuses it: 401, or its own refusal code).
   *
   * <p>The typed {@link DeviceRejectedException#httpStatus()} decides when the driver set it: a 5xx
   * status whose refusal carries no code of the device's own. A vendor code that only repeats the
   * status ({@code 500}, {@code http:500}, {@code HTTP 500}: the bundled drivers keep these) is no
   * code of its own; any other code (a SOAP fault, which the SOAP 1.2 HTTP binding sends with 500,
   * or a Hikvision ResponseStatus) may be a verdict and is counted, the safe side. A 4xx status is
   * never a server error, whatever its vendor code says.
   *
   * <p>Fallback, only for drivers that do not set the status (third-party drivers written before it
   * existed): the vendor code's text read as a status, in those same three forms.
   */
  static boolean isServerError(NvrException e) {
    if (!(e instanceof DeviceRejectedException r)) {
      return false;
    }
    OptionalInt typed = r.httpStatus();
    java.util.Optional<String> code = r.vendorCode();
    if (typed.isPresent()) {
      int status = typed.getAsInt();
      // a code that is present, even a blank one, is the device's own unless it only repeats the
      // status: the safe side, counted as a possible verdict
      return status >= 500 && status < 600 && (code.isEmpty() || statusIn(code.get()) == status);
    }
    int fromText = statusIn(code.orElse(""));
    return fromText >= 500 && fromText < 600;
  }

  /**
   * The HTTP status a vendor code only repeats ({@code 503}, {@code http:503}, {@code HTTP 503}),
   * or -1.
   */
  private static int statusIn(String vendorCode) {
    String code = vendorCode.toLowerCase(Locale.ROOT);
    if (code.startsWith("http:") || code.startsWith("http ")) {
      code = code.substring(5);
    }
    if (code.length() != 3) {
      return -1;
    }
    int status = 0;
    for (int i = 0; i < 3; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return -1; // ASCII digits only
      }
      status = status * 10 + (c - '0');
    }
    return status;
  }

  /**
   * Waits before the next retry of the device, if its budget allows one.
   *
   * @return false when the budget (time or count) is spent: do not retry
   */
  boolean pause(DeviceRun c) {
    long left = c.retryDeadline - ticker.getAsLong();
    if (left <= 0 || c.retries >= MAX_RETRIES) {
      return false;
    }
    int n = Math.min(c.retries, 20);
    c.retries++;
    long ceiling = Math.min(CAP_NANOS, baseNanos << Math.min(n, 16));
    if (ceiling < 0) {
      ceiling = CAP_NANOS;
    }
    // "equal jitter": half fixed, half random, so devices hit by one outage spread out
    long wait =
        ceiling / 2 + (ceiling > 1 ? ThreadLocalRandom.current().nextLong(ceiling / 2 + 1) : 0);
    wait = Math.min(wait, left);
    if (wait <= 0) {
      return true;
    }
    CountDownLatch done = new CountDownLatch(1);
    ScheduledFuture<?> f = scheduler.schedule(done::countDown, wait, TimeUnit.NANOSECONDS);
    try {
      done.await();
    } catch (InterruptedException e) {
      f.cancel(false);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return true;
  }
}
