package io.nvrkit.lorex.reset;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.ResetGrant;
import java.util.Objects;

/**
 * What {@link LorexReset#complete(LorexResetCompletion)} needs to finish the Lorex reset procedure:
 * the recorder, the vendor's grant, the new password and, optionally, the account, the personal
 * information the password must not contain, and connection options.
 *
 * <pre>{@code
 * PasswordChangeResult done = LorexReset.complete(
 *     LorexResetCompletion.builder(endpoint, grant, next).personalInfo(personal).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows a password.
 */
public final class LorexResetCompletion {
  private final DeviceEndpoint endpoint;
  private final ResetGrant grant;
  private final Secret newPassword;
  private final String user;
  private final PersonalInfo personalInfo;
  private final ConnectOptions options;

  private LorexResetCompletion(Builder builder) {
    this.endpoint = builder.endpoint;
    this.grant = builder.grant;
    this.newPassword = builder.newPassword;
    this.user = builder.user;
    this.personalInfo = builder.personalInfo;
    this.options = builder.options;
  }

  /**
   * A builder with the three things every completion needs.
   *
   * @param endpoint the recorder
   * @param grant the vendor's grant (its temporary password is used as the old password)
   * @param newPassword the new password, checked against {@link LorexReset#completionPolicy()} and,
   *     for a password a person chose, {@link io.nvrkit.lorex.LorexPasswordPolicies#defaults()}'
   *     blocklist and strength
   * @return a builder
   * @throws NullPointerException if an argument is null
   */
  public static Builder builder(DeviceEndpoint endpoint, ResetGrant grant, Secret newPassword) {
    return new Builder(endpoint, grant, newPassword);
  }

  /**
   * The recorder.
   *
   * @return the endpoint
   */
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The vendor's grant.
   *
   * @return the grant
   */
  public ResetGrant grant() {
    return grant;
  }

  /**
   * The new password.
   *
   * @return the password
   */
  public Secret newPassword() {
    return newPassword;
  }

  /**
   * The account whose password is reset.
   *
   * @return the user name, {@code admin} unless set
   */
  public String user() {
    return user;
  }

  /**
   * What the new password must not contain.
   *
   * @return the personal information, {@link PersonalInfo#none()} unless set
   */
  public PersonalInfo personalInfo() {
    return personalInfo;
  }

  /**
   * Timeouts and limits for the connection.
   *
   * @return the options, {@link ConnectOptions#defaults()} unless set
   */
  public ConnectOptions options() {
    return options;
  }

  @Override
  public String toString() {
    return "LorexResetCompletion[endpoint="
        + endpoint
        + ", ticket="
        + grant.ticketId()
        + ", user="
        + user
        + ", newPassword=***]";
  }

  /** Builds a {@link LorexResetCompletion}. Not thread-safe. */
  public static final class Builder {
    private final DeviceEndpoint endpoint;
    private final ResetGrant grant;
    private final Secret newPassword;
    private String user = "admin";
    private PersonalInfo personalInfo = PersonalInfo.none();
    private ConnectOptions options = ConnectOptions.defaults();

    private Builder(DeviceEndpoint endpoint, ResetGrant grant, Secret newPassword) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      this.grant = Objects.requireNonNull(grant, "grant");
      this.newPassword = Objects.requireNonNull(newPassword, "newPassword");
    }

    /**
     * The account whose password is reset. Default {@code admin}, the account of the Lorex
     * procedure.
     *
     * @param user the user name
     * @return this builder
     */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /**
     * What the new password must not contain: the owner's names, phone, birth dates and the
     * device's identifiers. Default {@link PersonalInfo#none()}.
     *
     * @param personalInfo the personal information
     * @return this builder
     */
    public Builder personalInfo(PersonalInfo personalInfo) {
      this.personalInfo = Objects.requireNonNull(personalInfo, "personalInfo");
      return this;
    }

    /**
     * Timeouts and limits. Default {@link ConnectOptions#defaults()}.
     *
     * @param options the options
     * @return this builder
     */
    public Builder options(ConnectOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Builds the completion.
     *
     * @return the completion
     */
    public LorexResetCompletion build() {
      return new LorexResetCompletion(this);
    }
  }
}
