package io.nvrkit.lorex;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.lorex.internal.LorexDriverCore;

/**
 * The driver for Lorex recorders and other Dahua-family firmware (Amcrest, Dahua), vendor id
 * {@value #DRIVER_ID}.
 *
 * <pre>{@code
 * try (NvrClient nvr = kit.connect(LorexDriver.create(), DeviceEndpoint.of("https://192.0.2.10"),
 *     Credentials.of("admin", password), ConnectOptions.defaults())) {
 *   DeviceIdentity id = nvr.identity();
 *   PasswordChangeResult c = nvr.changePassword(PasswordChangeRequest.builder(newPassword).build());
 * }
 * }</pre>
 *
 * <p>It is also registered for {@link java.util.ServiceLoader}, so {@code
 * ConnectOptions.builder().driver("lorex")} finds it. Sessions use the HTTP CGI with Digest
 * authentication and switch to the RPC2 JSON API when the CGI is absent or disabled (the device
 * answers 404, 501 or 403). Its {@linkplain #priority() priority} is above the ONVIF driver's, so a
 * Lorex recorder that also speaks ONVIF is handled by this driver when both recognise it.
 *
 * <p>{@link #probe} sends one anonymous request and reads the serial number from the device's
 * Digest realm ({@code Login to <serial>}); the Dahua CGI answers nothing else without a login, and
 * the Device ID is never readable over the network (take it from the sticker or the Info screen).
 *
 * <p>Thread-safe and stateless.
 */
public final class LorexDriver implements NvrDriver {
  /** The driver id, {@code lorex}. */
  public static final String DRIVER_ID = LorexDriverCore.DRIVER_ID;

  /** For {@link java.util.ServiceLoader}; prefer {@link #create()}. */
  public LorexDriver() {}

  /**
   * The driver. It holds no state: sessions use the transport and lockout ledger of the kit that
   * calls it.
   *
   * @return the driver
   */
  public static LorexDriver create() {
    return new LorexDriver();
  }

  @Override
  public String driverId() {
    return DRIVER_ID;
  }

  /** 100: above generic protocol drivers such as ONVIF. */
  @Override
  public int priority() {
    return 100;
  }

  @Override
  public DriverProbe probe(DriverContext context, DeviceEndpoint endpoint, ConnectOptions options) {
    return LorexDriverCore.on(context).probe(endpoint, options);
  }

  @Override
  public NvrClient connect(
      DriverContext context,
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options) {
    return LorexDriverCore.on(context).connect(endpoint, credentials, options);
  }

  /** {@link LorexPasswordPolicies#defaults()}. */
  @Override
  public PasswordPolicy defaultPolicy() {
    return LorexPasswordPolicies.defaults();
  }

  @Override
  public String toString() {
    return "LorexDriver";
  }
}
