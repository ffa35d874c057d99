package io.nvrkit.core.spi;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import java.time.Clock;

/**
 * What a {@link NvrDriver} receives from the {@link io.nvrkit.core.NvrKit} that calls it: the kit's
 * shared HTTP transport, its lockout ledger and its clocks. A driver holds no state of its own; it
 * keeps what it learns about a device in the session it returns, or in the ledger ({@link
 * LockoutLedger#putFact}) when later sessions must know it.
 *
 * <p>Implemented by the kit; tests of a driver may implement it too (for example to hand out a
 * scripted {@link DeviceHttp}), but normally build their own kit instead. Thread-safe.
 */
public interface DriverContext {

  /**
   * A view of the kit's shared HTTP transport for one device: connection pool, TLS per the
   * endpoint's {@link io.nvrkit.core.TlsTrust}, Digest/Basic, limits and timeouts per {@code
   * options}, plaintext refusal and redaction, as {@link DeviceHttp} describes. Cheap; close it
   * when the session ends.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @param nonces how the device treats Digest nonces
   * @return the view
   * @throws IllegalStateException if the kit is closed
   */
  DeviceHttp openHttp(DeviceEndpoint endpoint, ConnectOptions options, DeviceHttp.Nonces nonces);

  /**
   * The kit's lockout ledger, shared by every driver and session of the kit.
   *
   * @return the ledger
   */
  LockoutLedger lockoutLedger();

  /**
   * The kit's wall clock (UTC): use it, never {@link java.time.Instant#now()}, for lock ends and
   * anything a test must control.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * The kit's monotonic clock, in nanoseconds ({@link System#nanoTime()} outside tests): use it for
   * elapsed times such as session keep-alives.
   *
   * @return nanoseconds from an arbitrary origin
   */
  long nanoTime();

  /**
   * A new device clock on the kit's clocks, for one session.
   *
   * @return a clock that has learned nothing yet
   */
  DeviceClock newDeviceClock();
}
