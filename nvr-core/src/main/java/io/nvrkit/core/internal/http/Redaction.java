package io.nvrkit.core.internal.http;

import java.util.Locale;
import java.util.Set;

/**
 * Redacts secret query parameters in a request-target before it is logged.
 *
 * <p>Besides the request's own {@link DeviceHttpRequest#secretParams()}, the names {@code pwd},
 * {@code pwdOld}, {@code password} and {@code newPassword} are always redacted (case-insensitive):
 * {@code /cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=***&pwdOld=***}. Stateless.
 */
final class Redaction {
  /** Parameter names redacted in every request line, lower case. */
  static final Set<String> ALWAYS = Set.of("pwd", "pwdold", "password", "newpassword");

  /** What replaces a secret value. */
  static final String MASK = "***";

  private Redaction() {}

  /**
   * The request-target with every secret parameter value replaced by {@code ***}.
   *
   * @param pathAndQuery the encoded path and query
   * @param secretParams extra parameter names to redact
   * @return the redacted target
   */
  static String requestTarget(String pathAndQuery, Set<String> secretParams) {
    int q = pathAndQuery.indexOf('?');
    if (q < 0) {
      return pathAndQuery;
    }
    StringBuilder sb = new StringBuilder(pathAndQuery.length());
    sb.append(pathAndQuery, 0, q + 1);
    String query = pathAndQuery.substring(q + 1);
    int fragment = query.indexOf('#');
    if (fragment >= 0) {
      query = query.substring(0, fragment);
    }
    String[] parts = query.split("&", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append('&');
      }
      String p = parts[i];
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq);
      if (eq >= 0 && isSecret(name, secretParams)) {
        sb.append(name).append('=').append(MASK);
      } else {
        sb.append(p);
      }
    }
    return sb.toString();
  }

  /**
   * Whether {@code name} (possibly percent-encoded) names a secret.
   *
   * @param name the parameter name
   * @param secretParams the request's secret names
   * @return true if its value must be redacted
   */
  static boolean isSecret(String name, Set<String> secretParams) {
    String n = name.replace("%5B", "[").replace("%5D", "]").toLowerCase(Locale.ROOT);
    if (ALWAYS.contains(n)) {
      return true;
    }
    for (String s : secretParams) {
      if (s.toLowerCase(Locale.ROOT).equals(n)) {
        return true;
      }
    }
    return false;
  }
}
