package io.nvrkit.onvif.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

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
    XmlElement sec = caps.childAnyNs("Security").orElse(null);
    XmlElement sys = caps.childAnyNs("System").orElse(null);
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
    if (e == null) {
      return null;
    }
    return e.attribute(attr)
        .map(v -> v.trim().toLowerCase(Locale.ROOT))
        .map(v -> "true".equals(v) || "1".equals(v))
        .orElse(null);
  }

  private static Integer integer(XmlElement e, String attr) {
    if (e == null) {
      return null;
    }
    try {
      return e.attribute(attr).map(v -> Integer.valueOf(v.trim())).orElse(null);
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  private static Set<String> list(XmlElement e, String attr, boolean lower) {
    if (e == null) {
      return Set.of();
    }
    return e.attribute(attr)
        .map(
            v ->
                Arrays.stream(v.trim().split("[\\s,]+"))
                    .filter(s -> !s.isEmpty())
                    .map(s -> lower ? s.toLowerCase(Locale.ROOT) : s)
                    .collect(Collectors.toSet()))
        .orElse(Set.of());
  }
}
