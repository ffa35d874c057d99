package io.nvrkit.testkit.internal.onvif;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the fake ONVIF device behaves. Defaults (see {@link #defaults()}):
 *
 * <ul>
 *   <li>WS-UsernameToken (PasswordDigest) <b>and</b> HTTP Digest (MD5 then SHA-256 challenge, both
 *       accepted) enabled — the usual profile of current firmware; {@code PasswordText} refused
 *       (CORE: "reject any Username Token not using both nonce and creation timestamps").
 *   <li>Created window ±300 s against the device clock; the nonce replay cache holds a nonce for
 *       twice the window.
 *   <li>HTTP Digest nonces live 300 s of device time, then a request with one gets {@code
 *       stale=true}.
 *   <li>MaxUsers 16, MaxUserNameLength 32, MaxPasswordLength 32, SecurityPolicies {@code
 *       ModifyPassword} (a non-admin user may change their own password with SetUser).
 *   <li>PRE_AUTH operations answer without credentials (and ignore a bad token); {@code
 *       preAuthNeedsAuth} reproduces devices (Vivotek, Panasonic) that demand auth even for
 *       GetSystemDateAndTime.
 * </ul>
 *
 * @param usernameToken whether WS-UsernameToken is accepted (capability {@code UsernameToken})
 * @param httpDigest whether HTTP Digest is accepted and challenged (capability {@code HttpDigest})
 * @param digestAlgorithms HTTP Digest algorithms, in challenge order ({@code MD5}, {@code SHA-256})
 * @param passwordText whether {@code #PasswordText} tokens are accepted
 * @param createdWindow allowed |Created − device now|
 * @param digestNonceLifetime lifetime of an HTTP Digest server nonce (device time)
 * @param maxUsers capability MaxUsers (total accounts)
 * @param maxUserNameLength capability MaxUserNameLength
 * @param maxPasswordLength capability MaxPasswordLength
 * @param modifyPassword whether SecurityPolicies contains ModifyPassword
 * @param preAuthNeedsAuth whether PRE_AUTH operations require authentication too
 * @param realm the HTTP Digest realm
 */
public record OnvifSettings(
    boolean usernameToken,
    boolean httpDigest,
    List<String> digestAlgorithms,
    boolean passwordText,
    Duration createdWindow,
    Duration digestNonceLifetime,
    int maxUsers,
    int maxUserNameLength,
    int maxPasswordLength,
    boolean modifyPassword,
    boolean preAuthNeedsAuth,
    String realm) {

  public OnvifSettings {
    Objects.requireNonNull(digestAlgorithms);
    Objects.requireNonNull(createdWindow);
    Objects.requireNonNull(digestNonceLifetime);
    Objects.requireNonNull(realm);
    digestAlgorithms = List.copyOf(digestAlgorithms);
    for (String a : digestAlgorithms) {
      if (!a.equals("MD5") && !a.equals("SHA-256")) {
        throw new IllegalArgumentException("unsupported digest algorithm: " + a);
      }
    }
    if (!usernameToken && !httpDigest) {
      throw new IllegalArgumentException("enable WS-UsernameToken, HTTP Digest or both");
    }
    if (httpDigest && digestAlgorithms.isEmpty()) {
      throw new IllegalArgumentException("HTTP Digest needs at least one algorithm");
    }
  }

  public static OnvifSettings defaults() {
    return new OnvifSettings(
        true,
        true,
        List.of("MD5", "SHA-256"),
        false,
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        16,
        32,
        32,
        true,
        false,
        "ONVIF");
  }

  /** WS-UsernameToken only (legacy devices: no 401 challenges, 400 NotAuthorized faults). */
  public OnvifSettings usernameTokenOnly() {
    return withAuth(true, false);
  }

  /** HTTP Digest only (e.g. Hikvision set to "Digest", INSTAR): WS tokens are ignored. */
  public OnvifSettings digestOnly() {
    return withAuth(false, true);
  }

  public OnvifSettings withAuth(boolean ut, boolean digest) {
    return new OnvifSettings(
        ut,
        digest,
        digestAlgorithms,
        passwordText,
        createdWindow,
        digestNonceLifetime,
        maxUsers,
        maxUserNameLength,
        maxPasswordLength,
        modifyPassword,
        preAuthNeedsAuth,
        realm);
  }

  public OnvifSettings withDigestAlgorithms(List<String> algorithms) {
    return new OnvifSettings(
        usernameToken,
        httpDigest,
        algorithms,
        passwordText,
        createdWindow,
        digestNonceLifetime,
        maxUsers,
        maxUserNameLength,
        maxPasswordLength,
        modifyPassword,
        preAuthNeedsAuth,
        realm);
  }

  public OnvifSettings withPasswordText(boolean allowed) {
    return new OnvifSettings(
        usernameToken,
        httpDigest,
        digestAlgorithms,
        allowed,
        createdWindow,
        digestNonceLifetime,
        maxUsers,
        maxUserNameLength,
        maxPasswordLength,
        modifyPassword,
        preAuthNeedsAuth,
        realm);
  }

  public OnvifSettings withCreatedWindow(Duration window) {
    return new OnvifSettings(
        usernameToken,
        httpDigest,
        digestAlgorithms,
        passwordText,
        window,
        digestNonceLifetime,
        maxUsers,
        maxUserNameLength,
        maxPasswordLength,
        modifyPassword,
        preAuthNeedsAuth,
        realm);
  }

  public OnvifSettings withLimits(int users, int nameLength, int passwordLength) {
    return new OnvifSettings(
        usernameToken,
        httpDigest,
        digestAlgorithms,
        passwordText,
        createdWindow,
        digestNonceLifetime,
        users,
        nameLength,
        passwordLength,
        modifyPassword,
        preAuthNeedsAuth,
        realm);
  }

  public OnvifSettings withPreAuthNeedsAuth(boolean needsAuth) {
    return new OnvifSettings(
        usernameToken,
        httpDigest,
        digestAlgorithms,
        passwordText,
        createdWindow,
        digestNonceLifetime,
        maxUsers,
        maxUserNameLength,
        maxPasswordLength,
        modifyPassword,
        needsAuth,
        realm);
  }

  public OnvifSettings withRealm(String newRealm) {
    return new OnvifSettings(
        usernameToken,
        httpDigest,
        digestAlgorithms,
        passwordText,
        createdWindow,
        digestNonceLifetime,
        maxUsers,
        maxUserNameLength,
        maxPasswordLength,
        modifyPassword,
        preAuthNeedsAuth,
        newRealm);
  }
}
