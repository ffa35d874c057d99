package io.nvrkit.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

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
 * <p>Every setting is also reachable as a string option ({@link FakeNvr.Builder#option}); the names
 * are listed at each builder method (the standalone launcher uses them).
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

  private final Map<String, String> options;

  private OnvifProfile(Map<String, String> options) {
    this.options = Map.copyOf(options);
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

  /** The settings as {@code onvif.*} options. */
  Map<String, String> asOptions() {
    return options;
  }

  /** The options, for diagnostics (nothing secret). */
  @Override
  public String toString() {
    return "OnvifProfile" + options;
  }

  /** Builds an {@link OnvifProfile}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> o = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Which authentication the device accepts (option {@code onvif.auth} = {@code both}, {@code
     * usernameToken}, {@code digest}). Default {@link Authentication#BOTH}.
     *
     * @param a the mechanisms
     * @return this builder
     */
    public Builder authentication(Authentication a) {
      Objects.requireNonNull(a, "a");
      o.put(
          "onvif.auth",
          a == Authentication.BOTH
              ? "both"
              : a == Authentication.USERNAME_TOKEN ? "usernameToken" : "digest");
      return this;
    }

    /**
     * HTTP Digest algorithms in challenge order, {@code MD5} and/or {@code SHA-256} (option {@code
     * onvif.digestAlgorithms}, comma-separated). Default MD5, SHA-256.
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
      o.put("onvif.digestAlgorithms", String.join(",", algorithms));
      return this;
    }

    /**
     * Whether {@code #PasswordText} UsernameTokens are accepted (option {@code
     * onvif.passwordText}). Default false, as CORE requires.
     *
     * @param allowed whether to accept them
     * @return this builder
     */
    public Builder passwordText(boolean allowed) {
      o.put("onvif.passwordText", Boolean.toString(allowed));
      return this;
    }

    /**
     * How far a token's {@code wsu:Created} may be from the device clock, either way (option {@code
     * onvif.createdWindowSeconds}). Default 5 minutes; real devices use 5 s to 5 min.
     *
     * @param window the tolerance, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder createdWindow(Duration window) {
      o.put("onvif.createdWindowSeconds", Long.toString(positive(window).getSeconds()));
      return this;
    }

    /**
     * How long an HTTP Digest server nonce is valid, in device time (option {@code
     * onvif.digestNonceSeconds}). Default 5 minutes.
     *
     * @param lifetime the lifetime, positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder digestNonceLifetime(Duration lifetime) {
      o.put("onvif.digestNonceSeconds", Long.toString(positive(lifetime).getSeconds()));
      return this;
    }

    /**
     * The capability MaxUsers, enforced by CreateUsers (option {@code onvif.maxUsers}). Default 16.
     *
     * @param n the maximum number of accounts
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxUsers(int n) {
      o.put("onvif.maxUsers", Integer.toString(atLeastOne(n)));
      return this;
    }

    /**
     * The capability MaxUserNameLength (option {@code onvif.maxUserNameLength}). Default 31, the
     * limit of the fake's account store.
     *
     * @param n the maximum length
     * @return this builder
     * @throws IllegalArgumentException if not 1 to 31
     */
    public Builder maxUserNameLength(int n) {
      if (n > 31) {
        throw new IllegalArgumentException("the fake stores user names of at most 31 characters");
      }
      o.put("onvif.maxUserNameLength", Integer.toString(atLeastOne(n)));
      return this;
    }

    /**
     * The capability MaxPasswordLength (option {@code onvif.maxPasswordLength}). Default: the
     * maximum of the device's password rules.
     *
     * @param n the maximum length
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxPasswordLength(int n) {
      o.put("onvif.maxPasswordLength", Integer.toString(atLeastOne(n)));
      return this;
    }

    /**
     * Whether SecurityPolicies contains {@code ModifyPassword}, letting a non-administrator change
     * their own password with SetUser (option {@code onvif.modifyPassword}). Default true.
     *
     * @param on whether the policy applies
     * @return this builder
     */
    public Builder modifyPassword(boolean on) {
      o.put("onvif.modifyPassword", Boolean.toString(on));
      return this;
    }

    /**
     * Whether even PRE_AUTH operations (GetSystemDateAndTime, GetServices…) demand credentials, as
     * some Vivotek and Panasonic devices do (option {@code onvif.preAuthNeedsAuth}). Default false.
     *
     * @param on whether to demand credentials
     * @return this builder
     */
    public Builder preAuthNeedsAuth(boolean on) {
      o.put("onvif.preAuthNeedsAuth", Boolean.toString(on));
      return this;
    }

    /**
     * The HTTP Digest realm (option {@code onvif.realm}). Default {@code Login to <serial>}.
     *
     * @param realm the realm, printable ASCII without quotes
     * @return this builder
     * @throws IllegalArgumentException if it contains a quote, backslash or control character
     */
    public Builder realm(String realm) {
      if (!realm.matches("[ -~&&[^\"\\\\]]+")) {
        throw new IllegalArgumentException("realm must be printable ASCII without quotes");
      }
      o.put("onvif.realm", realm);
      return this;
    }

    /**
     * The WS-Discovery responder (option {@code onvif.discovery} = {@code off}, {@code unicast},
     * {@code multicast}). Default {@link Discovery#MULTICAST} (which falls back to unicast only
     * where the host refuses multicast on loopback).
     *
     * @param d the mode
     * @return this builder
     */
    public Builder discovery(Discovery d) {
      o.put("onvif.discovery", d.name().toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * The largest random delay before a ProbeMatches (option {@code
     * onvif.discoveryMaxDelayMillis}). Default 500 ms (WS-Discovery APP_MAX_DELAY); zero answers at
     * once.
     *
     * @param max the maximum delay, zero or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder discoveryMaxDelay(Duration max) {
      if (max.isNegative()) {
        throw new IllegalArgumentException("negative delay");
      }
      o.put("onvif.discoveryMaxDelayMillis", Long.toString(max.toMillis()));
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     */
    public OnvifProfile build() {
      return new OnvifProfile(o);
    }

    private static Duration positive(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("must be positive");
      }
      return d;
    }

    private static int atLeastOne(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("must be at least 1");
      }
      return n;
    }
  }
}
