package io.nvrkit.core.reset;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of a submitted reset request.
 *
 * @param id the channel's reference (a service-desk ticket id, or the package's id)
 * @param status where the request stands
 * @param submittedAt when it was submitted
 * @param location where to find it: a URL for a service desk, a path for a package
 */
public record ResetTicket(String id, Status status, Instant submittedAt, String location) {
  /** Checks the components. */
  public ResetTicket {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(location, "location");
  }

  /**
   * The same ticket with another status.
   *
   * @param newStatus the status
   * @return a new ticket
   */
  public ResetTicket withStatus(Status newStatus) {
    return new ResetTicket(id, newStatus, submittedAt, location);
  }

  /** Where a reset request stands. */
  public enum Status {
    /** Written or sent; waiting for the vendor. */
    SUBMITTED,
    /** The vendor issued a temporary password. */
    GRANTED,
    /** The temporary password was used and replaced. */
    COMPLETED,
    /** The vendor refused the request. */
    REJECTED,
    /** The grant's validity ended before it was used. */
    EXPIRED
  }
}
