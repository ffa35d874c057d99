package io.nvrkit.testkit;

import java.util.Objects;

/**
 * The rules a fake device's firmware enforces on a new password (not an organisation's policy: see
 * {@code io.nvrkit.core.policy.PasswordPolicy} for that).
 *
 * <p>Immutable and thread-safe.
 *
 * @param minLength the minimum number of characters
 * @param maxLength the maximum number of characters
 * @param minClasses how many of the four classes (upper case, lower case, digit, other) must occur
 * @param forbidden characters that must not occur
 */
public record DevicePasswordRules(int minLength, int maxLength, int minClasses, String forbidden) {

  /**
   * Validates the rules.
   *
   * @param minLength minimum length, at least 1
   * @param maxLength maximum length, at least {@code minLength}
   * @param minClasses 0 to 4
   * @param forbidden forbidden characters, may be empty
   * @throws IllegalArgumentException if a value is out of range
   */
  public DevicePasswordRules {
    Objects.requireNonNull(forbidden, "forbidden");
    if (minLength < 1 || maxLength < minLength || minClasses < 0 || minClasses > 4) {
      throw new IllegalArgumentException("inconsistent password rules");
    }
  }

  /**
   * Dahua-family firmware (current Lorex too): 8 to 32 characters, at least 2 classes, none of
   * {@code ' " ; : &}.
   *
   * @return the rules
   */
  public static DevicePasswordRules dahua() {
    return new DevicePasswordRules(8, 32, 2, "'\";:&");
  }

  /**
   * Hikvision firmware: 8 to 16 characters, at least 2 classes, none of space {@code ; ~ `}
   * (outside the manuals' character set). The Hikvision personality also refuses the user name, its
   * mirror image and any other character outside that set ("risky").
   *
   * @return the rules
   */
  public static DevicePasswordRules hikvision() {
    return new DevicePasswordRules(8, 16, 2, " ;~`");
  }

  /**
   * Anything from 1 to 64 characters (for ONVIF devices that only enforce a length).
   *
   * @return the rules
   */
  public static DevicePasswordRules lenient() {
    return new DevicePasswordRules(1, 64, 0, "");
  }

  /**
   * Whether {@code password} satisfies the rules.
   *
   * @param password the characters (not kept)
   * @return true if accepted
   */
  public boolean accepts(CharSequence password) {
    int n = password.length();
    if (n < minLength || n > maxLength) {
      return false;
    }
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < n; i++) {
      char c = password.charAt(i);
      if (forbidden.indexOf(c) >= 0) {
        return false;
      }
      if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        other = true;
      }
    }
    int classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    return classes >= minClasses;
  }
}
