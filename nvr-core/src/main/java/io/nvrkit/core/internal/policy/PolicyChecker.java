package io.nvrkit.core.internal.policy;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;

/** Evaluates a {@link PasswordPolicy} (Passay rules + zxcvbn). */
public final class PolicyChecker {
  private PolicyChecker() {}

  /**
   * Checks a password.
   *
   * @param policy the policy
   * @param password the password
   * @param personal personal info
   * @return the report
   */
  public static PolicyReport check(PasswordPolicy policy, Secret password, PersonalInfo personal) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
