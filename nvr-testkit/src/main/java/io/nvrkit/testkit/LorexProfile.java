package io.nvrkit.testkit;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Firmware variations of the Lorex (Dahua-family) personality that a client must tolerate: which
 * HTTP authentication the CGI accepts, how a missing endpoint answers, whether the time is
 * zero-padded, whether the RPC session is a number or a string, and the {@code audio.cgi} reboot
 * quirk.
 *
 * <pre>{@code
 * FakeNvr nvr = FakeNvr.lorex()
 *     .lorexProfile(LorexProfile.builder()
 *         .missingEndpoint(LorexProfile.MissingEndpoint.INVALID_SESSION_200)
 *         .unsupported("getCurrentTime")
 *         .build())
 *     .start();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LorexProfile {
  private final CgiAuth cgiAuth;
  private final MissingEndpoint missingEndpoint;
  private final Set<String> unsupported;
  private final boolean paddedTime;
  private final boolean stringSession;
  private final boolean audioCgiReboots;

  private LorexProfile(Builder b) {
    this.cgiAuth = b.cgiAuth;
    this.missingEndpoint = b.missingEndpoint;
    this.unsupported = Set.copyOf(b.unsupported);
    this.paddedTime = b.paddedTime;
    this.stringSession = b.stringSession;
    this.audioCgiReboots = b.audioCgiReboots;
  }

  /**
   * Current firmware: Digest only, {@code 400 Error\r\nBad Request!} for unknown actions,
   * non-padded time, integer sessions, no quirks.
   *
   * @return the default profile
   */
  public static LorexProfile defaults() {
    return builder().build();
  }

  /**
   * A builder starting from {@link #defaults()}.
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
    b.cgiAuth = cgiAuth;
    b.missingEndpoint = missingEndpoint;
    b.unsupported.addAll(unsupported);
    b.paddedTime = paddedTime;
    b.stringSession = stringSession;
    b.audioCgiReboots = audioCgiReboots;
    return b;
  }

  /**
   * Which HTTP authentication the CGI accepts.
   *
   * @return the scheme setting
   */
  public CgiAuth cgiAuth() {
    return cgiAuth;
  }

  /**
   * How an unknown action or an unsupported operation answers.
   *
   * @return the answer style
   */
  public MissingEndpoint missingEndpoint() {
    return missingEndpoint;
  }

  /**
   * CGI actions (e.g. {@code getCurrentTime}) this firmware lacks; answered per {@link
   * #missingEndpoint()}.
   *
   * @return the action names
   */
  public Set<String> unsupported() {
    return unsupported;
  }

  /**
   * Whether {@code getCurrentTime} zero-pads its fields ({@code 2026-01-05 09:03:07}) instead of
   * the firmware's usual {@code 2026-1-5 9:3:7}.
   *
   * @return true for padded
   */
  public boolean paddedTime() {
    return paddedTime;
  }

  /**
   * Whether the RPC {@code session} is a string (some firmware) rather than a number.
   *
   * @return true for a string session
   */
  public boolean stringSession() {
    return stringSession;
  }

  /**
   * Whether a {@code GET /cgi-bin/audio.cgi} "reboots" the device (connection reset, then every
   * connection reset for 105 seconds of device time), as a Lorex E891AB does.
   *
   * @return true if the quirk is on
   */
  public boolean audioCgiReboots() {
    return audioCgiReboots;
  }

  @Override
  public String toString() {
    return "LorexProfile[auth="
        + cgiAuth
        + ", missing="
        + missingEndpoint
        + ", unsupported="
        + unsupported
        + ", paddedTime="
        + paddedTime
        + ", stringSession="
        + stringSession
        + ", audioCgiReboots="
        + audioCgiReboots
        + "]";
  }

  /** Which HTTP authentication schemes the CGI accepts. */
  public enum CgiAuth {
    /** Digest MD5 only, {@code qop=auth} (current firmware; the default). */
    DIGEST,
    /** Digest is challenged, Basic is accepted as well (a 2021 v4 NVR). */
    DIGEST_OR_BASIC,
    /** Only {@code Basic realm="Device_CGI"} (2014-era firmware). */
    BASIC_ONLY
  }

  /** How the firmware answers an unknown action or a missing endpoint. */
  public enum MissingEndpoint {
    /** {@code 400} with {@code Error\r\nBad Request!\r\n} (older firmware; the default). */
    BAD_REQUEST_400,
    /** {@code 501} with {@code Error\r\nNot Implemented!} (2024 firmware). */
    NOT_IMPLEMENTED_501,
    /** {@code 200} with {@code Error\r\nBad Request!\r\n} (some firmware). */
    ERROR_200,
    /**
     * {@code 200} with the JSON {@code {"error":{"code":287637505,"message":"Invalid session in
     * request data!"},"result":false}} (an Amcrest seen answering a CGI this way).
     */
    INVALID_SESSION_200
  }

  /** Builds a {@link LorexProfile}. Not thread-safe. */
  public static final class Builder {
    private CgiAuth cgiAuth = CgiAuth.DIGEST;
    private MissingEndpoint missingEndpoint = MissingEndpoint.BAD_REQUEST_400;
    private final Set<String> unsupported = new TreeSet<>();
    private boolean paddedTime;
    private boolean stringSession;
    private boolean audioCgiReboots;

    private Builder() {}

    /**
     * Which HTTP authentication the CGI accepts. Default {@link CgiAuth#DIGEST}.
     *
     * @param auth the setting
     * @return this builder
     */
    public Builder cgiAuth(CgiAuth auth) {
      this.cgiAuth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * How an unknown action answers. Default {@link MissingEndpoint#BAD_REQUEST_400}.
     *
     * @param style the answer style
     * @return this builder
     */
    public Builder missingEndpoint(MissingEndpoint style) {
      this.missingEndpoint = Objects.requireNonNull(style, "style");
      return this;
    }

    /**
     * Marks CGI actions as missing from this firmware. Default none.
     *
     * @param actions action names such as {@code getCurrentTime}, {@code getVendor}
     * @return this builder
     */
    public Builder unsupported(String... actions) {
      for (String a : actions) {
        unsupported.add(Objects.requireNonNull(a, "action").trim());
      }
      return this;
    }

    /**
     * Zero-pad the fields of {@code getCurrentTime}. Default false (non-padded, as the firmware).
     *
     * @param padded true to pad
     * @return this builder
     */
    public Builder paddedTime(boolean padded) {
      this.paddedTime = padded;
      return this;
    }

    /**
     * Send the RPC {@code session} as a string. Default false (a number).
     *
     * @param asString true for a string
     * @return this builder
     */
    public Builder stringSession(boolean asString) {
      this.stringSession = asString;
      return this;
    }

    /**
     * Turn on the {@code audio.cgi} reboot quirk. Default false.
     *
     * @param on true to turn on
     * @return this builder
     */
    public Builder audioCgiReboots(boolean on) {
      this.audioCgiReboots = on;
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     */
    public LorexProfile build() {
      return new LorexProfile(this);
    }
  }
}
