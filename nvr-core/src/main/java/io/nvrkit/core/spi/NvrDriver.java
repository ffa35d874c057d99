package io.nvrkit.core.spi;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.policy.PasswordPolicy;

/**
 * The service-provider interface a driver implements. A kit ({@link io.nvrkit.core.NvrKit}) is
 * built with its drivers, given explicitly ({@code NvrKit.builder().driver(LorexDriver.create())})
 * or found once with {@link java.util.ServiceLoader} (register in {@code
 * META-INF/services/io.nvrkit.core.spi.NvrDriver}). The kit calls the driver with a {@link
 * DriverContext} that carries the kit's transport, lockout ledger and clocks; see {@code
 * docs/writing-a-driver.md}.
 *
 * <p>Implementations must be thread-safe, cheap to construct and hold no state: everything a
 * session needs comes from the context.
 */
public interface NvrDriver {

  /**
   * The driver id, lower case: {@code lorex}, {@code onvif}. Unique among a kit's drivers. (The
   * device's brand is {@link io.nvrkit.core.DeviceIdentity#vendor()}, a different thing.)
   *
   * @return the id
   */
  String driverId();

  /**
   * How specific this driver is when several recognise one device: a vendor driver (higher) beats a
   * generic protocol driver such as ONVIF (lower). Default 0.
   *
   * @return the priority
   */
  default int priority() {
    return 0;
  }

  /**
   * Reads what the device tells without credentials. Must not attempt a login.
   *
   * @param context the calling kit's transport, ledger and clocks
   * @param endpoint the device
   * @param options timeouts and limits
   * @return what was learned
   * @throws io.nvrkit.core.NvrException if the device cannot be reached or answers garbage
   */
  DriverProbe probe(DriverContext context, DeviceEndpoint endpoint, ConnectOptions options);

  /**
   * Opens an authenticated session.
   *
   * @param context the calling kit's transport, ledger and clocks
   * @param endpoint the device
   * @param credentials the login
   * @param options timeouts and limits
   * @return the session; the caller closes it
   * @throws io.nvrkit.core.AuthenticationFailedException if the login is refused
   * @throws io.nvrkit.core.NvrException for other failures
   */
  NvrClient connect(
      DriverContext context,
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options);

  /**
   * The policy applied to new passwords when the caller gives none.
   *
   * @return the default policy
   */
  PasswordPolicy defaultPolicy();
}
