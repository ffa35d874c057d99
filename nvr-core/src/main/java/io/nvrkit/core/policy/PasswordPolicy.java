package io.nvrkit.core.policy;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.policy.PolicyChecker;
import io.nvrkit.core.internal.policy.PolicyCombiner;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Rules a new password must satisfy, with {@link #check(Secret, PersonalInfo)} returning every
 * violation as a {@link PolicyReport}.
 *
 * <p>Profiles:
 *
 * <ul>
 *   <li>{@link #strongGuidance()}: at least 12 characters, upper and lower case, a digit and a
 *       symbol, nothing personal;
 *   <li>{@link #nist80063b()}: NIST SP 800-63B: at least 15 code points, never truncated, whole
 *       password checked against a blocklist, no composition rules;
 *   <li>{@link #recommended()}: strongGuidance ∧ blocklist ∧ strength score ≥ 3.
 * </ul>
 *
 * <p>Core holds no vendor knowledge: a device's own limits (length, character set, forbidden
 * characters) are published by its adapter, for example {@code
 * io.nvrkit.lorex.LorexPasswordPolicies}, and returned by {@code NvrDriver.defaultPolicy()}.
 *
 * <p>{@link #and(PasswordPolicy...)} combines policies: the result is satisfied only when every
 * part is. An organisation adds its own rules with {@link #builder(String)}. Personal information
 * is searched case-insensitively, reversed, and with common substitutions (0→o, 1→i/l, 3→e, 4/@→a,
 * 5/$→s, 7→t); birth dates in common formats ({@code 1990-04-17}, {@code 17041990}, {@code
 * 19900417}, {@code 04171990}, {@code 0417}, {@code 1704}, {@code 1990}, with {@code -./}
 * separators; the two-digit year alone is not searched, as it would match far too often); name
 * parts of at least 3 letters; the last 4 digits and every 6-digit run of the phone number.
 *
 * <p>Lengths count Unicode code points and a password is never truncated. The blocklist (zxcvbn4j's
 * 30,000 most common passwords plus factory defaults such as {@code admin} and {@code 888888})
 * matches the whole password case-insensitively, also with the substitutions undone and with
 * leading and trailing digits and symbols removed ({@code Password123!}). The {@linkplain
 * PolicyReport#strengthScore() strength score} and zxcvbn's advice are computed only when the
 * policy has a {@linkplain #minStrengthScore() minimum score} (about 1 ms per check).
 *
 * <p>Immutable and thread-safe.
 */
public final class PasswordPolicy {
  private final String name;
  private final int minLength;
  private final int maxLength;
  private final boolean requireUpper;
  private final boolean requireLower;
  private final boolean requireDigit;
  private final boolean requireSymbol;
  private final int minCharacterClasses;
  private final String forbiddenCharacters;
  private final boolean printableAsciiOnly;
  private final boolean rejectPersonalInfo;
  private final boolean blocklist;
  private final int minStrengthScore;

  private PasswordPolicy(Builder b) {
    this.name = b.name;
    this.minLength = b.minLength;
    this.maxLength = b.maxLength;
    this.requireUpper = b.requireUpper;
    this.requireLower = b.requireLower;
    this.requireDigit = b.requireDigit;
    this.requireSymbol = b.requireSymbol;
    this.minCharacterClasses = b.minCharacterClasses;
    this.forbiddenCharacters = b.forbiddenCharacters;
    this.printableAsciiOnly = b.printableAsciiOnly;
    this.rejectPersonalInfo = b.rejectPersonalInfo;
    this.blocklist = b.blocklist;
    this.minStrengthScore = b.minStrengthScore;
  }

  /**
   * Strong general-purpose guidance: at least 12 characters, upper and lower case, a digit, a
   * symbol, nothing personal.
   *
   * @return the profile, named {@code strongGuidance}
   */
  public static PasswordPolicy strongGuidance() {
    return builder("strongGuidance")
        .minLength(12)
        .requireUppercase(true)
        .requireLowercase(true)
        .requireDigit(true)
        .requireSymbol(true)
        .rejectPersonalInfo(true)
        .build();
  }

  /**
   * NIST SP 800-63B: at least 15 code points, whole-password blocklist, no composition rules, no
   * truncation.
   *
   * @return the profile
   */
  public static PasswordPolicy nist80063b() {
    return builder("nist80063b").minLength(15).blocklist(true).build();
  }

  /**
   * The recommended policy when a device imposes nothing stricter: {@code strongGuidance ∧
   * blocklist ∧ strength ≥ 3}.
   *
   * @return the combined policy
   */
  public static PasswordPolicy recommended() {
    return strongGuidance().and(builder("blocklist").blocklist(true).minStrengthScore(3).build());
  }

  /**
   * A builder for an organisation's own policy.
   *
   * @param name a short name used in reports
   * @return a builder with no rules
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The policy satisfied only when this one and every one of {@code others} is: the largest
   * minimum, the smallest maximum, every required class, every forbidden character, the strictest
   * strength.
   *
   * @param others further policies
   * @return the combination, named {@code a+b+...}
   * @throws IllegalArgumentException if the largest minimum length exceeds the smallest maximum
   */
  public PasswordPolicy and(PasswordPolicy... others) {
    return PolicyCombiner.and(this, others);
  }

  /**
   * Checks {@code password}. Never throws for a bad password and never puts it in the report.
   *
   * @param password the candidate
   * @param personal what it must not contain
   * @return every violation found
   */
  public PolicyReport check(Secret password, PersonalInfo personal) {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(personal, "personal");
    return PolicyChecker.check(this, password, personal);
  }

  /**
   * Checks {@code password} without personal information.
   *
   * @param password the candidate
   * @return every violation found
   */
  public PolicyReport check(Secret password) {
    return check(password, PersonalInfo.none());
  }

  /**
   * A builder with this policy's rules.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.minLength = minLength;
    b.maxLength = maxLength;
    b.requireUpper = requireUpper;
    b.requireLower = requireLower;
    b.requireDigit = requireDigit;
    b.requireSymbol = requireSymbol;
    b.minCharacterClasses = minCharacterClasses;
    b.forbiddenCharacters = forbiddenCharacters;
    b.printableAsciiOnly = printableAsciiOnly;
    b.rejectPersonalInfo = rejectPersonalInfo;
    b.blocklist = blocklist;
    b.minStrengthScore = minStrengthScore;
    return b;
  }

  /**
   * The policy's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Minimum length in code points.
   *
   * @return the minimum, 0 if none
   */
  public int minLength() {
    return minLength;
  }

  /**
   * Maximum length in code points.
   *
   * @return the maximum, {@link Integer#MAX_VALUE} if none
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * Whether an upper-case letter is required.
   *
   * @return true if required
   */
  public boolean requiresUppercase() {
    return requireUpper;
  }

  /**
   * Whether a lower-case letter is required.
   *
   * @return true if required
   */
  public boolean requiresLowercase() {
    return requireLower;
  }

  /**
   * Whether a digit is required.
   *
   * @return true if required
   */
  public boolean requiresDigit() {
    return requireDigit;
  }

  /**
   * Whether a symbol is required.
   *
   * @return true if required
   */
  public boolean requiresSymbol() {
    return requireSymbol;
  }

  /**
   * Minimum number of classes among upper, lower, digit, symbol.
   *
   * @return the minimum, 0 if none
   */
  public int minCharacterClasses() {
    return minCharacterClasses;
  }

  /**
   * Characters that must not occur.
   *
   * @return the forbidden characters, possibly empty
   */
  public String forbiddenCharacters() {
    return forbiddenCharacters;
  }

  /**
   * Whether only printable ASCII (0x21–0x7E) is allowed.
   *
   * @return true if restricted
   */
  public boolean printableAsciiOnly() {
    return printableAsciiOnly;
  }

  /**
   * Whether personal information is rejected.
   *
   * @return true if rejected
   */
  public boolean rejectsPersonalInfo() {
    return rejectPersonalInfo;
  }

  /**
   * Whether the whole password is checked against the common-password list.
   *
   * @return true if checked
   */
  public boolean usesBlocklist() {
    return blocklist;
  }

  /**
   * The minimum zxcvbn strength score.
   *
   * @return the score 0..4, if required
   */
  public OptionalInt minStrengthScore() {
    return minStrengthScore < 0 ? OptionalInt.empty() : OptionalInt.of(minStrengthScore);
  }

  @Override
  public String toString() {
    return "PasswordPolicy[" + name + "]";
  }

  /** Builds a {@link PasswordPolicy}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private int minLength;
    private int maxLength = Integer.MAX_VALUE;
    private boolean requireUpper;
    private boolean requireLower;
    private boolean requireDigit;
    private boolean requireSymbol;
    private int minCharacterClasses;
    private String forbiddenCharacters = "";
    private boolean printableAsciiOnly;
    private boolean rejectPersonalInfo;
    private boolean blocklist;
    private int minStrengthScore = -1;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The short name used in reports. Default: the name given to {@link PasswordPolicy#builder}.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Minimum length in code points. Default 0.
     *
     * @param minLength 0 or more
     * @return this builder
     */
    public Builder minLength(int minLength) {
      if (minLength < 0) {
        throw new IllegalArgumentException("minLength must be >= 0");
      }
      this.minLength = minLength;
      return this;
    }

    /**
     * Maximum length in code points (a device limit). Default none.
     *
     * @param maxLength 1 or more
     * @return this builder
     */
    public Builder maxLength(int maxLength) {
      if (maxLength < 1) {
        throw new IllegalArgumentException("maxLength must be >= 1");
      }
      this.maxLength = maxLength;
      return this;
    }

    /**
     * Require an upper-case letter. Default false.
     *
     * @param enabled true to require
     * @return this builder
     */
    public Builder requireUppercase(boolean enabled) {
      this.requireUpper = enabled;
      return this;
    }

    /**
     * Require a lower-case letter. Default false.
     *
     * @param enabled true to require
     * @return this builder
     */
    public Builder requireLowercase(boolean enabled) {
      this.requireLower = enabled;
      return this;
    }

    /**
     * Require a digit. Default false.
     *
     * @param enabled true to require
     * @return this builder
     */
    public Builder requireDigit(boolean enabled) {
      this.requireDigit = enabled;
      return this;
    }

    /**
     * Require a symbol. Default false.
     *
     * @param enabled true to require
     * @return this builder
     */
    public Builder requireSymbol(boolean enabled) {
      this.requireSymbol = enabled;
      return this;
    }

    /**
     * Minimum number of character classes (device rule). Default 0.
     *
     * @param minCharacterClasses 0 to 4
     * @return this builder
     */
    public Builder minCharacterClasses(int minCharacterClasses) {
      if (minCharacterClasses < 0 || minCharacterClasses > 4) {
        throw new IllegalArgumentException("minCharacterClasses must be 0..4");
      }
      this.minCharacterClasses = minCharacterClasses;
      return this;
    }

    /**
     * Characters that must not occur. Default none.
     *
     * @param chars the characters
     * @return this builder
     */
    public Builder forbiddenCharacters(String chars) {
      this.forbiddenCharacters = Objects.requireNonNull(chars, "chars");
      return this;
    }

    /**
     * Allow only printable ASCII without space. Default false.
     *
     * @param enabled true to restrict
     * @return this builder
     */
    public Builder printableAsciiOnly(boolean enabled) {
      this.printableAsciiOnly = enabled;
      return this;
    }

    /**
     * Reject personal information. Default false.
     *
     * @param enabled true to reject
     * @return this builder
     */
    public Builder rejectPersonalInfo(boolean enabled) {
      this.rejectPersonalInfo = enabled;
      return this;
    }

    /**
     * Check the whole password against the common-password list. Default false.
     *
     * @param enabled true to check
     * @return this builder
     */
    public Builder blocklist(boolean enabled) {
      this.blocklist = enabled;
      return this;
    }

    /**
     * Require a minimum zxcvbn strength score. Default none.
     *
     * @param score 0..4
     * @return this builder
     */
    public Builder minStrengthScore(int score) {
      if (score < 0 || score > 4) {
        throw new IllegalArgumentException("minStrengthScore must be 0..4");
      }
      this.minStrengthScore = score;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalArgumentException if the minimum exceeds the maximum
     */
    public PasswordPolicy build() {
      if (minLength > maxLength) {
        throw new IllegalArgumentException("minLength > maxLength");
      }
      return new PasswordPolicy(this);
    }
  }
}
