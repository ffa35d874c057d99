package io.nvrkit.core.policy;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The result of {@link PasswordPolicy#check(io.nvrkit.core.Secret, io.nvrkit.core.PersonalInfo)}:
 * every violation found (not only the first), the strength score where the policy estimates it, and
 * suggestions. Never contains the password. Immutable.
 */
public final class PolicyReport {
  private final String policy;
  private final List<PolicyViolation> violations;
  private final int strengthScore;
  private final List<String> suggestions;

  /**
   * Creates a report.
   *
   * @param policy the name of the policy checked
   * @param violations the violations, empty if the password passed
   * @param strengthScore the zxcvbn score 0..4, or -1 if not estimated
   * @param suggestions advice for a better password (no password text)
   */
  public PolicyReport(
      String policy,
      List<PolicyViolation> violations,
      int strengthScore,
      List<String> suggestions) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.violations = List.copyOf(violations);
    this.strengthScore = strengthScore;
    this.suggestions = List.copyOf(suggestions);
  }

  /**
   * Whether the password satisfies the policy.
   *
   * @return true if there is no violation
   */
  public boolean passed() {
    return violations.isEmpty();
  }

  /**
   * The policy's name, e.g. {@code strongGuidance+blocklist}.
   *
   * @return the name
   */
  public String policy() {
    return policy;
  }

  /**
   * Every violation, in a stable order.
   *
   * @return the violations
   */
  public List<PolicyViolation> violations() {
    return violations;
  }

  /**
   * Whether a violation with {@code code} is present.
   *
   * @param code the code
   * @return true if present
   */
  public boolean has(ViolationCode code) {
    return violations.stream().anyMatch(v -> v.code() == code);
  }

  /**
   * The strength estimate from 0 (guessable) to 4 (very strong), where the policy estimates it.
   *
   * @return the score, if estimated
   */
  public OptionalInt strengthScore() {
    return strengthScore < 0 ? OptionalInt.empty() : OptionalInt.of(strengthScore);
  }

  /**
   * Advice for a better password.
   *
   * @return the suggestions, possibly empty
   */
  public List<String> suggestions() {
    return suggestions;
  }

  /**
   * The codes, comma-separated, or {@code passed}.
   *
   * @return a one-line summary
   */
  public String summary() {
    return passed()
        ? "passed"
        : violations.stream()
            .map(v -> v.code().name())
            .distinct()
            .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "PolicyReport[" + policy + ": " + summary() + "]";
  }
}
