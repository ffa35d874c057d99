package io.nvrkit.testkit.internal.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Removes secrets from a request target before it is journaled.
 *
 * <p>A query parameter whose name contains {@code pwd}, {@code passw} or {@code secret} (any case)
 * has its value replaced by {@code ***}. Because a client that forgets to percent-encode a password
 * spreads it over several {@code &}-separated pieces, every piece after the first secret is
 * redacted too, unless its name is a well-known non-secret parameter ({@code action}, {@code name},
 * {@code user.Name}...).
 */
public final class Redactor {
  private static final Set<String> SAFE_AFTER_SECRET =
      Set.of(
          "action",
          "name",
          "username",
          "user.name",
          "user.group",
          "user.sharable",
          "user.reserved",
          "user.memo",
          "managername",
          "accounttype",
          "channel");

  private Redactor() {}

  /**
   * The target with secret values replaced.
   *
   * @param rawTarget path and raw query
   * @return the redacted target
   */
  public static String redactTarget(String rawTarget) {
    int q = rawTarget.indexOf('?');
    if (q < 0) {
      return rawTarget;
    }
    StringBuilder out = new StringBuilder(rawTarget.length()).append(rawTarget, 0, q + 1);
    String[] parts = rawTarget.substring(q + 1).split("&", -1);
    boolean afterSecret = false;
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      String p = parts[i];
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq);
      String lower = name.toLowerCase(Locale.ROOT);
      boolean secret = lower.contains("pwd") || lower.contains("passw") || lower.contains("secret");
      if (secret) {
        afterSecret = true;
        out.append(name).append("=***");
      } else if (afterSecret && (eq < 0 || !SAFE_AFTER_SECRET.contains(lower))) {
        out.append("***");
      } else {
        out.append(p);
      }
    }
    return out.toString();
  }
}
