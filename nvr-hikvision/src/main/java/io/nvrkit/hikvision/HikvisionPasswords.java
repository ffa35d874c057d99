package io.nvrkit.hikvision;

import io.nvrkit.core.policy.PasswordPolicy;

/**
 * Hikvision's password rules as {@link PasswordPolicy} profiles, for checking a password before it
 * is sent and for generating one the device accepts ({@code PasswordGenerator.forPolicy(...)}).
 *
 * <ul>
 *   <li>{@link #firmwareLimits()}: what the firmware accepts: 8 to 16 characters ({@code
 *       SecurityLimits/LoginPasswordLenLimit}), printable ASCII without space, {@code ;}, {@code ~}
 *       or backtick (the manuals' character list), at least two character classes, and not the user
 *       name or its mirror image (the "Risky" level the firmware refuses). The user-name rule is
 *       enforced as "contains nothing personal", which is stricter than the firmware's equality
 *       test;
 *   <li>{@link #firmwareLimits(int, int)}: the same with the length limits a device publishes;
 *   <li>{@link #defaultPolicy()}: the strong guidance (12+ characters with upper and lower case, a
 *       digit and a symbol, nothing personal) ∧ the firmware limits ∧ the common-password blocklist
 *       ∧ strength score ≥ 3: what the adapter applies when the caller gives no policy.
 * </ul>
 *
 * <p>A caller's own policy is always combined with {@link #firmwareLimits()} ({@code
 * callerPolicy.and(firmwareLimits())}): it adds rules, it never lets through a password the device
 * would refuse. Stateless and thread-safe.
 */
public final class HikvisionPasswords {
  /** The shortest password the firmware accepts. */
  public static final int FIRMWARE_MIN_LENGTH = 8;

  /** The longest password the firmware accepts (a 20-character one fails, research §5). */
  public static final int FIRMWARE_MAX_LENGTH = 16;

  /** Printable ASCII characters the firmware's list does not contain. */
  public static final String FORBIDDEN_CHARACTERS = " ;~`";

  private HikvisionPasswords() {}

  /**
   * The firmware's limits with the default length range 8–16.
   *
   * @return the profile, named {@code hikvisionFirmware}
   */
  public static PasswordPolicy firmwareLimits() {
    return firmwareLimits(FIRMWARE_MIN_LENGTH, FIRMWARE_MAX_LENGTH);
  }

  /**
   * The firmware's limits with a device's published length range.
   *
   * @param minLength the device's minimum, at least 1
   * @param maxLength the device's maximum, at least {@code minLength}
   * @return the profile, named {@code hikvisionFirmware}
   * @throws IllegalArgumentException if the range is empty or not positive
   */
  public static PasswordPolicy firmwareLimits(int minLength, int maxLength) {
    if (minLength < 1 || maxLength < minLength) {
      throw new IllegalArgumentException(
          "password length limits must satisfy 1 <= min <= max, got "
              + minLength
              + ".."
              + maxLength);
    }
    return PasswordPolicy.builder("hikvisionFirmware")
        .minLength(minLength)
        .maxLength(maxLength)
        .minCharacterClasses(2)
        .printableAsciiOnly(true)
        .forbiddenCharacters(FORBIDDEN_CHARACTERS)
        .rejectPersonalInfo(true)
        .build();
  }

  /**
   * Strong guidance, as the Lorex adapter applies it: at least 12 characters, upper and lower case,
   * a digit and a symbol, nothing personal.
   *
   * @return the policy, named {@code strongGuidance}
   */
  public static PasswordPolicy guidance() {
    return PasswordPolicy.builder("strongGuidance")
        .minLength(12)
        .requireUppercase(true)
        .requireLowercase(true)
        .requireDigit(true)
        .requireSymbol(true)
        .rejectPersonalInfo(true)
        .build();
  }

  /**
   * The default for new passwords: strong guidance ∧ {@link #firmwareLimits()} ∧ blocklist ∧
   * strength ≥ 3. Generated passwords are 16 characters.
   *
   * @return the combined policy
   */
  public static PasswordPolicy defaultPolicy() {
    return guidance()
        .and(
            firmwareLimits(),
            PasswordPolicy.builder("blocklist").blocklist(true).minStrengthScore(3).build());
  }

  /**
   * What a change with the caller's policy is checked against.
   *
   * @param callerPolicy the caller's policy, or null for {@link #defaultPolicy()}
   * @return {@code callerPolicy ∧ firmwareLimits()}, or the default
   * @throws IllegalArgumentException if the caller's length range does not meet 8–16
   */
  public static PasswordPolicy forChange(PasswordPolicy callerPolicy) {
    return callerPolicy == null ? defaultPolicy() : callerPolicy.and(firmwareLimits());
  }
}
