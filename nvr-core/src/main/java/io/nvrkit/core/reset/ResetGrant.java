package io.nvrkit.core.reset;

import io.nvrkit.core.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * What the vendor sends back: a secret of some {@link Kind} and until when it is valid. For Lorex
 * it is a temporary password, valid until the end of the recorder's day and given as the old
 * password when setting the new one; Hikvision support may send a temporary password or a security
 * code. {@code toString()} never shows the secret. Immutable.
 */
public final class ResetGrant {
  /** What the vendor's secret is, which decides how the procedure is completed. */
  public enum Kind {
    /** A password the device accepts for a login, then replaced by the new one (Lorex). */
    TEMPORARY_PASSWORD,
    /**
     * A one-time security code the device accepts in its reset dialog (Hikvision's SADP tool or the
     * recorder's local menu), not as a login password.
     */
    SECURITY_CODE
  }

  private final String ticketId;
  private final Kind kind;
  private final Secret temporaryPassword;
  private final Instant validUntil;

  private ResetGrant(String ticketId, Kind kind, Secret temporaryPassword, Instant validUntil) {
    this.ticketId = Objects.requireNonNull(ticketId, "ticketId");
    this.kind = Objects.requireNonNull(kind, "kind");
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
    return new ResetGrant(ticketId, Kind.TEMPORARY_PASSWORD, temporaryPassword, validUntil);
  }

  /**
   * A grant of a given kind.
   *
   * @param ticketId the ticket it answers
   * @param kind what the secret is
   * @param secret the temporary password or security code
   * @param validUntil end of validity
   * @return the grant
   */
  public static ResetGrant of(String ticketId, Kind kind, Secret secret, Instant validUntil) {
    return new ResetGrant(ticketId, kind, secret, validUntil);
  }

  /**
   * What the secret is.
   *
   * @return the kind; {@link Kind#TEMPORARY_PASSWORD} for grants made by {@link #of(String, Secret,
   *     Instant)}
   */
  public Kind kind() {
    return kind;
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
   * The vendor's secret: the temporary password, or the security code when {@link #kind()} says so.
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
    return "ResetGrant[ticket=" + ticketId + ", " + kind + "=***, validUntil=" + validUntil + "]";
  }
}
