package io.nvrkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Nvr#probe(DeviceEndpoint)} learned about a device without credentials: which drivers
 * recognised it, and the identity merged from what each could read (with provenance and any
 * conflicts).
 *
 * @param endpoint the device probed
 * @param recognisedBy ids of the drivers that recognised the device, most specific first
 * @param identity the merged pre-authentication identity (possibly empty)
 * @param problems the drivers that failed to probe, and why (no secrets, no device bodies)
 */
public record ProbeResult(
    DeviceEndpoint endpoint,
    List<String> recognisedBy,
    DeviceIdentity identity,
    List<ProbeProblem> problems) {

  /** Checks and copies the components. */
  public ProbeResult {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(identity, "identity");
    recognisedBy = List.copyOf(recognisedBy);
    problems = List.copyOf(problems);
  }

  /**
   * The id of the most specific driver that recognised the device.
   *
   * @return the driver id, if any driver recognised it
   */
  public Optional<String> driverId() {
    return recognisedBy.isEmpty() ? Optional.empty() : Optional.of(recognisedBy.get(0));
  }
}
