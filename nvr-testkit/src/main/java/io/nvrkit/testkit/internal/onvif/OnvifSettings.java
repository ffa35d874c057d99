package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.testkit.OnvifProfile;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the fake ONVIF device behaves (the internal form of {@code OnvifProfile}). Defaults (see
 * {@link #defaults()}):
 *
 * <ul>
 *   <li>WS-UsernameToken (PasswordDigest) <b>and</b> HTTP Digest (MD5 then SHA-256 challenge, both
 *       accepted) enabled — the usual profile of current firmware; {@code PasswordText} refused
 *       (CORE: "reject any Username Token not using both nonce and creation timestamps").
 *   <li>Created window ±300 s against the device clock; the nonce replay cache holds a nonce for
 *       twice the window.
 *   <li>HTTP Digest nonces live 300 s of device time, then a request with one gets {@code
 *       stale=true}.
 *   <li>MaxUsers 16, MaxUserNameLength 31, MaxPasswordLength 32, SecurityPolicies {@code
 *       ModifyPassword} (a non-admin user may change their own password with SetUser).
 *   <li>PRE_AUTH operations answer without credentials (and ignore a bad token); {@code
 *       preAuthNeedsAuth} reproduces devices (Vivotek, Panasonic) that demand auth even for
 *       GetSystemDateAndTime.
 *   <li>WS-Discovery: unicast port on loopback and 239.255.255.250:3702 joined on the loopback
 *       interface, replies delayed up to 500 ms.
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
 * @param discovery {@code off}, {@code unicast} or {@code multicast}
 * @param discoveryMaxDelay largest random delay before a ProbeMatches
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
    String realm,
    String discovery,
    Duration discoveryMaxDelay) {

  /** Validates the settings. */
  public OnvifSettings {
    Objects.requireNonNull(digestAlgorithms);
    Objects.requireNonNull(createdWindow);
    Objects.requireNonNull(digestNonceLifetime);
    Objects.requireNonNull(realm);
    Objects.requireNonNull(discovery);
    Objects.requireNonNull(discoveryMaxDelay);
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
    if (!List.of("off", "unicast", "multicast").contains(discovery)) {
      throw new IllegalArgumentException("discovery must be off, unicast or multicast");
    }
    if (maxUsers < 1 || maxUserNameLength < 1 || maxPasswordLength < 1) {
      throw new IllegalArgumentException("limits must be at least 1");
    }
  }

  /**
   * The default profile for a unit test of the personality: MaxPasswordLength 32, realm {@code
   * ONVIF}.
   *
   * @return the settings
   */
  public static OnvifSettings defaults() {
    return of(OnvifProfile.defaults());
  }

  /**
   * A profile for a unit test of the personality: MaxPasswordLength at most 32, realm {@code ONVIF}
   * unless the profile sets one.
   *
   * @param profile the profile
   * @return the settings
   */
  public static OnvifSettings of(OnvifProfile profile) {
    return of(
        profile.realm().isPresent() ? profile : profile.toBuilder().realm("ONVIF").build(), 32, "");
  }

  /**
   * The settings of a typed profile.
   *
   * @param profile the profile
   * @param rulesMaxLength the device's password rules' maximum length (default MaxPasswordLength)
   * @param serial the serial number (default realm {@code Login to <serial>})
   * @return the settings
   * @throws IllegalArgumentException if MaxPasswordLength exceeds the password rules' maximum
   */
  public static OnvifSettings of(OnvifProfile profile, int rulesMaxLength, String serial) {
    OnvifProfile.Authentication auth = profile.authentication();
    int maxPasswordLength = profile.maxPasswordLength().orElse(rulesMaxLength);
    if (maxPasswordLength > rulesMaxLength) {
      throw new IllegalArgumentException(
          "the ONVIF profile's maxPasswordLength exceeds the device's password rules ("
              + rulesMaxLength
              + ")");
    }
    return new OnvifSettings(
        auth != OnvifProfile.Authentication.HTTP_DIGEST,
        auth != OnvifProfile.Authentication.USERNAME_TOKEN,
        profile.digestAlgorithms(),
        profile.passwordText(),
        profile.createdWindow(),
        profile.digestNonceLifetime(),
        profile.maxUsers(),
        profile.maxUserNameLength(),
        maxPasswordLength,
        profile.modifyPassword(),
        profile.preAuthNeedsAuth(),
        profile.realm().orElse("Login to " + serial),
        profile.discovery().name().toLowerCase(Locale.ROOT),
        profile.discoveryMaxDelay());
  }
}
