package io.nvrkit.core;

import io.nvrkit.core.internal.LockoutGuard;
import io.nvrkit.core.internal.kit.DriverRegistry;
import io.nvrkit.core.internal.kit.KitContext;
import io.nvrkit.core.internal.kit.Probing;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.core.spi.NvrDriver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;

/**
 * The library's one instance: its drivers, its lockout ledger, its clocks and its one HTTP client
 * with its connection pool. Build one per application and share it, as with an HTTP client; every
 * session ({@link #connect}) is a cheap view of it.
 *
 * <pre>{@code
 * try (NvrKit kit = NvrKit.builder().build()) {            // drivers found once, on the class path
 *   try (NvrClient nvr = kit.connect(DeviceEndpoint.of("https://192.0.2.10"), admin,
 *       ConnectOptions.builder().driver("lorex").build())) {
 *     System.out.println(nvr.identity());
 *   }
 * }
 * }</pre>
 *
 * <p>Sessions of one kit share the lockout ledger, so the kit never spends the login that would
 * lock an account, whichever session tries; two kits know nothing of each other (tests build their
 * own kit for isolation) unless they are given one ledger, and separate processes share a file
 * ledger ({@link Builder#lockoutLedger}, {@link LockoutLedgers#file(java.nio.file.Path)}). {@link
 * Nvr} offers the same calls on a default kit built on first use.
 *
 * <p>Immutable and thread-safe. {@link #close()} closes the pooled connections (and the kit's own
 * I/O thread); sessions still open fail afterwards.
 */
public final class NvrKit implements AutoCloseable {
  private final DriverRegistry registry;
  private final KitContext context;
  private final Clock clock;
  private final Rotations rotations;

  private NvrKit(Builder b) {
    this.registry =
        new DriverRegistry(
            b.drivers, b.discover, b.loader != null ? b.loader : NvrKit.class.getClassLoader());
    this.clock = b.clock;
    LockoutLedger ledger = b.ledger != null ? b.ledger : new LockoutGuard(b.clock);
    this.context = new KitContext(ledger, b.clock, b.ticker, b.scheduler, b.listener);
    this.rotations = new Rotations(b.kdf, b.stepHook);
  }

  /**
   * A builder with the defaults: drivers found with {@link ServiceLoader}, a new lockout ledger,
   * the UTC system clock, {@link System#nanoTime()}, the kit's own I/O thread, no exchange
   * listener.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects with default options, picking the driver by probing.
   *
   * @param endpoint the device
   * @param credentials the login
   * @return the session; the caller closes it
   * @throws NvrException if no driver recognises the device or the login fails
   */
  public NvrClient connect(DeviceEndpoint endpoint, Credentials credentials) {
    return connect(endpoint, credentials, ConnectOptions.defaults());
  }

  /**
   * Connects with {@code options}; if they name no driver, the device is probed and the most
   * specific recognising driver is used.
   *
   * @param endpoint the device
   * @param credentials the login
   * @param options timeouts, limits and driver
   * @return the session; the caller closes it
   * @throws UnknownDriverException if the named driver is not one of this kit's
   * @throws TlsTrustException if the device's certificate is not trusted (found while probing)
   * @throws DeviceUnreachableException if no driver could reach the device
   * @throws NvrException if no driver recognises the device or the login fails
   */
  public NvrClient connect(
      DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    context.checkOpen();
    NvrDriver driver;
    if (options.driver().isPresent()) {
      driver = driver(options.driver().get());
    } else {
      driver = driver(Probing.pick(context, endpoint, options, drivers(), driverIds()));
    }
    return driver.connect(context, endpoint, credentials, options);
  }

  /**
   * Connects with an explicit driver, without any look-up or probe; the driver need not be one of
   * the kit's, but uses the kit's transport, ledger and clocks.
   *
   * @param driver the driver
   * @param endpoint the device
   * @param credentials the login
   * @param options timeouts and limits
   * @return the session; the caller closes it
   * @throws NvrException if the login fails
   */
  public NvrClient connect(
      NvrDriver driver, DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
    context.checkOpen();
    return driver.connect(context, endpoint, credentials, options);
  }

  /**
   * Asks every driver of the kit what it can read without credentials; see {@link
   * #probe(DeviceEndpoint, ConnectOptions)}.
   *
   * @param endpoint the device
   * @return the merged result
   */
  public ProbeResult probe(DeviceEndpoint endpoint) {
    return probe(endpoint, ConnectOptions.defaults());
  }

  /**
   * Asks every driver of the kit (or only the one {@code options} names) what it can read without
   * credentials and merges the answers, most specific driver first. A driver that fails is noted in
   * {@link ProbeResult#problems()}; the probe itself only fails on invalid arguments.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @return the merged result
   * @throws UnknownDriverException if the named driver is not one of this kit's
   */
  public ProbeResult probe(DeviceEndpoint endpoint, ConnectOptions options) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(options, "options");
    List<NvrDriver> asked =
        options.driver().isPresent() ? List.of(driver(options.driver().get())) : drivers();
    return probe(endpoint, options, asked);
  }

  /**
   * Probes with the given drivers only (which need not be the kit's).
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @param drivers the drivers to ask
   * @return the merged result
   */
  public ProbeResult probe(
      DeviceEndpoint endpoint, ConnectOptions options, List<NvrDriver> drivers) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(options, "options");
    context.checkOpen();
    return Probing.probe(context, endpoint, options, List.copyOf(drivers), new ArrayList<>());
  }

  /**
   * The kit's driver for {@code driverId} (case-insensitive).
   *
   * @param driverId e.g. {@code lorex}
   * @return the driver
   * @throws UnknownDriverException if the kit has no driver with that id; the message names the
   *     installed ones
   * @throws IllegalStateException if two drivers found on the class path claim the id
   */
  public NvrDriver driver(String driverId) {
    return registry.require(Objects.requireNonNull(driverId, "driverId"));
  }

  /**
   * The kit's driver for {@code driverId}, if exactly one claims it.
   *
   * @param driverId e.g. {@code onvif}
   * @return the driver, if installed
   */
  public Optional<NvrDriver> findDriver(String driverId) {
    return registry.find(Objects.requireNonNull(driverId, "driverId"));
  }

  /**
   * The kit's drivers, one per driver id, in the order given or found.
   *
   * @return the drivers
   */
  public List<NvrDriver> drivers() {
    return registry.drivers();
  }

  /**
   * The ids of the kit's drivers.
   *
   * @return the ids
   */
  public List<String> driverIds() {
    return registry.ids();
  }

  /**
   * The kit's wall clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * What the kit hands its drivers: for code that calls a driver itself (a driver's own tests, a
   * compatibility kit). Applications use {@link #connect}.
   *
   * @return the context
   */
  public DriverContext driverContext() {
    return context;
  }

  /**
   * The kit's rotation settings (journal key derivation, the rotation step hook).
   *
   * @return the settings
   */
  public Rotations rotations() {
    return rotations;
  }

  /** Closes the pooled connections and the kit's own I/O thread. Idempotent. */
  @Override
  public void close() {
    context.close();
  }

  @Override
  public String toString() {
    return "NvrKit" + driverIds();
  }

  /**
   * The kit's settings for {@link io.nvrkit.core.rotation.Rotation} and {@link
   * io.nvrkit.core.rotation.RotationJournal}.
   *
   * @param journalKdf the key derivation cost for new journals
   * @param stepHook called after each step of the rotation protocol
   */
  public record Rotations(
      io.nvrkit.core.rotation.JournalKdf journalKdf,
      io.nvrkit.core.rotation.RotationStepHook stepHook) {
    /** Checks the components. */
    public Rotations {
      Objects.requireNonNull(journalKdf, "journalKdf");
      Objects.requireNonNull(stepHook, "stepHook");
    }
  }

  /** Builds a {@link NvrKit}. Not thread-safe; {@link #build()} may be called more than once. */
  public static final class Builder {
    private final List<NvrDriver> drivers = new ArrayList<>();
    private boolean discover;
    private ClassLoader loader;
    private LockoutLedger ledger;
    private Clock clock = Clock.systemUTC();
    private LongSupplier ticker = System::nanoTime;
    private ScheduledExecutorService scheduler;
    private ExchangeListener listener = ExchangeListener.NONE;
    private io.nvrkit.core.rotation.JournalKdf kdf = io.nvrkit.core.rotation.JournalKdf.DEFAULT;
    private io.nvrkit.core.rotation.RotationStepHook stepHook =
        io.nvrkit.core.rotation.RotationStepHook.NONE;

    private Builder() {}

    /**
     * Adds a driver. A kit given drivers looks for no others unless {@link #discoverDrivers()} is
     * also called.
     *
     * @param driver the driver
     * @return this
     * @throws IllegalArgumentException if a driver with the same id was already added
     */
    public Builder driver(NvrDriver driver) {
      Objects.requireNonNull(driver, "driver");
      for (NvrDriver d : drivers) {
        if (d.driverId().equalsIgnoreCase(driver.driverId())) {
          throw new IllegalArgumentException("two drivers with the id " + driver.driverId());
        }
      }
      drivers.add(driver);
      return this;
    }

    /**
     * Also finds drivers with {@link ServiceLoader}, once, when the kit is built (the default when
     * no driver is added); an added driver wins over a found one with the same id.
     *
     * @return this
     */
    public Builder discoverDrivers() {
      this.discover = true;
      return this;
    }

    /**
     * Finds drivers with {@link ServiceLoader} in {@code classLoader} instead of the library's.
     *
     * @param classLoader where to look
     * @return this
     */
    public Builder driverClassLoader(ClassLoader classLoader) {
      this.loader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Uses this lockout ledger: one shared by two kits that talk to the same devices, or one in a
     * file that separate processes share ({@link LockoutLedgers#file(java.nio.file.Path)}).
     * Default: a new in-memory ledger on the kit's clock, which knows nothing of other kits or
     * processes.
     *
     * @param lockoutLedger the ledger
     * @return this
     */
    public Builder lockoutLedger(LockoutLedger lockoutLedger) {
      this.ledger = Objects.requireNonNull(lockoutLedger, "lockoutLedger");
      return this;
    }

    /**
     * The wall clock for lock ends and device clocks. Default {@link Clock#systemUTC()}.
     *
     * @param wallClock the clock
     * @return this
     */
    public Builder clock(Clock wallClock) {
      this.clock = Objects.requireNonNull(wallClock, "wallClock");
      return this;
    }

    /**
     * The monotonic clock, in nanoseconds, for elapsed times (tests use a controllable one).
     * Default {@link System#nanoTime()}.
     *
     * @param nanoTicker the ticker
     * @return this
     */
    public Builder ticker(LongSupplier nanoTicker) {
      this.ticker = Objects.requireNonNull(nanoTicker, "nanoTicker");
      return this;
    }

    /**
     * The scheduler that enforces total timeouts; the kit does not shut it down. Default: one
     * daemon thread owned by the kit, stopped by {@link NvrKit#close()}.
     *
     * @param ioScheduler the scheduler
     * @return this
     */
    public Builder ioExecutor(ScheduledExecutorService ioScheduler) {
      this.scheduler = Objects.requireNonNull(ioScheduler, "ioScheduler");
      return this;
    }

    /**
     * Told about every HTTP exchange of the kit's sessions. Default: none.
     *
     * @param exchangeListener the listener
     * @return this
     */
    public Builder exchangeListener(ExchangeListener exchangeListener) {
      this.listener = Objects.requireNonNull(exchangeListener, "exchangeListener");
      return this;
    }

    /**
     * The key-derivation cost of journals created with this kit. Default {@link
     * io.nvrkit.core.rotation.JournalKdf#DEFAULT}; tests lower it to run fast.
     *
     * @param journalKdf the cost
     * @return this
     */
    public Builder journalKdf(io.nvrkit.core.rotation.JournalKdf journalKdf) {
      this.kdf = Objects.requireNonNull(journalKdf, "journalKdf");
      return this;
    }

    /**
     * Called after each step of the rotation protocol: a crash test throws there to simulate the
     * process dying. Default: nothing.
     *
     * @param hook the hook
     * @return this
     */
    public Builder rotationStepHook(io.nvrkit.core.rotation.RotationStepHook hook) {
      this.stepHook = Objects.requireNonNull(hook, "hook");
      return this;
    }

    /**
     * Builds the kit, finding drivers now if it is to find them.
     *
     * @return the kit; the caller closes it
     */
    public NvrKit build() {
      return new NvrKit(this);
    }
  }
}
