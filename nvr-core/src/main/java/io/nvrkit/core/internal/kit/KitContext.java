package io.nvrkit.core.internal.kit;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.ExchangeListener;
import io.nvrkit.core.internal.http.SharedTransport;
import io.nvrkit.core.spi.DeviceClock;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.LongSupplier;

/**
 * A kit's state as its drivers see it: the one shared transport, the ledger, the clocks. Built once
 * per kit; thread-safe.
 */
public final class KitContext implements DriverContext, AutoCloseable {
  private final LockoutLedger ledger;
  private final Clock clock;
  private final LongSupplier ticker;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;
  private final SharedTransport transport;
  private volatile boolean closed;

  /**
   * Builds the state.
   *
   * @param ledger the lockout ledger
   * @param clock the wall clock
   * @param ticker the monotonic clock
   * @param scheduler the I/O scheduler, or null for one owned by the kit
   * @param listener the exchange listener
   */
  public KitContext(
      LockoutLedger ledger,
      Clock clock,
      LongSupplier ticker,
      ScheduledExecutorService scheduler,
      ExchangeListener listener) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.ownsScheduler = scheduler == null;
    this.scheduler = scheduler != null ? scheduler : newScheduler();
    this.transport = new SharedTransport(this.scheduler, Objects.requireNonNull(listener));
  }

  private static ScheduledExecutorService newScheduler() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread th = new Thread(r, "nvrkit-io");
              th.setDaemon(true);
              return th;
            });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /**
   * The kit's scheduler (total timeouts; the rotation engine's backoff waits).
   *
   * @return the scheduler
   */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public DeviceHttp openHttp(
      DeviceEndpoint endpoint, ConnectOptions options, DeviceHttp.Nonces nonces) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(nonces, "nonces");
    checkOpen();
    return transport.open(endpoint, options, nonces);
  }

  @Override
  public LockoutLedger lockoutLedger() {
    return ledger;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public long nanoTime() {
    return ticker.getAsLong();
  }

  @Override
  public DeviceClock newDeviceClock() {
    return new DeviceClock(ticker, clock);
  }

  /** Fails if the kit was closed. */
  public void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this NvrKit is closed");
    }
  }

  /** Closes the pooled connections and, if the kit owns it, the scheduler. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    transport.close();
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "DriverContext";
  }
}
