package io.nvrkit.core.internal.kit;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProbeProblem;
import io.nvrkit.core.ProbeResult;
import io.nvrkit.core.TlsTrustException;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Probing a device with several drivers and picking the most specific one. Stateless. */
public final class Probing {
  private Probing() {}

  /**
   * The id of the most specific driver that recognises the device.
   *
   * @param ctx the kit's context
   * @param endpoint the device
   * @param options options
   * @param drivers the drivers to ask
   * @param installed the kit's driver ids, for the message
   * @return the driver id
   * @throws TlsTrustException if a driver found the certificate untrusted and none recognised it
   * @throws DeviceUnreachableException if every driver failed to reach the device
   * @throws NotSupportedException if no driver recognises it
   */
  public static String pick(
      DriverContext ctx,
      DeviceEndpoint endpoint,
      ConnectOptions options,
      List<NvrDriver> drivers,
      List<String> installed) {
    List<NvrException> failures = new ArrayList<>();
    ProbeResult probe = probe(ctx, endpoint, options, drivers, failures);
    if (probe.driverId().isEmpty()) {
      // say why nobody recognised it when the reason is the connection, not the protocol
      for (NvrException f : failures) {
        if (f instanceof TlsTrustException) {
          throw f;
        }
      }
      if (!failures.isEmpty()
          && failures.size() == drivers.size()
          && failures.stream().allMatch(f -> f instanceof DeviceUnreachableException)) {
        throw failures.get(0);
      }
    }
    return probe
        .driverId()
        .orElseThrow(
            () ->
                new NotSupportedException(
                    "no installed driver recognises this device; installed: " + installed,
                    endpoint.toString(),
                    "connect",
                    null));
  }

  /**
   * Asks each driver, most specific first, and merges what they learned.
   *
   * @param ctx the kit's context
   * @param endpoint the device
   * @param options options
   * @param drivers the drivers
   * @param failures receives the drivers' {@link NvrException}s
   * @return the merged result
   */
  public static ProbeResult probe(
      DriverContext ctx,
      DeviceEndpoint endpoint,
      ConnectOptions options,
      List<NvrDriver> drivers,
      List<NvrException> failures) {
    List<NvrDriver> sorted = new ArrayList<>(drivers);
    sorted.sort(Comparator.comparingInt(NvrDriver::priority).reversed());
    List<String> recognised = new ArrayList<>();
    List<ProbeProblem> problems = new ArrayList<>();
    DeviceIdentity merged = DeviceIdentity.empty();
    for (NvrDriver d : sorted) {
      try {
        DriverProbe p = d.probe(ctx, endpoint, options);
        if (p.recognised()) {
          recognised.add(d.driverId());
          merged = merged.merge(p.identity());
        }
      } catch (NvrException e) {
        failures.add(e);
        problems.add(ProbeProblem.of(d.driverId(), e));
      } catch (RuntimeException e) {
        // a driver bug must not hide what the other drivers learned
        problems.add(ProbeProblem.of(d.driverId(), e));
      }
    }
    return new ProbeResult(endpoint, recognised, merged, problems);
  }
}
