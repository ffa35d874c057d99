package io.nvrkit.core.rotation;

import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One device account of a {@link RotationPlan}: where it is, which driver speaks to it, the account
 * and its current password; optionally the new password to set (otherwise one is generated once)
 * and a policy for this device only.
 *
 * <p>Its {@link #account()} identifies it in the journal and the report. {@code toString()} never
 * shows a password. Immutable and thread-safe; holds the {@link Secret}s by reference.
 */
public final class RotationTarget {
  private final DeviceEndpoint endpoint;
  private final String vendor;
  private final String user;
  private final Secret password;
  private final @Nullable Secret newPassword;
  private final @Nullable PasswordPolicy policy;

  private RotationTarget(
      DeviceEndpoint endpoint,
      String vendor,
      String user,
      Secret password,
      @Nullable Secret newPassword,
      @Nullable PasswordPolicy policy) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.vendor = Objects.requireNonNull(vendor, "vendor").toLowerCase(Locale.ROOT);
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password");
    this.newPassword = newPassword;
    this.policy = policy;
    if (this.vendor.isBlank()) {
      throw new IllegalArgumentException("vendor must not be blank");
    }
    if (user.isBlank() || user.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("user must not be blank or contain control characters");
    }
  }

  /**
   * A device account whose new password will be generated.
   *
   * @param endpoint the device
   * @param vendor the driver's vendor id ({@code lorex}, {@code onvif})
   * @param user the account to rotate
   * @param password its current password
   * @return the target
   * @throws IllegalArgumentException if the vendor or user is blank
   */
  public static RotationTarget of(
      DeviceEndpoint endpoint, String vendor, String user, Secret password) {
    return new RotationTarget(endpoint, vendor, user, password, null, null);
  }

  /**
   * The same target with a given new password instead of a generated one. It is journaled once and
   * never replaced on retry.
   *
   * @param newPassword the new password
   * @return a new target
   */
  public RotationTarget withNewPassword(Secret newPassword) {
    return new RotationTarget(
        endpoint, vendor, user, password, Objects.requireNonNull(newPassword), policy);
  }

  /**
   * The same target with its own password policy (instead of the plan's or the driver's).
   *
   * @param policy the policy
   * @return a new target
   */
  public RotationTarget withPolicy(PasswordPolicy policy) {
    return new RotationTarget(
        endpoint, vendor, user, password, newPassword, Objects.requireNonNull(policy));
  }

  /**
   * The account this target names, as the journal and reports identify it.
   *
   * @return the endpoint, driver id and user
   */
  public DeviceAccount account() {
    return DeviceAccount.of(endpoint, vendor, user);
  }

  /**
   * The device.
   *
   * @return the endpoint
   */
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  /**
   * The vendor id, lower case.
   *
   * @return the vendor
   */
  public String vendor() {
    return vendor;
  }

  /**
   * The account to rotate.
   *
   * @return the user
   */
  public String user() {
    return user;
  }

  /**
   * The current password.
   *
   * @return the secret (shared)
   */
  public Secret password() {
    return password;
  }

  /**
   * The new password given by the plan.
   *
   * @return the new password, if given
   */
  public Optional<Secret> newPassword() {
    return Optional.ofNullable(newPassword);
  }

  /**
   * This device's own policy.
   *
   * @return the policy, if set
   */
  public Optional<PasswordPolicy> policy() {
    return Optional.ofNullable(policy);
  }

  @Override
  public String toString() {
    return "RotationTarget[" + vendor + " " + account() + ", password=***]";
  }
}
