package io.nvrkit.hikvision;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.hikvision.internal.HikvisionDriverCore;

/**
 * The driver for Hikvision recorders and cameras over ISAPI, driver id {@value #DRIVER_ID}.
 *
 * <pre>{@code
 * try (NvrKit kit = NvrKit.builder().driver(HikvisionDriver.create()).build();
 *     NvrClient nvr = kit.connect(DeviceEndpoint.of("https://192.0.2.20"),
 *         Credentials.of("admin", password))) {
 *   DeviceIdentity id = nvr.identity();        // deviceInfo + System/time
 *   PasswordChangeResult c = nvr.changePassword(PasswordChangeRequest.builder(newPassword).build());
 * }
 * }</pre>
 *
 * <p>Registered for {@link java.util.ServiceLoader}; its {@linkplain #priority() priority} is above
 * the ONVIF driver's, so a Hikvision device that also speaks ONVIF is managed here: on Hikvision
 * firmware the ONVIF users are a separate list from the device's own accounts.
 *
 * <p>Authentication is HTTP Digest answered from the device's own challenge (never a speculative
 * Basic request a device might count as a failure; Basic only when {@link
 * ConnectOptions#allowBasicAuth()} and the device offers nothing else). Hikvision locks the
 * <b>client's IP address</b> after repeated failures, so the failed-login budget is kept per device
 * for every account together; every 401's {@code userCheck} body ({@code retryLoginTime}, {@code
 * lockStatus}, {@code unlockTime}) keeps it exact, and the last attempt is never spent.
 *
 * <p>{@link #probe} sends no credentials: one anonymous {@code GET /SDK/activateStatus} (a second
 * request on firmware without it) and a unicast SADP probe (UDP 37020, at most 0.7 s) that yields
 * model, full serial, MAC and firmware. {@link #defaultPolicy()} is {@link
 * HikvisionPasswords#defaultPolicy()}.
 *
 * <p>Thread-safe and stateless.
 */
public final class HikvisionDriver implements NvrDriver {
  /** The driver id, {@code hikvision}. */
  public static final String DRIVER_ID = HikvisionDriverCore.DRIVER_ID;

  /** For {@link java.util.ServiceLoader}; prefer {@link #create()}. */
  public HikvisionDriver() {}

  /**
   * The driver. It holds no state: sessions use the transport and lockout ledger of the kit that
   * calls it.
   *
   * @return the driver
   */
  public static HikvisionDriver create() {
    return new HikvisionDriver();
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
    return HikvisionDriverCore.on(context).probe(endpoint, options);
  }

  @Override
  public NvrClient connect(
      DriverContext context,
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options) {
    return HikvisionDriverCore.on(context).connect(endpoint, credentials, options);
  }

  /** {@link HikvisionPasswords#defaultPolicy()}. */
  @Override
  public PasswordPolicy defaultPolicy() {
    return HikvisionPasswords.defaultPolicy();
  }

  @Override
  public String toString() {
    return "HikvisionDriver";
  }
}
