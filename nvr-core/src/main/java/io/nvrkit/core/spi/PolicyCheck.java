package io.nvrkit.core.spi;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import java.util.Objects;

/**
 * The check every driver makes before a new password leaves the client: the policy (the caller's
 * combined with the device's own rules) against the password, with the account's user name added to
 * the personal information when the caller gave none, so a password made of the user name (or its
 * reverse) is refused without a round trip. Thread-safe; stateless.
 *
 * <pre>{@code
 * PolicyCheck.require(policy, request.newPassword(), request.personalInfo(), user, device, "changePassword");
 * }</pre>
 */
public final class PolicyCheck {
  private PolicyCheck() {}

  /**
   * Refuses a password the policy does not accept.
   *
   * @param policy the policy to apply
   * @param password the new password
   * @param personal what must not appear in it; its user name, when absent, becomes {@code user}
   * @param user the account the password is for
   * @param device the device, for the exception ({@code scheme://host:port})
   * @param operation the operation, for the exception
   * @throws PolicyViolationException with the policy's report (never the password) if it fails
   */
  public static void require(
      PasswordPolicy policy,
      Secret password,
      PersonalInfo personal,
      String user,
      String device,
      String operation) {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(personal, "personal");
    PersonalInfo p =
        personal.userName() == null ? personal.toBuilder().userName(user).build() : personal;
    PolicyReport report = policy.check(password, p);
    if (!report.passed()) {
      throw new PolicyViolationException(report, device, operation);
    }
  }
}
