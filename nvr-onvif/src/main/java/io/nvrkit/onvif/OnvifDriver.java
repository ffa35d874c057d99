package io.nvrkit.onvif;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.onvif.internal.OnvifClient;
import io.nvrkit.onvif.internal.OnvifEnv;
import io.nvrkit.onvif.internal.OnvifProbe;
import java.util.Objects;

/**
 * The generic ONVIF driver: identity and account management on any ONVIF (Profile S/G/T) recorder
 * or camera through the device management service (SOAP 1.2), driver id {@code onvif}.
 *
 * <pre>{@code
 * NvrDriver onvif = OnvifDriver.create();
 * try (NvrClient cam = Nvr.connect(onvif, DeviceEndpoint.of("http://192.0.2.64"), admin,
 *         ConnectOptions.defaults())) {
 *   System.out.println(cam.identity());
 *   cam.changePassword(PasswordChangeRequest.builder(newPassword).build());
 * }
 * }</pre>
 *
 * <p>The endpoint names the device; its path, if any, is the device service path (default {@code
 * /onvif/device_service}). Connecting costs three round trips: GetSystemDateAndTime (device clock;
 * anonymous, with credentials only if the device insists), GetServices with capabilities
 * (authentication modes and user limits) and GetDeviceInformation (which proves the credentials).
 * Requests are authenticated with WS-UsernameToken PasswordDigest on the learned device clock, or
 * with HTTP Digest when the device offers only that or answers with a Digest challenge; never both
 * in one request, and a refused password is never retried. Failed logins are counted per device and
 * user in the kit's lock-out ledger with a default budget of 2 failures per 30 minutes (override
 * with {@link ConnectOptions.Builder#attemptBudget(int)}).
 *
 * <p>Found by {@link java.util.ServiceLoader} with priority {@value #PRIORITY} (lower than any
 * vendor driver, so a vendor driver that recognises the same device wins). The default password
 * policy is {@link #defaultOnvifPolicy()}; the device's advertised {@code MaxPasswordLength} is
 * checked in addition before anything is sent.
 *
 * <p>Immutable and thread-safe; holds no device state.
 */
public final class OnvifDriver implements NvrDriver {
  /** The driver id, {@value}. */
  public static final String DRIVER_ID = "onvif";

  /** The driver's priority: generic, below vendor drivers (which use 0 or more). */
  public static final int PRIORITY = -100;

  /**
   * Public no-argument constructor for {@link java.util.ServiceLoader}; prefer {@link #create()}.
   */
  public OnvifDriver() {}

  /**
   * The driver. It holds no state: sessions use the transport, clocks and lockout ledger of the kit
   * that calls it.
   *
   * @return the driver
   */
  public static OnvifDriver create() {
    return new OnvifDriver();
  }

  /**
   * The default policy for new ONVIF passwords: NIST SP 800-63B (at least 15 characters, whole
   * password not on the common-password list), printable ASCII only and at least two character
   * classes (what common ONVIF firmware accepts; non-ASCII passwords are refused by many devices
   * and break RTSP URLs).
   *
   * @return the policy
   */
  public static PasswordPolicy defaultOnvifPolicy() {
    return DefaultPolicy.POLICY;
  }

  /** Built on first use: connecting and reading identity do not need it. */
  private static final class DefaultPolicy {
    static final PasswordPolicy POLICY =
        PasswordPolicy.nist80063b()
            .and(
                PasswordPolicy.builder("onvifFirmware")
                    .printableAsciiOnly(true)
                    .minCharacterClasses(2)
                    .build());
  }

  @Override
  public String driverId() {
    return DRIVER_ID;
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Sends only anonymous requests (GetSystemDateAndTime, GetHostname, and GetDeviceInformation
   * and GetScopes which most devices refuse without a login); recognises the device when the first
   * answer is a SOAP 1.2 envelope.
   */
  @Override
  public DriverProbe probe(DriverContext context, DeviceEndpoint endpoint, ConnectOptions options) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(options, "options");
    return OnvifProbe.probe(endpoint, options, OnvifEnv.of(context));
  }

  @Override
  public NvrClient connect(
      DriverContext context,
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    return OnvifClient.connect(
        endpoint, credentials, options, OnvifEnv.of(context), OnvifDriver::defaultOnvifPolicy);
  }

  @Override
  public PasswordPolicy defaultPolicy() {
    return defaultOnvifPolicy();
  }

  @Override
  public String toString() {
    return "OnvifDriver";
  }
}
