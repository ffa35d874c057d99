package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.lorex.LorexPasswordPolicies;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The policy profiles nvrctl knows, by their command-line names.
 *
 * <ul>
 *   <li>{@code lorex} (the default): {@link LorexPasswordPolicies#defaults()}, what the Lorex
 *       adapter applies: Lorex's published guidance, Dahua-family firmware limits, the
 *       common-password blocklist and a zxcvbn strength of at least 3;
 *   <li>{@code lorex-guidance}: only Lorex's published guidance ({@link
 *       LorexPasswordPolicies#guidance()});
 *   <li>{@code dahua-firmware}: only what the firmware accepts ({@link
 *       LorexPasswordPolicies#firmwareLimits()});
 *   <li>{@code nist}: NIST SP 800-63B ({@link PasswordPolicy#nist80063b()}).
 * </ul>
 */
public enum Profile {
  /** Lorex's default: guidance ∧ firmware ∧ blocklist ∧ strength ≥ 3. */
  LOREX("lorex", LorexPasswordPolicies::defaults),
  /** Lorex's published guidance only. */
  LOREX_GUIDANCE("lorex-guidance", LorexPasswordPolicies::guidance),
  /** Dahua-family firmware limits only. */
  DAHUA_FIRMWARE("dahua-firmware", LorexPasswordPolicies::firmwareLimits),
  /** NIST SP 800-63B. */
  NIST("nist", PasswordPolicy::nist80063b);

  /** The default profile's command-line name. */
  public static final String DEFAULT = "lorex";

  private final String cliName;
  private final Supplier<PasswordPolicy> policy;

  Profile(String cliName, Supplier<PasswordPolicy> policy) {
    this.cliName = cliName;
    this.policy = policy;
  }

  /**
   * The name on the command line.
   *
   * @return the name
   */
  public String cliName() {
    return cliName;
  }

  /**
   * The policy.
   *
   * @return the policy
   */
  public PasswordPolicy policy() {
    return policy.get();
  }

  /** Converts {@code --profile} values, case-insensitively. */
  public static final class Converter implements ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      for (Profile p : values()) {
        if (p.cliName.equals(v)) {
          return p;
        }
      }
      throw new TypeConversionException(
          "unknown profile '" + value + "' (choose one of " + String.join(", ", new Names()) + ")");
    }
  }

  /** The names, for help and completion. */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(Profile::cliName).iterator();
    }
  }
}
