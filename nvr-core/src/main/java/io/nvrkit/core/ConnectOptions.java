package io.nvrkit.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the library talks to a device: which driver, timeouts, size limits and authentication
 * choices. Every option has a documented default; {@link #defaults()} is what {@link
 * Nvr#connect(DeviceEndpoint, Credentials)} uses.
 *
 * <pre>{@code
 * ConnectOptions opts = ConnectOptions.builder()
 *     .driver("lorex")
 *     .responseTimeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConnectOptions {
  private static final ConnectOptions DEFAULTS = builder().build();

  private final String driver;
  private final Duration connectTimeout;
  private final Duration responseTimeout;
  private final Duration totalTimeout;
  private final long maxResponseBytes;
  private final boolean allowBasicAuth;
  private final int attemptBudget;

  private ConnectOptions(Builder b) {
    this.driver = b.driver;
    this.connectTimeout = b.connectTimeout;
    this.responseTimeout = b.responseTimeout;
    this.totalTimeout = b.totalTimeout;
    this.maxResponseBytes = b.maxResponseBytes;
    this.allowBasicAuth = b.allowBasicAuth;
    this.attemptBudget = b.attemptBudget;
  }

  /**
   * The defaults: driver found by probing, connect 5 s, response 10 s, total 30 s, responses up to
   * 1 MiB, no Basic authentication, attempt budget learned from the device.
   *
   * @return the default options
   */
  public static ConnectOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.driver = driver;
    b.connectTimeout = connectTimeout;
    b.responseTimeout = responseTimeout;
    b.totalTimeout = totalTimeout;
    b.maxResponseBytes = maxResponseBytes;
    b.allowBasicAuth = allowBasicAuth;
    b.attemptBudget = attemptBudget;
    return b;
  }

  /**
   * The driver id ({@code lorex}, {@code onvif}); empty means "probe and pick".
   *
   * @return the driver id, if fixed
   */
  public Optional<String> driver() {
    return Optional.ofNullable(driver);
  }

  /**
   * Time to establish a TCP (and TLS) connection. Default 5 s.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Time to wait for each response (socket inactivity). Default 10 s.
   *
   * @return the timeout
   */
  public Duration responseTimeout() {
    return responseTimeout;
  }

  /**
   * Upper bound for one request/response exchange including a slow (dribbled) body. Default 30 s.
   *
   * @return the timeout
   */
  public Duration totalTimeout() {
    return totalTimeout;
  }

  /**
   * Largest response body accepted; a larger one aborts the exchange with {@link
   * ProtocolException}. Default 1 MiB.
   *
   * @return the limit in bytes
   */
  public long maxResponseBytes() {
    return maxResponseBytes;
  }

  /**
   * Whether HTTP Basic may be used when a device offers nothing else. Default false.
   *
   * @return true if allowed
   */
  public boolean allowBasicAuth() {
    return allowBasicAuth;
  }

  /**
   * A fixed number of failed logins the client allows itself per device and user, overriding what
   * it learns from the device. Empty by default (learned; see the adapter).
   *
   * @return the budget, if fixed
   */
  public OptionalInt attemptBudget() {
    return attemptBudget < 0 ? OptionalInt.empty() : OptionalInt.of(attemptBudget);
  }

  /** Builds {@link ConnectOptions}. Not thread-safe. */
  public static final class Builder {
    private String driver;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration responseTimeout = Duration.ofSeconds(10);
    private Duration totalTimeout = Duration.ofSeconds(30);
    private long maxResponseBytes = 1L << 20;
    private boolean allowBasicAuth;
    private int attemptBudget = -1;

    private Builder() {}

    /**
     * Use the driver with this id instead of probing. Default: probe.
     *
     * @param driverId e.g. {@code lorex} or {@code onvif}; null to probe
     * @return this builder
     */
    public Builder driver(String driverId) {
      this.driver = driverId;
      return this;
    }

    /**
     * Connect timeout. Default 5 s.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /**
     * Response timeout. Default 10 s.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder responseTimeout(Duration d) {
      this.responseTimeout = positive(d, "responseTimeout");
      return this;
    }

    /**
     * Total timeout of one exchange. Default 30 s.
     *
     * @param d a positive duration
     * @return this builder
     */
    public Builder totalTimeout(Duration d) {
      this.totalTimeout = positive(d, "totalTimeout");
      return this;
    }

    /**
     * Response size limit. Default 1 MiB.
     *
     * @param bytes at least 1024
     * @return this builder
     */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1024) {
        throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /**
     * Allow HTTP Basic when the device offers nothing else. Default false.
     *
     * @param allow true to allow
     * @return this builder
     */
    public Builder allowBasicAuth(boolean allow) {
      this.allowBasicAuth = allow;
      return this;
    }

    /**
     * Fix the failed-login budget per device and user.
     *
     * @param attempts 0 or more; 0 means never spend a failed attempt
     * @return this builder
     */
    public Builder attemptBudget(int attempts) {
      if (attempts < 0) {
        throw new IllegalArgumentException("attemptBudget must be >= 0");
      }
      this.attemptBudget = attempts;
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public ConnectOptions build() {
      return new ConnectOptions(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
