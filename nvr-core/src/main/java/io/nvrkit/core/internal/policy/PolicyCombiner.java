package io.nvrkit.core.internal.policy;

import io.nvrkit.core.policy.PasswordPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The conjunction of password policies behind {@code PasswordPolicy.and}. */
public final class PolicyCombiner {
  private PolicyCombiner() {}

  /**
   * The policy satisfied only when {@code first} and every one of {@code others} is.
   *
   * @param first a policy
   * @param others further policies
   * @return the combination, named {@code a+b+...}
   * @throws IllegalArgumentException if the largest minimum length exceeds the smallest maximum
   */
  public static PasswordPolicy and(PasswordPolicy first, PasswordPolicy... others) {
    List<String> names = new ArrayList<>(List.of(first.name()));
    int minLength = first.minLength();
    int maxLength = first.maxLength();
    boolean upper = first.requiresUppercase();
    boolean lower = first.requiresLowercase();
    boolean digit = first.requiresDigit();
    boolean symbol = first.requiresSymbol();
    int classes = first.minCharacterClasses();
    StringBuilder forbidden = new StringBuilder(first.forbiddenCharacters());
    boolean ascii = first.printableAsciiOnly();
    boolean personal = first.rejectsPersonalInfo();
    boolean blocklist = first.usesBlocklist();
    int strength = first.minStrengthScore().orElse(-1);
    for (PasswordPolicy o : others) {
      Objects.requireNonNull(o, "policy");
      names.add(o.name());
      minLength = Math.max(minLength, o.minLength());
      maxLength = Math.min(maxLength, o.maxLength());
      upper |= o.requiresUppercase();
      lower |= o.requiresLowercase();
      digit |= o.requiresDigit();
      symbol |= o.requiresSymbol();
      classes = Math.max(classes, o.minCharacterClasses());
      o.forbiddenCharacters()
          .chars()
          .filter(c -> forbidden.indexOf(String.valueOf((char) c)) < 0)
          .forEach(c -> forbidden.append((char) c));
      ascii |= o.printableAsciiOnly();
      personal |= o.rejectsPersonalInfo();
      blocklist |= o.usesBlocklist();
      strength = Math.max(strength, o.minStrengthScore().orElse(-1));
    }
    if (minLength > maxLength) {
      throw new IllegalArgumentException(
          "policies cannot be combined: minimum length " + minLength + " > maximum " + maxLength);
    }
    PasswordPolicy.Builder b =
        first.toBuilder()
            .name(String.join("+", names))
            .minLength(minLength)
            .maxLength(maxLength)
            .requireUppercase(upper)
            .requireLowercase(lower)
            .requireDigit(digit)
            .requireSymbol(symbol)
            .minCharacterClasses(classes)
            .forbiddenCharacters(forbidden.toString())
            .printableAsciiOnly(ascii)
            .rejectPersonalInfo(personal)
            .blocklist(blocklist);
    if (strength >= 0) {
      b.minStrengthScore(strength);
    }
    return b.build();
  }
}
