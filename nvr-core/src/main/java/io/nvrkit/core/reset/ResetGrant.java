package io.nvrkit.core.reset;

import io.nvrkit.core.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * What the vendor sends back: a temporary password (or code) and until when it is valid. For Lorex
 * the temporary password is valid until the end of the recorder's day and is given as the old
 * password when setting the new one. {@code toString()} never shows the password. Immutable.
 */
public final class ResetGrant {
  private final String ticketId;
  private final Secret temporaryPassword;
  private final Instant validUntil;

  private ResetGrant(String ticketId, Secret temporaryPassword, Instant validUntil) {
    this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
    this.temporaryPassword = Objects.requireNonNull(temporaryPassword, "temporaryPassword");
    this.validUntil = Objects.requireNonNull(validUntil, "validUntil");
  }

  /**
   * A grant, e.g. typed in by a person from the vendor's e-mail.
   *
   * @param ticketId the ticket it answers
   * @param temporaryPassword the temporary password
   * @param validUntil end of validity
   * @return the grant
   */
  public static ResetGrant of(String ticketId, Secret temporaryPassword, Instant validUntil) {
    return new ResetGrant(ticketId, temporaryPassword, validUntil);
  }

  /**
   * The ticket this grant answers.
   *
   * @return the ticket id
   */
  public String ticketId() {
    return ticketId;
  }

  /**
   * The temporary password.
   *
   * @return the secret (shared, not a copy)
   */
  public Secret temporaryPassword() {
    return temporaryPassword;
  }

  /**
   * When the temporary password stops working.
   *
   * @return the end of validity
   */
  public Instant validUntil() {
    return validUntil;
  }

  /**
   * Whether the grant is still valid at {@code now}.
   *
   * @param now the time
   * @return true if valid
   */
  public boolean isValidAt(Instant now) {
    return now.isBefore(validUntil);
  }

  @Override
  public String toString() {
    return "ResetGrant[ticket="
        + ticketId
        + ", temporaryPassword=***, validUntil="
        + validUntil
        + "]";
  }
}
