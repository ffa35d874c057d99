package io.nvrkit.onvif.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the device advertises about authentication and users (tds:SecurityCapabilities and
 * tds:SystemCapabilities attributes). Attributes are optional in the schema, so each value may be
 * unknown (null): a missing {@code HttpDigest} is not the same as {@code HttpDigest="false"}.
 *
 * @param usernameToken WS-UsernameToken supported, or null
 * @param httpDigest HTTP Digest supported, or null
 * @param maxUsers MaxUsers, or null
 * @param maxUserNameLength MaxUserNameLength, or null
 * @param maxPasswordLength MaxPasswordLength, or null
 * @param securityPolicies SecurityPolicies (ModifyPassword, PasswordComplexity, ...)
 * @param userConfigNotSupported System/@UserConfigNotSupported, or null
 * @param hashingAlgorithms HashingAlgorithms (MD5, SHA-256), lower case
 */
public record Capabilities(
    Boolean usernameToken,
    Boolean httpDigest,
    Integer maxUsers,
    Integer maxUserNameLength,
    Integer maxPasswordLength,
    Set<String> securityPolicies,
    Boolean userConfigNotSupported,
    Set<String> hashingAlgorithms) {

  /** Nothing known. */
  public static final Capabilities UNKNOWN =
      new Capabilities(null, null, null, null, null, Set.of(), null, Set.of());

  /** Copies the sets. */
  public Capabilities {
    securityPolicies = Set.copyOf(securityPolicies);
    hashingAlgorithms = Set.copyOf(hashingAlgorithms);
  }

  /**
   * Reads a {@code tds:Capabilities} element (from GetServiceCapabilities or GetServices).
   *
   * @param caps the element holding Network/Security/System children
   * @return the capabilities
   */
  public static Capabilities from(XmlElement caps) {
    XmlElement sec = caps.find("Security");
    XmlElement sys = caps.find("System");
    return new Capabilities(
        bool(sec, "UsernameToken"),
        bool(sec, "HttpDigest"),
        integer(sec, "MaxUsers"),
        integer(sec, "MaxUserNameLength"),
        integer(sec, "MaxPasswordLength"),
        list(sec, "SecurityPolicies", false),
        bool(sys, "UserConfigNotSupported"),
        list(sec, "HashingAlgorithms", true));
  }

  /**
   * Whether the device says it supports ModifyPassword (a user may change their own password).
   *
   * @return true if advertised
   */
  public boolean modifyPassword() {
    return securityPolicies.contains("ModifyPassword");
  }

  private static Boolean bool(XmlElement e, String attr) {
    String v = e == null ? null : e.attributeOrNull(attr);
    if (v == null) {
      return null;
    }
    v = v.trim().toLowerCase(Locale.ROOT);
    return "true".equals(v) || "1".equals(v);
  }

  private static Integer integer(XmlElement e, String attr) {
    String v = e == null ? null : e.attributeOrNull(attr);
    if (v == null) {
      return null;
    }
    try {
      return Integer.valueOf(v.trim());
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  /** A list attribute: items separated by white space or commas. */
  private static Set<String> list(XmlElement e, String attr, boolean lower) {
    String v = e == null ? null : e.attributeOrNull(attr);
    if (v == null) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    int start = -1;
    for (int i = 0; i <= v.length(); i++) {
      boolean sep = i == v.length() || v.charAt(i) == ',' || Character.isWhitespace(v.charAt(i));
      if (!sep && start < 0) {
        start = i;
      } else if (sep && start >= 0) {
        String item = v.substring(start, i);
        out.add(lower ? item.toLowerCase(Locale.ROOT) : item);
        start = -1;
      }
    }
    return out;
  }
}
