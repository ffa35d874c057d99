package io.nvrkit.core;

import java.util.Objects;

/**
 * Two sources disagree on a {@link DeviceIdentity} field, e.g. a typed serial differs from the one
 * the device reports. Conflicts are reported, never resolved silently.
 *
 * @param field the field
 * @param kept the value kept (the more trusted source)
 * @param keptFrom where the kept value came from
 * @param other the value not kept
 * @param otherFrom where the other value came from
 */
public record IdentityConflict(
    IdentityField field, String kept, Provenance keptFrom, String other, Provenance otherFrom) {
  /** Checks the components are present. */
  public IdentityConflict {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(keptFrom, "keptFrom");
    Objects.requireNonNull(otherFrom, "otherFrom");
  }
}
