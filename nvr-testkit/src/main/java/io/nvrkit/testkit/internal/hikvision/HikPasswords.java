package io.nvrkit.testkit.internal.hikvision;

import io.nvrkit.testkit.DevicePasswordRules;
import java.nio.CharBuffer;
import java.util.Locale;

/**
 * Hikvision's password strength levels and the firmware's refusal of "risky" passwords (user
 * manuals: level 0 risky = shorter than 8, one character class, the user name or the user name
 * mirrored; 1 weak = digits with one letter case; 2 medium = other two-class mixes; 3 strong =
 * three or more classes), the ASCII character set of the manuals, and the device's configured
 * {@link DevicePasswordRules} (default 8–16 characters, two classes).
 */
final class HikPasswords {
  /** The non-alphanumeric characters the manuals list as allowed. */
  static final String SPECIALS = ".-_:/@,?!'()$&\"[]{}#%^*+=\\|<>";

  private HikPasswords() {}

  /** The strength level 0–3 of {@code pw} for account {@code user}. */
  static int level(String user, char[] pw) {
    if (pw.length < 8) {
      return 0;
    }
    String s = new String(pw);
    String lower = s.toLowerCase(Locale.ROOT);
    String name = user == null ? "" : user.toLowerCase(Locale.ROOT);
    if (!name.isEmpty()
        && (lower.equals(name) || lower.equals(new StringBuilder(name).reverse().toString()))) {
      return 0;
    }
    boolean upper = false;
    boolean low = false;
    boolean digit = false;
    boolean other = false;
    for (char c : pw) {
      if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= 'a' && c <= 'z') {
        low = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        other = true;
      }
    }
    int classes = (upper ? 1 : 0) + (low ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    if (classes <= 1) {
      return 0;
    }
    if (classes >= 3) {
      return 3;
    }
    return digit && !other ? 1 : 2;
  }

  /** Whether the firmware accepts {@code pw} as the new password of {@code user}. */
  static boolean acceptable(String user, char[] pw, DevicePasswordRules rules) {
    for (char c : pw) {
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && SPECIALS.indexOf(c) < 0) {
        return false;
      }
    }
    return level(user, pw) > 0 && rules.accepts(CharBuffer.wrap(pw));
  }
}
