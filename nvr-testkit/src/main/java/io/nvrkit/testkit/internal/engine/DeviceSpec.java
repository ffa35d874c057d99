package io.nvrkit.testkit.internal.engine;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.DevicePasswordRules;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.LorexProfile;
import io.nvrkit.testkit.OnvifProfile;
import io.nvrkit.testkit.PersonalityKind;
import io.nvrkit.testkit.internal.state.AccountSpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code FakeNvr.Builder} collects, validated as it is set, and resolved with the
 * personality's defaults into a {@link DeviceConfig}. Not thread-safe.
 */
public final class DeviceSpec {
  /** The account a device has when none is configured. */
  public static final String DEFAULT_ADMIN = "admin";

  /** The password of {@link #DEFAULT_ADMIN} when no account is configured. */
  public static final String DEFAULT_ADMIN_PASSWORD = "Admin12345";

  private final PersonalityType type;
  private FakeIdentity identity;
  private final Map<String, AccountSpec> accounts = new LinkedHashMap<>();
  private Lockout lockout;
  private DevicePasswordRules rules;
  private FakeClock clock;
  private boolean tlsOn;
  private TlsMaterial tlsMaterial;
  private InetAddress host;
  private int port;
  private Duration latency = Duration.ZERO;
  private final List<FaultPlan.Rule> faults = new ArrayList<>();
  private DeviceConfig.RandomFaults random;
  private LorexProfile lorexProfile = LorexProfile.defaults();
  private OnvifProfile onvifProfile = OnvifProfile.defaults();
  private final Map<String, String> hikvisionOptions = new LinkedHashMap<>();
  private int journalCapacity = 10_000;
  private int maxConnections;

  /**
   * A spec with the personality's defaults.
   *
   * @param kind the personality
   * @throws UnsupportedOperationException if that personality is not part of this build
   */
  public DeviceSpec(PersonalityKind kind) {
    this.type = Personalities.of(Objects.requireNonNull(kind, "kind"));
    this.lockout =
        kind == PersonalityKind.HIKVISION ? Lockout.hikvisionDefault() : Lockout.dahuaDefault();
    try {
      this.host = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sets the identity.
   *
   * @param id the identity
   */
  public void identity(FakeIdentity id) {
    this.identity = Objects.requireNonNull(id, "identity");
  }

  /**
   * Adds or replaces an account.
   *
   * @param name the name, not empty
   * @param password the password (kept)
   * @param level the level
   * @param reserved whether it cannot be deleted
   * @throws IllegalArgumentException if the name is empty
   */
  public void user(String name, char[] password, AccountLevel level, boolean reserved) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("account name must not be empty");
    }
    accounts.put(name, new AccountSpec(name, password, level, reserved));
  }

  /**
   * Sets the lockout.
   *
   * @param settings the settings
   */
  public void lockout(Lockout settings) {
    this.lockout = Objects.requireNonNull(settings, "lockout");
  }

  /**
   * Sets the password rules.
   *
   * @param passwordRules the rules
   */
  public void passwordRules(DevicePasswordRules passwordRules) {
    this.rules = Objects.requireNonNull(passwordRules, "rules");
  }

  /**
   * Sets the clock.
   *
   * @param deviceClock the clock
   */
  public void clock(FakeClock deviceClock) {
    this.clock = Objects.requireNonNull(deviceClock, "clock");
  }

  /**
   * HTTPS with a certificate generated at build.
   *
   * @param on true for HTTPS
   */
  public void tls(boolean on) {
    this.tlsOn = on;
  }

  /**
   * HTTPS with given material (shared between a fleet's devices).
   *
   * @param material the material, or null for plain HTTP
   */
  public void tlsMaterial(TlsMaterial material) {
    this.tlsMaterial = material;
    this.tlsOn = material != null;
  }

  /**
   * Sets the address to listen on.
   *
   * @param address a literal or host name
   * @throws IllegalArgumentException if it cannot be resolved
   */
  public void host(String address) {
    try {
      this.host = InetAddress.getByName(Objects.requireNonNull(address, "address"));
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host: " + address, e);
    }
  }

  /**
   * Sets the port.
   *
   * @param listenPort 0 to 65535
   * @throws IllegalArgumentException if out of range
   */
  public void port(int listenPort) {
    if (listenPort < 0 || listenPort > 65535) {
      throw new IllegalArgumentException("port out of range: " + listenPort);
    }
    this.port = listenPort;
  }

  /**
   * Sets the base latency.
   *
   * @param delay not negative
   * @throws IllegalArgumentException if negative
   */
  public void latency(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("latency must not be negative");
    }
    this.latency = delay;
  }

  /**
   * Adds a sticky fault on a neutral operation.
   *
   * @param operation the operation
   * @param fault the fault
   */
  public void faultAlways(DeviceOperation operation, Fault fault) {
    faults.add(FaultPlan.Rule.on(operation, fault));
  }

  /**
   * Adds a sticky fault on a protocol name of this personality.
   *
   * @param protocolOperation the name
   * @param fault the fault
   * @throws IllegalArgumentException if this personality has no such operation
   */
  public void faultAlways(String protocolOperation, Fault fault) {
    faults.add(FaultPlan.Rule.on(type.operations().require(protocolOperation), fault));
  }

  /**
   * Sets the random faults.
   *
   * @param seed the seed
   * @param probability 0 to 1
   * @param candidates the faults
   * @throws IllegalArgumentException if the probability is out of range
   */
  public void faultAtRandom(long seed, double probability, List<Fault> candidates) {
    if (probability < 0 || probability > 1 || Double.isNaN(probability)) {
      throw new IllegalArgumentException("probability must be between 0 and 1");
    }
    this.random = new DeviceConfig.RandomFaults(seed, probability, candidates);
  }

  /**
   * Sets the Lorex profile.
   *
   * @param profile the profile
   */
  public void lorexProfile(LorexProfile profile) {
    this.lorexProfile = Objects.requireNonNull(profile, "profile");
  }

  /**
   * Sets the ONVIF profile.
   *
   * @param profile the profile
   */
  public void onvifProfile(OnvifProfile profile) {
    this.onvifProfile = Objects.requireNonNull(profile, "profile");
  }

  /**
   * Sets the Hikvision profile's settings by name (its internal form).
   *
   * @param options the settings
   */
  public void hikvisionOptions(Map<String, String> options) {
    hikvisionOptions.putAll(options);
  }

  /**
   * Sets the journal's capacity.
   *
   * @param capacity at least 1
   * @throws IllegalArgumentException if less than 1
   */
  public void journalCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("journal capacity must be at least 1");
    }
    this.journalCapacity = capacity;
  }

  /**
   * Sets the connection limit.
   *
   * @param limit 0 for none
   * @throws IllegalArgumentException if negative
   */
  public void maxConnections(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("maxConnections must not be negative");
    }
    this.maxConnections = limit;
  }

  /**
   * The settings resolved with the personality's defaults; generates a certificate if TLS is on
   * without material.
   *
   * @return the config
   */
  public DeviceConfig config() {
    FakeIdentity id = identity != null ? identity : type.defaultIdentity();
    TlsMaterial m =
        tlsOn ? (tlsMaterial != null ? tlsMaterial : TlsMaterial.generate(id.serial())) : null;
    List<AccountSpec> list = new ArrayList<>(accounts.values());
    if (list.isEmpty()) {
      list.add(
          new AccountSpec(
              DEFAULT_ADMIN,
              DEFAULT_ADMIN_PASSWORD.toCharArray(),
              AccountLevel.ADMINISTRATOR,
              true));
    }
    return new DeviceConfig(
        type,
        id,
        list,
        lockout,
        rules != null ? rules : type.defaultPasswordRules(),
        clock != null ? clock : FakeClock.defaults(),
        m,
        host,
        port,
        latency,
        faults,
        random,
        new DeviceSetup(type.kind(), lorexProfile, onvifProfile, hikvisionOptions, null),
        journalCapacity,
        maxConnections);
  }
}
