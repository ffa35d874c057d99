package io.nvrkit.core.internal.policy;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;

/** Password generation behind {@link io.nvrkit.core.policy.PasswordGenerator}. */
public final class Generation {
  private Generation() {}

  /**
   * Generates a password.
   *
   * @param policy the policy
   * @param length the length
   * @param personal personal info
   * @return the password
   */
  public static Secret generate(PasswordPolicy policy, int length, PersonalInfo personal) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
