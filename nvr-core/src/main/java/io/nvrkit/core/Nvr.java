package io.nvrkit.core;

import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The entry point: connect to a device, or probe what it tells without credentials.
 *
 * <pre>{@code
 * Credentials admin = Credentials.of("admin", Secret.of(passwordChars));
 * try (NvrClient nvr = Nvr.connect(DeviceEndpoint.of("https://192.0.2.10"), admin,
 *         ConnectOptions.builder().vendor("lorex").build())) {
 *   System.out.println(nvr.identity());
 * }
 * }</pre>
 *
 * <p>Drivers are found with {@link ServiceLoader} by vendor id; pass a driver explicitly ({@link
 * #connect(NvrDriver, DeviceEndpoint, Credentials, ConnectOptions)}) to bypass the look-up. Two
 * installed drivers claiming one vendor id is a configuration error reported at look-up.
 * Thread-safe.
 */
public final class Nvr {
  private Nvr() {}

  /**
   * Connects with default options, picking the driver by probing.
   *
   * @param endpoint the device
   * @param credentials the login
   * @return the session; the caller closes it
   * @throws NvrException if no driver recognises the device or the login fails
   */
  public static NvrClient connect(DeviceEndpoint endpoint, Credentials credentials) {
    return connect(endpoint, credentials, ConnectOptions.defaults());
  }

  /**
   * Connects with {@code options}; if they name no vendor, the device is probed and the most
   * specific recognising driver is used.
   *
   * @param endpoint the device
   * @param credentials the login
   * @param options timeouts, limits and vendor
   * @return the session; the caller closes it
   * @throws TlsTrustException if the device's certificate is not trusted (found while probing)
   * @throws DeviceUnreachableException if no driver could reach the device
   * @throws NvrException if no driver recognises the device or the login fails
   * @throws IllegalStateException if the named vendor has no driver or more than one
   */
  public static NvrClient connect(
      DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    NvrDriver driver;
    if (options.vendor().isPresent()) {
      driver = driver(options.vendor().get());
    } else {
      List<NvrException> failures = new ArrayList<>();
      ProbeResult probe = probe(endpoint, options, drivers(), failures);
      if (probe.vendor().isEmpty()) {
        // say why nobody recognised it when the reason is the connection, not the protocol
        for (NvrException f : failures) {
          if (f instanceof TlsTrustException) {
            throw f;
          }
        }
        if (!failures.isEmpty()
            && failures.size() == drivers().size()
            && failures.stream().allMatch(f -> f instanceof DeviceUnreachableException)) {
          throw failures.get(0);
        }
      }
      String vendor =
          probe
              .vendor()
              .orElseThrow(
                  () ->
                      new NotSupportedException(
                          "no installed driver recognises this device; installed: " + vendorIds(),
                          endpoint.toString(),
                          "connect",
                          null));
      driver = driver(vendor);
    }
    return driver.connect(endpoint, credentials, options);
  }

  /**
   * Connects with an explicit driver, without any look-up or probe.
   *
   * @param driver the driver
   * @param endpoint the device
   * @param credentials the login
   * @param options timeouts and limits
   * @return the session; the caller closes it
   */
  public static NvrClient connect(
      NvrDriver driver, DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
    return Objects.requireNonNull(driver, "driver").connect(endpoint, credentials, options);
  }

  /**
   * Asks every installed driver what it can read without credentials and merges the answers.
   *
   * @param endpoint the device
   * @return the merged result
   */
  public static ProbeResult probe(DeviceEndpoint endpoint) {
    return probe(endpoint, ConnectOptions.defaults());
  }

  /**
   * Asks every installed driver (or only the one {@code options} names) what it can read without
   * credentials and merges the answers, most specific driver first. A driver that fails is noted in
   * {@link ProbeResult#problems()}; the probe itself only fails on invalid arguments.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @return the merged result
   */
  public static ProbeResult probe(DeviceEndpoint endpoint, ConnectOptions options) {
    List<NvrDriver> drivers =
        options.vendor().isPresent() ? List.of(driver(options.vendor().get())) : drivers();
    return probe(endpoint, options, drivers);
  }

  /**
   * Probes with the given drivers only.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @param drivers the drivers to ask
   * @return the merged result
   */
  public static ProbeResult probe(
      DeviceEndpoint endpoint, ConnectOptions options, List<NvrDriver> drivers) {
    return probe(endpoint, options, drivers, new ArrayList<>());
  }

  private static ProbeResult probe(
      DeviceEndpoint endpoint,
      ConnectOptions options,
      List<NvrDriver> drivers,
      List<NvrException> failures) {
    List<NvrDriver> sorted = new ArrayList<>(drivers);
    sorted.sort(Comparator.comparingInt(NvrDriver::priority).reversed());
    List<String> recognised = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    DeviceIdentity merged = DeviceIdentity.empty();
    for (NvrDriver d : sorted) {
      try {
        DriverProbe p = d.probe(endpoint, options);
        if (p.recognised()) {
          recognised.add(d.vendorId());
          merged = merged.merge(p.identity());
        }
      } catch (NvrException e) {
        failures.add(e);
        problems.add(d.vendorId() + ": " + e.getClass().getSimpleName());
      } catch (RuntimeException e) {
        // a driver bug must not hide what the other drivers learned
        problems.add(d.vendorId() + ": driver failed (" + e.getClass().getSimpleName() + ")");
      }
    }
    return new ProbeResult(endpoint, recognised, merged, problems);
  }

  /**
   * The installed driver for {@code vendorId}.
   *
   * @param vendorId e.g. {@code lorex}
   * @return the driver
   * @throws IllegalStateException if none or more than one installed driver claims the id
   */
  public static NvrDriver driver(String vendorId) {
    Objects.requireNonNull(vendorId, "vendorId");
    String id = vendorId.toLowerCase(Locale.ROOT);
    List<NvrDriver> matches = new ArrayList<>();
    for (NvrDriver d : ServiceLoader.load(NvrDriver.class, Nvr.class.getClassLoader())) {
      if (d.vendorId().equalsIgnoreCase(id)) {
        matches.add(d);
      }
    }
    if (matches.isEmpty()) {
      throw new IllegalStateException(
          "no driver for vendor '" + id + "'; installed: " + vendorIds());
    }
    if (matches.size() > 1) {
      StringBuilder names = new StringBuilder();
      for (NvrDriver d : matches) {
        names.append(names.length() == 0 ? "" : ", ").append(d.getClass().getName());
      }
      throw new IllegalStateException(
          "two or more drivers claim vendor '"
              + id
              + "' ("
              + names
              + "); pass one explicitly with Nvr.connect(driver, endpoint, credentials, options)");
    }
    return matches.get(0);
  }

  /**
   * Finds the installed driver for {@code vendorId}, if exactly one claims it.
   *
   * @param vendorId e.g. {@code onvif}
   * @return the driver, if installed
   */
  public static Optional<NvrDriver> findDriver(String vendorId) {
    try {
      return Optional.of(driver(vendorId));
    } catch (IllegalStateException e) {
      return Optional.empty();
    }
  }

  /**
   * All installed drivers, one per vendor id (duplicates are reported by {@link #driver(String)}).
   *
   * @return the drivers
   */
  public static List<NvrDriver> drivers() {
    Map<String, NvrDriver> byId = new LinkedHashMap<>();
    for (NvrDriver d : ServiceLoader.load(NvrDriver.class, Nvr.class.getClassLoader())) {
      byId.putIfAbsent(d.vendorId().toLowerCase(Locale.ROOT), d);
    }
    return List.copyOf(byId.values());
  }

  private static List<String> vendorIds() {
    List<String> ids = new ArrayList<>();
    for (NvrDriver d : drivers()) {
      ids.add(d.vendorId());
    }
    return ids;
  }
}
