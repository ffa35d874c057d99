package io.nvrkit.core;

import io.nvrkit.core.policy.PasswordPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to change one account's password on a device.
 *
 * <pre>{@code
 * PasswordChangeResult done = client.changePassword(
 *     PasswordChangeRequest.builder(newPassword)
 *         .personalInfo(PersonalInfo.builder().name("Jane Doe").build())
 *         .build());
 * }</pre>
 *
 * <p>Defaults: the target is the session's own user; the old password given to the device is the
 * session's password (for the Lorex reset procedure, the temporary password); the policy is the
 * driver's default; the change is verified by a fresh login with the new password. Immutable and
 * thread-safe; holds the {@link Secret}s by reference.
 */
public final class PasswordChangeRequest {
  private final String targetUser;
  private final Secret oldPassword;
  private final Secret newPassword;
  private final PersonalInfo personalInfo;
  private final PasswordPolicy policy;
  private final boolean verify;

  private PasswordChangeRequest(Builder b) {
    this.targetUser = b.targetUser;
    this.oldPassword = b.oldPassword;
    this.newPassword = b.newPassword;
    this.personalInfo = b.personalInfo;
    this.policy = b.policy;
    this.verify = b.verify;
  }

  /**
   * A builder for changing to {@code newPassword}.
   *
   * @param newPassword the new password
   * @return the builder
   */
  public static Builder builder(Secret newPassword) {
    return new Builder(newPassword);
  }

  /**
   * The account to change; empty means the session's own user.
   *
   * @return the target user, if not the session's
   */
  public Optional<String> targetUser() {
    return Optional.ofNullable(targetUser);
  }

  /**
   * The old password to give the device; empty means the session's password.
   *
   * @return the old password, if given
   */
  public Optional<Secret> oldPassword() {
    return Optional.ofNullable(oldPassword);
  }

  /**
   * The new password.
   *
   * @return the new password
   */
  public Secret newPassword() {
    return newPassword;
  }

  /**
   * What the new password must not contain.
   *
   * @return the personal information
   */
  public PersonalInfo personalInfo() {
    return personalInfo;
  }

  /**
   * The policy to check the new password against; empty means the driver's default.
   *
   * @return the policy, if set
   */
  public Optional<PasswordPolicy> policy() {
    return Optional.ofNullable(policy);
  }

  /**
   * Whether the change is verified with a fresh login. Default true.
   *
   * @return true to verify
   */
  public boolean verify() {
    return verify;
  }

  @Override
  public String toString() {
    return "PasswordChangeRequest[targetUser="
        + (targetUser == null ? "(session user)" : targetUser)
        + ", newPassword=***, verify="
        + verify
        + "]";
  }

  /** Builds a {@link PasswordChangeRequest}. Not thread-safe. */
  public static final class Builder {
    private final Secret newPassword;
    private String targetUser;
    private Secret oldPassword;
    private PersonalInfo personalInfo = PersonalInfo.none();
    private PasswordPolicy policy;
    private boolean verify = true;

    private Builder(Secret newPassword) {
      this.newPassword = Objects.requireNonNull(newPassword, "newPassword");
    }

    /**
     * Change another account than the session's.
     *
     * @param user the account name
     * @return this builder
     */
    public Builder targetUser(String user) {
      this.targetUser = user;
      return this;
    }

    /**
     * The old password to give the device (default: the session's).
     *
     * @param old the old password
     * @return this builder
     */
    public Builder oldPassword(Secret old) {
      this.oldPassword = old;
      return this;
    }

    /**
     * What the password must not contain. Default none.
     *
     * @param info the personal information
     * @return this builder
     */
    public Builder personalInfo(PersonalInfo info) {
      this.personalInfo = Objects.requireNonNull(info, "info");
      return this;
    }

    /**
     * The policy (default: the driver's).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(PasswordPolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * Whether to verify with a fresh login. Default true.
     *
     * @param verify false to skip
     * @return this builder
     */
    public Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    /**
     * Builds the update.
     *
     * @return the update
     */
    public PasswordChangeRequest build() {
      return new PasswordChangeRequest(this);
    }
  }
}
