package io.nvrkit.core;

import io.nvrkit.core.spi.NvrDriver;
import java.util.List;
import java.util.Optional;

/**
 * Shortcuts on the default kit: connect to a device, or probe what it tells without credentials.
 *
 * <pre>{@code
 * Credentials admin = Credentials.of("admin", Secret.of(passwordChars));
 * try (NvrClient nvr = Nvr.connect(DeviceEndpoint.of("https://192.0.2.10"), admin,
 *         ConnectOptions.builder().driver("lorex").build())) {
 *   System.out.println(nvr.identity());
 * }
 * }</pre>
 *
 * <p>The default kit ({@link #defaultKit()}) is built on first use with {@link NvrKit#builder()}'s
 * defaults: the drivers found on the class path, once. It lives as long as the JVM and is never
 * closed. Applications that want their own settings, or tests that want isolation, build an {@link
 * NvrKit} and call it instead. Thread-safe.
 */
public final class Nvr {
  private Nvr() {}

  /** The holder idiom: the default kit is built by the first call that needs it. */
  private static final class DefaultKit {
    static final NvrKit KIT = NvrKit.builder().build();
  }

  /**
   * The default kit, built on first use; do not close it.
   *
   * @return the kit
   */
  public static NvrKit defaultKit() {
    return DefaultKit.KIT;
  }

  /**
   * {@link NvrKit#connect(DeviceEndpoint, Credentials)} on the default kit.
   *
   * @param endpoint the device
   * @param credentials the login
   * @return the session; the caller closes it
   * @throws NvrException if no driver recognises the device or the login fails
   */
  public static NvrClient connect(DeviceEndpoint endpoint, Credentials credentials) {
    return defaultKit().connect(endpoint, credentials);
  }

  /**
   * {@link NvrKit#connect(DeviceEndpoint, Credentials, ConnectOptions)} on the default kit.
   *
   * @param endpoint the device
   * @param credentials the login
   * @param options timeouts, limits and driver
   * @return the session; the caller closes it
   * @throws UnknownDriverException if the named driver is not installed
   * @throws NvrException if no driver recognises the device or the login fails
   */
  public static NvrClient connect(
      DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
    return defaultKit().connect(endpoint, credentials, options);
  }

  /**
   * {@link NvrKit#connect(NvrDriver, DeviceEndpoint, Credentials, ConnectOptions)} on the default
   * kit.
   *
   * @param driver the driver
   * @param endpoint the device
   * @param credentials the login
   * @param options timeouts and limits
   * @return the session; the caller closes it
   * @throws NvrException if the login fails
   */
  public static NvrClient connect(
      NvrDriver driver, DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
    return defaultKit().connect(driver, endpoint, credentials, options);
  }

  /**
   * {@link NvrKit#probe(DeviceEndpoint)} on the default kit.
   *
   * @param endpoint the device
   * @return the merged result
   */
  public static ProbeResult probe(DeviceEndpoint endpoint) {
    return defaultKit().probe(endpoint);
  }

  /**
   * {@link NvrKit#probe(DeviceEndpoint, ConnectOptions)} on the default kit.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @return the merged result
   * @throws UnknownDriverException if the named driver is not installed
   */
  public static ProbeResult probe(DeviceEndpoint endpoint, ConnectOptions options) {
    return defaultKit().probe(endpoint, options);
  }

  /**
   * {@link NvrKit#probe(DeviceEndpoint, ConnectOptions, List)} on the default kit.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @param drivers the drivers to ask
   * @return the merged result
   */
  public static ProbeResult probe(
      DeviceEndpoint endpoint, ConnectOptions options, List<NvrDriver> drivers) {
    return defaultKit().probe(endpoint, options, drivers);
  }

  /**
   * {@link NvrKit#driver(String)} on the default kit.
   *
   * @param driverId e.g. {@code lorex}
   * @return the driver
   * @throws UnknownDriverException if no installed driver has that id
   */
  public static NvrDriver driver(String driverId) {
    return defaultKit().driver(driverId);
  }

  /**
   * {@link NvrKit#findDriver(String)} on the default kit.
   *
   * @param driverId e.g. {@code onvif}
   * @return the driver, if installed
   */
  public static Optional<NvrDriver> findDriver(String driverId) {
    return defaultKit().findDriver(driverId);
  }

  /**
   * {@link NvrKit#drivers()} of the default kit.
   *
   * @return the drivers
   */
  public static List<NvrDriver> drivers() {
    return defaultKit().drivers();
  }
}
