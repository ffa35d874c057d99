package com.example.userapp;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.policy.PolicyChecker;
import io.nvrkit.core.policy.PasswordPolicy;

/** Deliberately bad (ArchUnit fixture): a user's class calling an internal package. */
public final class UsesInternal {
  private UsesInternal() {}

  /**
   * Calls the internal checker directly.
   *
   * @return whether it passed
   */
  public static boolean check() {
    return PolicyChecker.check(PasswordPolicy.nist80063b(), Secret.of("x"), PersonalInfo.none())
        .passed();
  }
}
