package io.nvrkit.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The variations of Hikvision firmware a fake Hikvision recorder reproduces: the XML namespace of
 * its ISAPI answers, which HTTP authentication it accepts, whether Digest nonces may be reused, the
 * device class, activation, the {@code loginPassword} requirement, the illegal-login lock
 * thresholds and the SADP responder.
 *
 * <pre>{@code
 * try (FakeNvr nvr = FakeNvr.hikvision()
 *         .hikvisionProfile(HikvisionProfile.builder()
 *             .namespace(HikvisionProfile.Namespace.ISAPI_ORG)     // a newer NVR
 *             .singleUseNonces(true)                               // an intercom
 *             .build())
 *         .start()) { ... }
 * }</pre>
 *
 * <p>Defaults ({@link #defaults()}): namespace {@code http://www.hikvision.com/ver20/XMLSchema},
 * {@code version="2.0"}, Digest only (a Basic header gets the Digest challenge and counts nothing),
 * nonces reusable with a rising {@code nc}, device type {@code NVR}, activated, {@code
 * <loginPassword>} required to add or modify a user, a wrong {@code loginPassword} counted as an
 * illegal login, the same threshold for every user, a SADP responder on a loopback UDP port, and a
 * start time 3 days 4 hours before the fake starts. The standalone launcher takes every setting as
 * {@code --option NAME=VALUE}; the names are listed at each builder method.
 *
 * <p>Immutable and thread-safe.
 */
public final class HikvisionProfile {
  /** The default XML namespace of ISAPI answers (the device parses any namespace). */
  public enum Namespace {
    /** {@code http://www.hikvision.com/ver20/XMLSchema}: cameras and older recorders. */
    HIKVISION_COM,
    /** {@code http://www.isapi.org/ver20/XMLSchema}: newer recorders and access terminals. */
    ISAPI_ORG,
    /** {@code http://www.std-cgi.org/ver20/XMLSchema}: the vendor's documentation examples. */
    STD_CGI
  }

  /** Which HTTP authentication the device accepts (its "WEB Authentication" setting). */
  public enum Authentication {
    /** {@code digest}: the default of current firmware. */
    DIGEST,
    /** {@code digest/basic}: both challenges are offered and both schemes accepted. */
    DIGEST_AND_BASIC,
    /** Basic only, as some old models. */
    BASIC
  }

  /** The class of device, which decides the {@code deviceInfo} elements and their order. */
  public enum DeviceType {
    /** A network video recorder ({@code deviceType NVR}). */
    NVR,
    /** A network camera ({@code deviceType IPCamera}). */
    IP_CAMERA
  }

  private final Map<String, String> options;

  private HikvisionProfile(Map<String, String> options) {
    this.options = Map.copyOf(options);
  }

  /**
   * The profile with every default.
   *
   * @return the default profile
   */
  public static HikvisionProfile defaults() {
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

  Map<String, String> asOptions() {
    return options;
  }

  /** The options, for diagnostics (nothing secret). */
  @Override
  public String toString() {
    return "HikvisionProfile" + options;
  }

  /** Builds a {@link HikvisionProfile}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> o = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The namespace of answers (option {@code hikvision.namespace} = {@code hikvision}, {@code
     * isapi}, {@code stdcgi}). Default {@link Namespace#HIKVISION_COM}.
     *
     * @param ns the namespace
     * @return this builder
     */
    public Builder namespace(Namespace ns) {
      Objects.requireNonNull(ns, "ns");
      o.put(
          "hikvision.namespace",
          ns == Namespace.HIKVISION_COM
              ? "hikvision"
              : ns == Namespace.ISAPI_ORG ? "isapi" : "stdcgi");
      return this;
    }

    /**
     * Root elements say {@code version="1.0"} as some NVR/DVR firmware (option {@code
     * hikvision.xmlVersion} = {@code 1.0} or {@code 2.0}). Default false ({@code 2.0}).
     *
     * @param on true for {@code 1.0}
     * @return this builder
     */
    public Builder xmlVersion10(boolean on) {
      o.put("hikvision.xmlVersion", on ? "1.0" : "2.0");
      return this;
    }

    /**
     * The accepted HTTP authentication (option {@code hikvision.auth} = {@code digest}, {@code
     * digestBasic}, {@code basic}). Default {@link Authentication#DIGEST}.
     *
     * @param a the schemes
     * @return this builder
     */
    public Builder authentication(Authentication a) {
      Objects.requireNonNull(a, "a");
      o.put(
          "hikvision.auth",
          a == Authentication.DIGEST
              ? "digest"
              : a == Authentication.DIGEST_AND_BASIC ? "digestBasic" : "basic");
      return this;
    }

    /**
     * Digest nonces are good for one request only, as on some intercoms (option {@code
     * hikvision.singleUseNonces}). Default false: a nonce is reusable with a rising {@code nc}.
     *
     * @param on true for single-use nonces
     * @return this builder
     */
    public Builder singleUseNonces(boolean on) {
      o.put("hikvision.singleUseNonces", Boolean.toString(on));
      return this;
    }

    /**
     * The class of device (option {@code hikvision.deviceType} = {@code NVR}, {@code IPCamera}).
     * Default {@link DeviceType#NVR}.
     *
     * @param t the class
     * @return this builder
     */
    public Builder deviceType(DeviceType t) {
      o.put(
          "hikvision.deviceType",
          Objects.requireNonNull(t, "t") == DeviceType.NVR ? "NVR" : "IPCamera");
      return this;
    }

    /**
     * Whether the device is activated (option {@code hikvision.activated}). Default true. An
     * inactive device refuses every login until {@code PUT /ISAPI/System/activate} sets the admin
     * password.
     *
     * @param on false for a factory-new device
     * @return this builder
     */
    public Builder activated(boolean on) {
      o.put("hikvision.activated", Boolean.toString(on));
      return this;
    }

    /**
     * Whether adding or modifying a user needs the caller's password in {@code <loginPassword>}
     * (option {@code hikvision.loginPasswordRequired}). Default true (current firmware); false
     * imitates 2014–2017 firmware.
     *
     * @param on whether it is required
     * @return this builder
     */
    public Builder loginPasswordRequired(boolean on) {
      o.put("hikvision.loginPasswordRequired", Boolean.toString(on));
      return this;
    }

    /**
     * Whether a wrong {@code <loginPassword>} counts as an illegal login of the source IP (option
     * {@code hikvision.loginPasswordCounts}). Default true.
     *
     * @param on whether it counts
     * @return this builder
     */
    public Builder wrongLoginPasswordCounts(boolean on) {
      o.put("hikvision.loginPasswordCounts", Boolean.toString(on));
      return this;
    }

    /**
     * A separate illegal-login threshold for attempts as {@code admin} (the manuals' "7 for admin,
     * 5 for others"; option {@code hikvision.adminLockAttempts}). Default: the lockout's attempts
     * for every user.
     *
     * @param attempts at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder adminLockAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1");
      }
      o.put("hikvision.adminLockAttempts", Integer.toString(attempts));
      return this;
    }

    /**
     * Whether the SADP responder runs (option {@code hikvision.sadp} = {@code multicast}, {@code
     * unicast} or {@code off}). Default true: it answers on its own loopback UDP port ({@link
     * FakeNvr#discoveryAddress()}) and on 239.255.255.250:37020 joined on the loopback interface
     * where the host allows it (else unicast only, logged at INFO). Answers are unicast to the
     * prober either way.
     *
     * @param on whether it runs (with multicast where allowed)
     * @return this builder
     */
    public Builder sadp(boolean on) {
      o.put("hikvision.sadp", on ? "multicast" : "off");
      return this;
    }

    /**
     * Whether a running SADP responder also joins 239.255.255.250:37020 on the loopback interface
     * (option {@code hikvision.sadp} = {@code multicast} or {@code unicast}). Default true; false
     * keeps the responder on its own port only (a fleet of fakes that must not all answer one
     * multicast probe).
     *
     * @param join whether to join the group
     * @return this builder
     */
    public Builder sadpMulticast(boolean join) {
      o.put("hikvision.sadp", join ? "multicast" : "unicast");
      return this;
    }

    /**
     * Whether a successful login clears the source IP's failure count (option {@code
     * hikvision.successResetsFailures}). Default true, the plausible behaviour; the research does
     * not say. False keeps the failures until a lock has run its time, the strictest reading.
     *
     * @param on whether a success resets the count
     * @return this builder
     */
    public Builder successResetsFailures(boolean on) {
      o.put("hikvision.successResetsFailures", Boolean.toString(on));
      return this;
    }

    /**
     * Whether a 401 carries the 2017 firmware's HTML page ({@code Access Error: 401 --
     * Unauthorized}) instead of the {@code userCheck} document with {@code lockStatus}, {@code
     * unlockTime} and {@code retryLoginTime} (option {@code hikvision.unauthorizedBody} = {@code
     * html} or {@code userCheck}). Default false.
     *
     * @param on whether 401 answers are the HTML page
     * @return this builder
     */
    public Builder htmlUnauthorizedPage(boolean on) {
      o.put("hikvision.unauthorizedBody", on ? "html" : "userCheck");
      return this;
    }

    /**
     * How long the device has been running when the fake starts; SADP's {@code BootTime} (the
     * "start time" support asks for) is that much before the device clock's start (option {@code
     * hikvision.uptimeSeconds}). Default 3 days 4 hours.
     *
     * @param uptime not negative
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder uptime(Duration uptime) {
      if (uptime.isNegative()) {
        throw new IllegalArgumentException("uptime must not be negative");
      }
      o.put("hikvision.uptimeSeconds", Long.toString(uptime.getSeconds()));
      return this;
    }

    /**
     * Builds the profile.
     *
     * @return the profile
     */
    public HikvisionProfile build() {
      return new HikvisionProfile(o);
    }
  }
}
