package io.nvrkit.core.rotation;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.internal.rotation.AccountKeys;
import io.nvrkit.core.internal.rotation.InventoryReader;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.NvrDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Rotation} does: the device accounts to rotate and how (policy, concurrency, pacing,
 * timeouts, drivers).
 *
 * <pre>{@code
 * RotationPlan plan = RotationPlan.fromInventory(Path.of("fleet.csv"))
 *     .policy(PasswordPolicy.recommended())
 *     .concurrency(32)
 *     .build();
 * }</pre>
 *
 * <p>An inventory is CSV (a header line {@code url,vendor,user,password}, optionally a {@code tls}
 * column with {@code system}, {@code insecure} or {@code pin:<sha256 base64>}; {@code #} starts a
 * comment line) or JSON (an array of objects with those fields, or {@code {"devices": [...]}}). A
 * password may be written as {@code env:NAME} to read it from an environment variable. An inventory
 * readable by group or others (POSIX permissions) is refused: it holds passwords.
 *
 * <p>Defaults: policy from the target, else the plan's, else the driver's {@link
 * NvrDriver#defaultPolicy()}; concurrency 8; no per-host pacing; device timeout 2 minutes;
 * verification tests that the old password is refused; 2 attempts per login with a password
 * believed current whose answer may have been lost (never on a refused password; an attempt that
 * certainly sent nothing, such as a refused connection, or that drew a 5xx answer, does not count);
 * transient failures (network errors, 5xx answers) retried with jittered exponential backoff from
 * 250 ms (capped at 5 s) within a retry budget of 60 seconds per device; at most 2 unanswered
 * probes of each candidate password within a failure window of 30 minutes (counted across crashes
 * and resumes, so that a device locking after 3 failed logins, holding one of the two journaled
 * passwords and clearing its count on a success, is never locked); the change sent at most 6 times
 * per device per run (always the same new password; each re-send after a backoff, and only while
 * the run's refused and possibly counted logins stay under the probe cap); {@link
 * ConnectOptions#defaults()}; drivers found with {@link io.nvrkit.core.NvrKit#driver(String)} of
 * the rotation's kit.
 *
 * <p>Immutable and thread-safe.
 */
public final class RotationPlan {
  private final List<RotationTarget> targets;
  private final @Nullable PasswordPolicy policy;
  private final int concurrency;
  private final Duration hostPacing;
  private final Duration deviceTimeout;
  private final boolean verifyOldPasswordRefused;
  private final int loginAttempts;
  private final Duration retryBackoff;
  private final int maxSends;
  private final Duration retryBudget;
  private final int maxUnansweredProbes;
  private final Duration failureWindow;
  private final ConnectOptions connectOptions;
  private final Map<String, NvrDriver> drivers;

  private RotationPlan(Builder b) {
    this.targets = List.copyOf(b.targets);
    this.policy = b.policy;
    this.concurrency = b.concurrency;
    this.hostPacing = b.hostPacing;
    this.deviceTimeout = b.deviceTimeout;
    this.verifyOldPasswordRefused = b.verifyOldPasswordRefused;
    this.loginAttempts = b.loginAttempts;
    this.retryBackoff = b.retryBackoff;
    this.maxSends = b.maxSends;
    this.retryBudget = b.retryBudget;
    this.maxUnansweredProbes = b.maxUnansweredProbes;
    this.failureWindow = b.failureWindow;
    this.connectOptions = b.connectOptions;
    this.drivers = Map.copyOf(b.drivers);
  }

  /**
   * An empty builder. A plan without targets is valid for {@link Rotation#resume()}, which takes
   * its devices from the journal.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding the devices of an inventory file (CSV, or JSON when the name ends in {@code
   * .json}); {@code env:NAME} passwords are read from the process environment.
   *
   * @param inventory the file
   * @return the builder
   * @throws InventoryException if the file is readable by group or others, malformed, or names an
   *     unset variable
   */
  public static Builder fromInventory(Path inventory) {
    return fromInventory(inventory, System::getenv);
  }

  /**
   * As {@link #fromInventory(Path)}, with {@code env:NAME} passwords looked up in {@code env}.
   *
   * @param inventory the file
   * @param env the variable look-up (returns null when unset)
   * @return the builder
   * @throws InventoryException if the file is readable by group or others, malformed, or names an
   *     unset variable
   */
  public static Builder fromInventory(Path inventory, Function<String, String> env) {
    return builder().targets(InventoryReader.read(inventory, env));
  }

  /**
   * The device accounts, in order.
   *
   * @return the targets
   */
  public List<RotationTarget> targets() {
    return targets;
  }

  /**
   * The policy for targets without their own.
   *
   * @return the plan-wide policy, if set
   */
  public Optional<PasswordPolicy> policy() {
    return Optional.ofNullable(policy);
  }

  /**
   * How many devices are worked on at once.
   *
   * @return the concurrency
   */
  public int concurrency() {
    return concurrency;
  }

  /**
   * The minimum interval between starting two devices on the same host.
   *
   * @return the pacing; zero for none
   */
  public Duration hostPacing() {
    return hostPacing;
  }

  /**
   * The time after which no new change is sent to a device. A change already sent is always settled
   * (verified or recovered), even past the timeout; each request is bounded by the {@link
   * ConnectOptions} timeouts.
   *
   * @return the per-device timeout
   */
  public Duration deviceTimeout() {
    return deviceTimeout;
  }

  /**
   * Whether verification also checks that the old password is refused (spending exactly one failed
   * login, inside the lockout budget).
   *
   * @return true to check
   */
  public boolean verifyOldPasswordRefused() {
    return verifyOldPasswordRefused;
  }

  /**
   * Attempts per login with a password believed current when the network fails (a refused password,
   * and a probe of a password that may be wrong, are never retried).
   *
   * @return the attempts, 1 or more
   */
  public int loginAttempts() {
    return loginAttempts;
  }

  /**
   * The first pause before a transient failure is retried; each further pause doubles (capped at 5
   * seconds), with random jitter of up to half of it.
   *
   * @return the backoff
   */
  public Duration retryBackoff() {
    return retryBackoff;
  }

  /**
   * How many times the change may be sent to one device in one run, when the device is found to
   * still have the old password after a lost or failed answer.
   *
   * @return the maximum, 1 or more
   */
  public int maxSends() {
    return maxSends;
  }

  /**
   * How long transient failures of one device (network errors, 5xx answers) are retried in one run,
   * with jittered exponential backoff starting at {@link #retryBackoff()}: logins with the password
   * believed current, finding out which password the device accepts after a lost answer, and
   * re-sending the same new password. Measured on the kit's monotonic clock; the waits run on the
   * kit's scheduler.
   *
   * @return the budget; zero for no retries beyond {@link #loginAttempts()} and {@link #maxSends()}
   */
  public Duration retryBudget() {
    return retryBudget;
  }

  /**
   * The most logins with each candidate password of an open rotation whose answer may have been
   * lost (a crash, a reset, a timeout after the request was written) that the engine tries since
   * the device last accepted a login, counted from the journal across crashes and resumes. A device
   * counts at most this many failed logins from the engine's probes, so keep it below the device's
   * lockout threshold (the default 2 suits the usual 3 or more). When both candidates reach it the
   * device is marked STUCK rather than risk a lock. Attempts that certainly sent nothing ({@link
   * io.nvrkit.core.NvrException#credentialsPossiblySent()} false) do not count.
   *
   * @return the cap, 1 or more
   */
  public int maxUnansweredProbes() {
    return maxUnansweredProbes;
  }

  /**
   * How long the devices remember a failed login: an unanswered probe counts toward {@link
   * #maxUnansweredProbes()} for this long after it was journaled, then no longer (a device forgets
   * failures after its failure window, and its count starts again after a lock ends). A device
   * whose candidates both reached the cap is therefore STUCK only until its oldest counted probe
   * leaves the window: the report says when a resume may try again. Set it to at least the longest
   * failure window (or lock time, if longer) configured on the fleet's devices; the default, 30
   * minutes, is the longest default of the supported families (Lorex and Hikvision 30 minutes,
   * Dahua 5 minutes) and {@link io.nvrkit.core.spi.LockoutLedger#DEFAULT_LOCK}.
   *
   * @return the window, positive
   */
  public Duration failureWindow() {
    return failureWindow;
  }

  /**
   * Timeouts and limits for every session.
   *
   * @return the options
   */
  public ConnectOptions connectOptions() {
    return connectOptions;
  }

  /**
   * A driver given explicitly for a driver id.
   *
   * @param driverId the driver id
   * @return the driver, if given
   */
  public Optional<NvrDriver> driver(String driverId) {
    return Optional.ofNullable(drivers.get(driverId.toLowerCase(Locale.ROOT)));
  }

  /**
   * A builder with this plan's settings and targets.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.targets.addAll(targets);
    b.policy = policy;
    b.concurrency = concurrency;
    b.hostPacing = hostPacing;
    b.deviceTimeout = deviceTimeout;
    b.verifyOldPasswordRefused = verifyOldPasswordRefused;
    b.loginAttempts = loginAttempts;
    b.retryBackoff = retryBackoff;
    b.maxSends = maxSends;
    b.retryBudget = retryBudget;
    b.maxUnansweredProbes = maxUnansweredProbes;
    b.failureWindow = failureWindow;
    b.connectOptions = connectOptions;
    b.drivers.putAll(drivers);
    return b;
  }

  @Override
  public String toString() {
    return "RotationPlan[" + targets.size() + " devices, concurrency=" + concurrency + "]";
  }

  /** Builds a {@link RotationPlan}. Not thread-safe. */
  public static final class Builder {
    private final List<RotationTarget> targets = new ArrayList<>();
    private @Nullable PasswordPolicy policy;
    private int concurrency = 8;
    private Duration hostPacing = Duration.ZERO;
    private Duration deviceTimeout = Duration.ofMinutes(2);
    private boolean verifyOldPasswordRefused = true;
    private int loginAttempts = 2;
    private Duration retryBackoff = Duration.ofMillis(250);
    private int maxSends = 6;
    private Duration retryBudget = Duration.ofSeconds(60);
    private int maxUnansweredProbes = 2;
    private Duration failureWindow = Duration.ofMinutes(30);
    private ConnectOptions connectOptions = ConnectOptions.defaults();
    private final Map<String, NvrDriver> drivers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds a device account.
     *
     * @param target the target
     * @return this builder
     */
    public Builder target(RotationTarget target) {
      targets.add(Objects.requireNonNull(target, "target"));
      return this;
    }

    /**
     * Adds device accounts.
     *
     * @param more the targets
     * @return this builder
     */
    public Builder targets(Collection<RotationTarget> more) {
      for (RotationTarget t : more) {
        target(t);
      }
      return this;
    }

    /**
     * The policy for targets without their own. Default: the driver's.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(PasswordPolicy policy) {
      this.policy = policy;
      return this;
    }

    /**
     * Devices worked on at once. Default 8.
     *
     * @param concurrency 1 to 4096
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > 4096) {
        throw new IllegalArgumentException("concurrency must be 1..4096: " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Minimum interval between starting two devices on the same host. Default zero.
     *
     * @param hostPacing the interval
     * @return this builder
     */
    public Builder hostPacing(Duration hostPacing) {
      this.hostPacing = nonNegative(hostPacing, "hostPacing");
      return this;
    }

    /**
     * Per-device timeout (see {@link RotationPlan#deviceTimeout()}). Default 2 minutes.
     *
     * @param deviceTimeout the timeout
     * @return this builder
     */
    public Builder deviceTimeout(Duration deviceTimeout) {
      this.deviceTimeout = nonNegative(deviceTimeout, "deviceTimeout");
      return this;
    }

    /**
     * Whether to check that the old password is refused. Default true.
     *
     * @param check false to skip the check (and its one failed login)
     * @return this builder
     */
    public Builder verifyOldPasswordRefused(boolean check) {
      this.verifyOldPasswordRefused = check;
      return this;
    }

    /**
     * Attempts per login with a password believed current, on network errors. Default 2.
     *
     * @param loginAttempts 1 to 10
     * @return this builder
     */
    public Builder loginAttempts(int loginAttempts) {
      if (loginAttempts < 1 || loginAttempts > 10) {
        throw new IllegalArgumentException("loginAttempts must be 1..10: " + loginAttempts);
      }
      this.loginAttempts = loginAttempts;
      return this;
    }

    /**
     * First backoff before a transient failure is retried (doubling after). Default 250 ms.
     *
     * @param retryBackoff the backoff
     * @return this builder
     */
    public Builder retryBackoff(Duration retryBackoff) {
      this.retryBackoff = nonNegative(retryBackoff, "retryBackoff");
      return this;
    }

    /**
     * Maximum sends of the change per device per run (always the same new password). Default 6.
     *
     * @param maxSends 1 to 10
     * @return this builder
     */
    public Builder maxSends(int maxSends) {
      if (maxSends < 1 || maxSends > 10) {
        throw new IllegalArgumentException("maxSends must be 1..10: " + maxSends);
      }
      this.maxSends = maxSends;
      return this;
    }

    /**
     * Per-device budget for retrying transient failures (see {@link RotationPlan#retryBudget()}).
     * Default 60 seconds.
     *
     * @param retryBudget the budget; zero disables retries beyond the attempt counts
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder retryBudget(Duration retryBudget) {
      this.retryBudget = nonNegative(retryBudget, "retryBudget");
      return this;
    }

    /**
     * Cap on unanswered probes per candidate password (see {@link
     * RotationPlan#maxUnansweredProbes()}). Default 2.
     *
     * @param maxUnansweredProbes 1 to 10; below the devices' lockout threshold
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder maxUnansweredProbes(int maxUnansweredProbes) {
      if (maxUnansweredProbes < 1 || maxUnansweredProbes > 10) {
        throw new IllegalArgumentException(
            "maxUnansweredProbes must be 1..10: " + maxUnansweredProbes);
      }
      this.maxUnansweredProbes = maxUnansweredProbes;
      return this;
    }

    /**
     * How long the devices remember a failed login (see {@link RotationPlan#failureWindow()}).
     * Default 30 minutes.
     *
     * @param failureWindow the devices' longest failure window or lock time; 1 minute to 24 hours
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder failureWindow(Duration failureWindow) {
      Objects.requireNonNull(failureWindow, "failureWindow");
      if (failureWindow.compareTo(Duration.ofMinutes(1)) < 0
          || failureWindow.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException(
            "failureWindow must be 1 minute to 24 hours: " + failureWindow);
      }
      this.failureWindow = failureWindow;
      return this;
    }

    /**
     * Session options. Default {@link ConnectOptions#defaults()}.
     *
     * @param options the options
     * @return this builder
     */
    public Builder connectOptions(ConnectOptions options) {
      this.connectOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Uses {@code driver} for its driver id instead of looking it up.
     *
     * @param driver the driver
     * @return this builder
     */
    public Builder driver(NvrDriver driver) {
      drivers.put(driver.driverId().toLowerCase(Locale.ROOT), driver);
      return this;
    }

    /**
     * Builds the plan.
     *
     * @return the plan
     * @throws IllegalArgumentException if two targets name the same user on the same endpoint
     */
    public RotationPlan build() {
      Set<String> keys = new HashSet<>();
      for (RotationTarget t : targets) {
        String key = AccountKeys.key(t.account());
        if (!keys.add(key)) {
          throw new IllegalArgumentException("device listed twice: " + key);
        }
      }
      return new RotationPlan(this);
    }

    private static Duration nonNegative(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative");
      }
      return d;
    }
  }
}
