package io.nvrkit.core.spi;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.policy.PasswordPolicy;

/**
 * The service-provider interface an adapter implements. Drivers are found with {@link
 * java.util.ServiceLoader} (register in {@code META-INF/services/io.nvrkit.core.spi.NvrDriver}) or
 * passed explicitly, e.g. {@code LorexDriver.create()}.
 *
 * <p>Implementations must be thread-safe and cheap to construct; they hold no device state.
 */
public interface NvrDriver {

  /**
   * The vendor id, lower case: {@code lorex}, {@code onvif}. Unique among installed drivers.
   *
   * @return the id
   */
  String vendorId();

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
   * @param endpoint the device
   * @param options timeouts and limits
   * @return what was learned
   * @throws io.nvrkit.core.NvrException if the device cannot be reached or answers garbage
   */
  DriverProbe probe(DeviceEndpoint endpoint, ConnectOptions options);

  /**
   * Opens an authenticated session.
   *
   * @param endpoint the device
   * @param credentials the login
   * @param options timeouts and limits
   * @return the session; the caller closes it
   * @throws io.nvrkit.core.AuthenticationFailedException if the login is refused
   * @throws io.nvrkit.core.NvrException for other failures
   */
  NvrClient connect(DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options);

  /**
   * The policy applied to new passwords when the caller gives none.
   *
   * @return the default policy
   */
  PasswordPolicy defaultPolicy();
}
