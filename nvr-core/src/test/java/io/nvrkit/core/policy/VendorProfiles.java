package io.nvrkit.core.policy;

/**
 * Vendor profiles rebuilt from core's builder, so core's checker and generator are tested against
 * the rule combinations adapters publish (nvr-lorex's {@code LorexPasswordPolicies} has the same
 * rules) without core depending on an adapter.
 */
public final class VendorProfiles {
  private VendorProfiles() {}

  /** Same rules as {@code LorexPasswordPolicies.guidance()}. */
  public static PasswordPolicy lorexGuidance() {
    return PasswordPolicy.strongGuidance().toBuilder().name("lorexGuidance").build();
  }

  /** Same rules as {@code LorexPasswordPolicies.firmwareLimits()}. */
  public static PasswordPolicy dahuaFirmware() {
    return PasswordPolicy.builder("dahuaFirmware")
        .minLength(8)
        .maxLength(32)
        .minCharacterClasses(2)
        .forbiddenCharacters("'\";:&")
        .printableAsciiOnly(true)
        .build();
  }

  /** Same rules as {@code LorexPasswordPolicies.defaults()}. */
  public static PasswordPolicy lorexDefault() {
    return lorexGuidance()
        .and(
            dahuaFirmware(),
            PasswordPolicy.builder("blocklist").blocklist(true).minStrengthScore(3).build());
  }
}
