package io.nvrkit.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The variations of ONVIF firmware a fake ONVIF device reproduces: which authentication it accepts,
 * how strictly it checks WS-UsernameToken, its user-management limits and its WS-Discovery
 * responder.
 *
 * <pre>{@code
 * try (FakeNvr nvr = FakeNvr.onvif()
 *         .onvifProfile(OnvifProfile.builder()
 *             .authentication(OnvifProfile.Authentication.HTTP_DIGEST)   // a Digest-only camera
 *             .createdWindow(Duration.ofSeconds(5))
 *             .build())
 *         .start()) { ... }
 * }</pre>
 *
 * <p>Defaults ({@link #defaults()}): WS-UsernameToken and HTTP Digest (MD5, SHA-256) both accepted,
 * PasswordText refused, Created window ±5 minutes of the device clock, Digest nonces valid 5
 * minutes, MaxUsers 16, MaxUserNameLength 31, MaxPasswordLength = the device's password rules'
 * maximum, SecurityPolicies {@code ModifyPassword}, PRE_AUTH operations open, Digest realm {@code
 * Login to <serial>} (as Dahua-family firmware), WS-Discovery answering probes on a loopback UDP
 * port and on 239.255.255.250:3702 joined on the loopback interface, with up to 500 ms random
 * delay.
 *
 * <p>The standalone launcher takes the same settings as {@code --option onvif.NAME=VALUE}; the
 * names are listed in the testkit's ONVIF personality document.
 *
 * <p>Immutable and thread-safe.
 */
public final class OnvifProfile {
  /** Which authentication mechanisms the device accepts. */
  public enum Authentication {
    /** Legacy: WS-UsernameToken only; no 401 challenges, failures are HTTP 400 SOAP faults. */
    USERNAME_TOKEN,
    /** HTTP Digest only (e.g. a Hikvision set to "Digest"); WS tokens are ignored. */
    HTTP_DIGEST,
    /** Both, as current firmware; a request without credentials gets a 401 challenge. */
    BOTH
  }

  /** How the WS-Discovery responder listens. */
  public enum Discovery {
    /** No responder. */
    OFF,
    /**
     * A UDP socket on the fake's loopback address, ephemeral port ({@link
     * FakeNvr#discoveryAddress()}).
     */
    UNICAST,
    /**
     * Unicast as above, and also 239.255.255.250:3702 joined on the loopback interface (where the
     * host allows multicast on loopback).
     */
    MULTICAST
  }

  private final Authentication authentication;
  private final List<String> digestAlgorithms;
  private final boolean passwordText;
  private final Duration createdWindow;
  private final Duration digestNonceLifetime;
  private final int maxUsers;
  private final int maxUserNameLength;
  private final int maxPasswordLength;
  private final boolean modifyPassword;
  private final boolean preAuthNeedsAuth;
  private final String realm;
  private final Discovery discovery;
  private final Duration discoveryMaxDelay;

  private OnvifProfile(Builder b) {
    this.authentication = b.authentication;
    this.digestAlgorithms = b.digestAlgorithms;
    this.passwordText = b.passwordText;
    this.createdWindow = b.createdWindow;
    this.digestNonceLifetime = b.digestNonceLifetime;
    this.maxUsers = b.maxUsers;
    this.maxUserNameLength = b.maxUserNameLength;
    this.maxPasswordLength = b.maxPasswordLength;
    this.modifyPassword = b.modifyPassword;
    this.preAuthNeedsAuth = b.preAuthNeedsAuth;
    this.realm = b.realm;
    this.discovery = b.discovery;
    this.discoveryMaxDelay = b.discoveryMaxDelay;
  }

  /**
   * The defaults described above.
   *
   * @return the default profile
   */
  public static OnvifProfile defaults() {
    return builder().build();
  }

  /**
   * A builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this profile's settings.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.authentication = authentication;
    b.digestAlgorithms = digestAlgorithms;
    b.passwordText = passwordText;
    b.createdWindow = createdWindow;
    b.digestNonceLifetime = digestNonceLifetime;
    b.maxUsers = maxUsers;
    b.maxUserNameLength = maxUserNameLength;
    b.maxPasswordLength = maxPasswordLength;
    b.modifyPassword = modifyPassword;
    b.preAuthNeedsAuth = preAuthNeedsAuth;
    b.realm = realm;
    b.discovery = discovery;
    b.discoveryMaxDelay = discoveryMaxDelay;
    return b;
  }

  /**
   * Which authentication the device accepts.
   *
   * @return the mechanisms
   */
  public Authentication authentication() {
    return authentication;
  }

  /**
   * The HTTP Digest algorithms, in challenge order.
   *
   * @return {@code MD5} and/or {@code SHA-256}, unmodifiable
   */
  public List<String> digestAlgorithms() {
    return digestAlgorithms;
  }

  /**
   * Whether {@code #PasswordText} UsernameTokens are accepted.
   *
   * @return true if accepted
   */
  public boolean passwordText() {
    return passwordText;
  }

  /**
   * How far a token's {@code wsu:Created} may be from the device clock, either way.
   *
   * @return the tolerance
   */
  public Duration createdWindow() {
    return createdWindow;
  }

  /**
   * How long an HTTP Digest server nonce is valid, in device time.
   *
   * @return the lifetime
   */
  public Duration digestNonceLifetime() {
    return digestNonceLifetime;
  }

  /**
   * The capability MaxUsers.
   *
   * @return the maximum number of accounts
   */
  public int maxUsers() {
    return maxUsers;
  }

  /**
   * The capability MaxUserNameLength.
   *
   * @return the maximum length
   */
  public int maxUserNameLength() {
    return maxUserNameLength;
  }

  /**
   * The capability MaxPasswordLength, if set.
   *
   * @return the maximum length; empty when it is the maximum of the device's password rules
   */
  public OptionalInt maxPasswordLength() {
    return maxPasswordLength == 0 ? OptionalInt.empty() : OptionalInt.of(maxPasswordLength);
  }

  /**
   * Whether SecurityPolicies contains {@code ModifyPassword}.
   *
   * @return true if a non-administrator may change their own password
   */
  public boolean modifyPassword() {
    return modifyPassword;
  }

  /**
   * Whether PRE_AUTH operations demand credentials too.
   *
   * @return true if they do
   */
  public boolean preAuthNeedsAuth() {
    return preAuthNeedsAuth;
  }

  /**
   * The HTTP Digest realm, if set.
   *
   * @return the realm; empty for the default {@code Login to <serial>}
   */
  public Optional<String> realm() {
    return Optional.ofNullable(realm);
  }

  /**
   * The WS-Discovery responder's mode.
   *
   * @return the mode
   */
  public Discovery discovery() {
    return discovery;
  }

  /**
   * The largest random delay before a ProbeMatches.
   *
   * @return the delay, zero or positive
   */
  public Duration discoveryMaxDelay() {
    return discoveryMaxDelay;
  }

  /** The settings, for diagnostics (nothing secret). */
  @Override
  public String toString() {
    return "OnvifProfile[authentication="
        + authentication
        + ", digestAlgorithms="
        + digestAlgorithms
        + ", passwordText="
        + passwordText
        + ", createdWindow="
        + createdWindow
        + ", digestNonceLifetime="
        + digestNonceLifetime
        + ", maxUsers="
        + maxUsers
        + ", maxUserNameLength="
        + maxUserNameLength
        + ", maxPasswordLength="
        + (maxPasswordLength == 0 ? "rules" : Integer.toString(maxPasswordLength))
        + ", modifyPassword="
        + modifyPassword
        + ", preAuthNeedsAuth="
        + preAuthNeedsAuth
        + ", realm="
        + (realm == null ? "default" : realm)
        + ", discovery="
        + discovery
        + ", discoveryMaxDelay="
        + discoveryMaxDelay
        + "]";
  }

  /** Builds an {@link OnvifProfile}. Not thread-safe. */
  public static final class Builder {
    private Authentication authentication = Authentication.BOTH;
    private List<String> digestAlgorithms = List.of("MD5", "SHA-256");
    private boolean passwordText;
    private Duration createdWindow = Duration.ofMinutes(5);
    private Duration digestNonceLifetime = Duration.ofMinutes(5);
    private int maxUsers = 16;
    private int maxUserNameLength = 31;
    private int maxPasswordLength;
    private boolean modifyPassword = true;
    private boolean preAuthNeedsAuth;
    private String realm;
    private Discovery discovery = Discovery.MULTICAST;
    private Duration discoveryMaxDelay = Duration.ofMillis(500);

    private Builder() {}

    /**
     * Which authentication the device accepts. Default {@link Authentication#BOTH}.
     *
     * @param mechanisms the mechanisms
     * @return this builder
     */
    public Builder authentication(Authentication mechanisms) {
      this.authentication = Objects.requireNonNull(mechanisms, "mechanisms");
      return this;
    }

    /**
     * HTTP Digest algorithms in challenge order, {@code MD5} and/or {@code SHA-256}. Default MD5,
     * SHA-256.
     *
     * @param algorithms the algorithms
     * @return this builder
     * @throws IllegalArgumentException if empty or unknown
     */
    public Builder digestAlgorithms(List<String> algorithms) {
      if (algorithms.isEmpty()) {
        throw new IllegalArgumentException("at least one algorithm");
      }
      for (String a : algorithms) {
        if (!a.equals("MD5") && !a.equals("SHA-256")) {
          throw new IllegalArgumentException("unsupported digest algorithm: " + a);
        }
      }
      this.digestAlgorithms = List.copyOf(algorithms);
      return this;
    }

    /**
     * Whether {@code #PasswordText} UsernameTokens are accepted. Default false, as CORE requires.
     *
     * @param allowed whether to accept them
     * @return this builder
     */
    public Builder passwordText(boolean allowed) {
      this.passwordText = allowed;
      return this;
    }

    /**
     * How far a token's {@code wsu:Created} may be from the device clock, either way, in whole
     * seconds. Default 5 minutes; real devices use 5 s to 5 min.
     *
     * @param window the tolerance, at least one second
     * @return this builder
     * @throws IllegalArgumentException if less than one second
     */
    public Builder createdWindow(Duration window) {
      this.createdWindow = wholeSeconds(window);
      return this;
    }

    /**
     * How long an HTTP Digest server nonce is valid, in device time, in whole seconds. Default 5
     * minutes.
     *
     * @param lifetime the lifetime, at least one second
     * @return this builder
     * @throws IllegalArgumentException if less than one second
     */
    public Builder digestNonceLifetime(Duration lifetime) {
      this.digestNonceLifetime = wholeSeconds(lifetime);
      return this;
    }

    /**
     * The capability MaxUsers, enforced by CreateUsers. Default 16.
     *
     * @param count the maximum number of accounts
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxUsers(int count) {
      this.maxUsers = atLeastOne(count);
      return this;
    }

    /**
     * The capability MaxUserNameLength. Default 31, the limit of the fake's account store.
     *
     * @param length the maximum length
     * @return this builder
     * @throws IllegalArgumentException if not 1 to 31
     */
    public Builder maxUserNameLength(int length) {
      if (length > 31) {
        throw new IllegalArgumentException("the fake stores user names of at most 31 characters");
      }
      this.maxUserNameLength = atLeastOne(length);
      return this;
    }

    /**
     * The capability MaxPasswordLength; the fake refuses to start if it exceeds the maximum of the
     * device's password rules. Default: that maximum.
     *
     * @param length the maximum length
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxPasswordLength(int length) {
      this.maxPasswordLength = atLeastOne(length);
      return this;
    }

    /**
     * Whether SecurityPolicies contains {@code ModifyPassword}, letting a non-administrator change
     * their own password with SetUser. Default true.
     *
     * @param on whether the policy applies
     * @return this builder
     */
    public Builder modifyPassword(boolean on) {
      this.modifyPassword = on;
      return this;
    }

    /**
     * Whether even PRE_AUTH operations (GetSystemDateAndTime, GetServices…) demand credentials, as
     * some Vivotek and Panasonic devices do. Default false.
     *
     * @param on whether to demand credentials
     * @return this builder
     */
    public Builder preAuthNeedsAuth(boolean on) {
      this.preAuthNeedsAuth = on;
      return this;
    }

    /**
     * The HTTP Digest realm. Default {@code Login to <serial>}.
     *
     * @param realm the realm, printable ASCII without quotes
     * @return this builder
     * @throws IllegalArgumentException if it contains a quote, backslash or control character
     */
    public Builder realm(String realm) {
      if (!Objects.requireNonNull(realm, "realm").matches("[ -~&&[^\"\\\\]]+")) {
        throw new IllegalArgumentException("realm must be printable ASCII without quotes");
      }
      this.realm = realm;
      return this;
    }

    /**
     * The WS-Discovery responder. Default {@link Discovery#MULTICAST} (which falls back to unicast
     * only where the host refuses multicast on loopback).
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder discovery(Discovery mode) {
      this.discovery = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The largest random delay before a ProbeMatches, in whole milliseconds. Default 500 ms
     * (WS-Discovery APP_MAX_DELAY); zero answers at once.
     *
     * @param max the maximum delay, zero or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder discoveryMaxDelay(Duration max) {
      if (max.isNegative()) {
        throw new IllegalArgumentException("negative delay");
      }
      this.discoveryMaxDelay = Duration.ofMillis(max.toMillis());
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     */
    public OnvifProfile build() {
      return new OnvifProfile(this);
    }

    private static Duration wholeSeconds(Duration d) {
      if (d.getSeconds() < 1) {
        throw new IllegalArgumentException("must be at least one second");
      }
      return Duration.ofSeconds(d.getSeconds());
    }

    private static int atLeastOne(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("must be at least 1");
      }
      return n;
    }
  }
}
