package io.nvrkit.onvif.internal;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.spi.DeviceClock;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * What the driver needs from the outside world: the transport factory, the monotonic and wall
 * clocks, and the lock-out ledger. The driver takes them from the calling kit ({@link
 * #of(DriverContext)}); tests substitute parts.
 *
 * @param http creates a transport for an endpoint
 * @param nanoTime the monotonic clock
 * @param wall the wall clock
 * @param guard the kit's lock-out ledger
 */
public record OnvifEnv(
    BiFunction<DeviceEndpoint, ConnectOptions, DeviceHttp> http,
    LongSupplier nanoTime,
    Clock wall,
    LockoutLedger guard) {

  /**
   * The environment of a kit: its transport (Digest nonces reusable), clocks and ledger.
   *
   * @param context the calling kit's context
   * @return the environment
   */
  public static OnvifEnv of(DriverContext context) {
    return new OnvifEnv(
        (endpoint, options) -> context.openHttp(endpoint, options, DeviceHttp.Nonces.REUSABLE),
        context::nanoTime,
        context.clock(),
        context.lockoutLedger());
  }

  /**
   * The same with another transport factory.
   *
   * @param factory the factory
   * @return a new environment
   */
  public OnvifEnv withHttp(BiFunction<DeviceEndpoint, ConnectOptions, DeviceHttp> factory) {
    return new OnvifEnv(factory, nanoTime, wall, guard);
  }

  /**
   * The same with another guard.
   *
   * @param g the guard
   * @return a new environment
   */
  public OnvifEnv withGuard(LockoutLedger g) {
    return new OnvifEnv(http, nanoTime, wall, g);
  }

  /**
   * The same with another wall clock (the monotonic clock is kept).
   *
   * @param c the wall clock
   * @return a new environment
   */
  public OnvifEnv withWall(Clock c) {
    return new OnvifEnv(http, nanoTime, c, guard);
  }

  /**
   * A session for an endpoint, with a new transport and clock.
   *
   * @param endpoint the endpoint
   * @param credentials the login or null
   * @param options the options
   * @return the session
   */
  public OnvifSession session(
      DeviceEndpoint endpoint, io.nvrkit.core.Credentials credentials, ConnectOptions options) {
    return session(endpoint, credentials, options, new DeviceClock(nanoTime, wall));
  }

  /**
   * A session sharing an already learned clock.
   *
   * @param endpoint the endpoint
   * @param credentials the login or null
   * @param options the options
   * @param clock the clock
   * @return the session
   */
  public OnvifSession session(
      DeviceEndpoint endpoint,
      io.nvrkit.core.Credentials credentials,
      ConnectOptions options,
      DeviceClock clock) {
    DeviceHttp h = http.apply(OnvifSession.transportEndpoint(endpoint), options);
    return new OnvifSession(endpoint, h, credentials, options, clock, guard);
  }
}
