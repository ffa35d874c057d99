package io.nvrkit.lorex;

import io.nvrkit.core.policy.PasswordPolicy;

/**
 * The password policies of Lorex recorders (Dahua-family firmware), built on the vendor-neutral
 * {@link PasswordPolicy}:
 *
 * <ul>
 *   <li>{@link #guidance()}: Lorex's published guidance: at least 12 characters, upper and lower
 *       case, a digit and a symbol, nothing personal (the same rules as {@link
 *       PasswordPolicy#strongGuidance()}, reported under the name {@code lorexGuidance});
 *   <li>{@link #firmwareLimits()}: what Dahua-family firmware accepts: 8 to 32 printable ASCII
 *       characters, at least 2 character classes, none of {@code ' " ; : &};
 *   <li>{@link #defaults()}: guidance ∧ firmware limits ∧ blocklist ∧ strength score ≥ 3; what
 *       {@link LorexDriver#defaultPolicy()} applies.
 * </ul>
 *
 * <p>Stateless and thread-safe; every method returns an immutable policy.
 */
public final class LorexPasswordPolicies {
  private LorexPasswordPolicies() {}

  /**
   * Lorex's published guidance: at least 12 characters, upper and lower case, a digit, a symbol,
   * nothing personal.
   *
   * @return the profile, named {@code lorexGuidance}
   */
  public static PasswordPolicy guidance() {
    return PasswordPolicy.strongGuidance().toBuilder().name("lorexGuidance").build();
  }

  /**
   * Dahua-family firmware limits: 8–32 printable ASCII characters, at least 2 character classes,
   * none of {@code ' " ; : &}.
   *
   * @return the profile, named {@code dahuaFirmware}
   */
  public static PasswordPolicy firmwareLimits() {
    return PasswordPolicy.builder("dahuaFirmware")
        .minLength(8)
        .maxLength(32)
        .minCharacterClasses(2)
        .forbiddenCharacters("'\";:&")
        .printableAsciiOnly(true)
        .build();
  }

  /**
   * The default for Lorex devices: {@code guidance ∧ firmwareLimits ∧ blocklist ∧ strength ≥ 3}.
   *
   * @return the combined policy
   */
  public static PasswordPolicy defaults() {
    return guidance()
        .and(
            firmwareLimits(),
            PasswordPolicy.builder("blocklist").blocklist(true).minStrengthScore(3).build());
  }
}
