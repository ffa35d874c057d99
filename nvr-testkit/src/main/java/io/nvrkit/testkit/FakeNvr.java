package io.nvrkit.testkit;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.UserAccount;
import io.nvrkit.testkit.internal.engine.DeviceSetup;
import io.nvrkit.testkit.internal.engine.FakeServer;
import io.nvrkit.testkit.internal.engine.FaultPlan;
import io.nvrkit.testkit.internal.engine.Journal;
import io.nvrkit.testkit.internal.engine.Personalities;
import io.nvrkit.testkit.internal.engine.Personality;
import io.nvrkit.testkit.internal.engine.TlsMaterial;
import io.nvrkit.testkit.internal.hikvision.HikvisionPersonality;
import io.nvrkit.testkit.internal.onvif.OnvifPersonality;
import io.nvrkit.testkit.internal.state.Account;
import io.nvrkit.testkit.internal.state.AccountSpec;
import io.nvrkit.testkit.internal.state.DeviceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A fake network video recorder: a real HTTP(S) server on loopback that speaks Lorex (Dahua
 * firmware) CGI and RPC2, or ONVIF, with accounts, lockout, a clock the test controls, scripted
 * faults and a journal of what it received.
 *
 * <p>The recipe is MockWebServer's: script the fake, run the code under test, verify what the
 * device received and what state it is in now.
 *
 * <pre>{@code
 * FakeClock clock = FakeClock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneId.of("America/Toronto"));
 * try (FakeNvr nvr = FakeNvr.lorex()
 *         .identity(FakeIdentity.builder().model("N841A8").serial("ND021811019863").build())
 *         .user("admin", "Old-Passw0rd", AccountLevel.ADMINISTRATOR)
 *         .lockout(Lockout.legacyLorex())           // 3 failures lock for 30 minutes
 *         .latency(Duration.ofMillis(40))
 *         .clock(clock)
 *         .tls(true)
 *         .start()) {
 *   nvr.faultOnce("modifyPassword", Fault.applyThenDrop());   // change applied, answer lost
 *
 *   myCode.rotate(nvr.endpoint(), ...);                        // the code under test
 *
 *   assertTrue(nvr.accepts("admin", Secret.of("New-Passw0rd-1")));
 *   assertFalse(nvr.isLocked("admin"));
 *   assertEquals(1, nvr.journal("modifyPassword").size());
 * }
 * }</pre>
 *
 * <p>Defaults: listens on {@code 127.0.0.1}, a free port, plain HTTP; one reserved account {@value
 * #DEFAULT_ADMIN} / {@value #DEFAULT_ADMIN_PASSWORD} (administrator) unless accounts are given;
 * {@link FakeIdentity#lorexDefaults()}; {@link Lockout#dahuaDefault()}; {@link
 * DevicePasswordRules#dahua()} for Lorex and {@link DevicePasswordRules#lenient()} for ONVIF; a
 * ticking {@link FakeClock#defaults()} (use {@link FakeClock#fixed} when asserting on timers).
 *
 * <p>What each personality reproduces is listed in the testkit README. The Lorex personality has no
 * reset algorithm, no master password and no pre-authentication data: a temporary password exists
 * only after {@link #installTemporaryPassword(Secret)}.
 *
 * <p>Thread-safe: a running fake serves many connections at once, and every method may be called
 * from any thread. {@link #close()} stops it; whoever started it closes it.
 */
public final class FakeNvr implements AutoCloseable {
  /**
   * The operation name that matches every device operation in fault scripts (latency: every
   * request, including the anonymous first round of a Digest exchange, which is no operation).
   */
  public static final String ANY_OPERATION = FaultPlan.ANY;

  /** The account a fake has when none is configured. */
  public static final String DEFAULT_ADMIN = "admin";

  /** The password of {@link #DEFAULT_ADMIN} when no account is configured. */
  public static final String DEFAULT_ADMIN_PASSWORD = "Admin12345";

  private final PersonalityKind kind;
  private final FakeClock clock;
  private final DeviceState state;
  private final FaultPlan faults = new FaultPlan();
  private final Journal journal;
  private final TlsMaterial tls;
  private final FakeServer server;
  private final Personality personality;
  private final Duration initialLatency;
  private final List<Map.Entry<String, Fault>> initialFaults;
  private final RandomFaults initialRandom;

  private record RandomFaults(long seed, double probability, List<Fault> faults) {}

  private FakeNvr(Builder b, TlsMaterial tls) {
    this.kind = b.kind;
    this.clock = b.clock != null ? b.clock : FakeClock.defaults();
    List<AccountSpec> accounts = new ArrayList<>(b.accounts.values());
    if (accounts.isEmpty()) {
      accounts.add(
          new AccountSpec(
              DEFAULT_ADMIN,
              DEFAULT_ADMIN_PASSWORD.toCharArray(),
              AccountLevel.ADMINISTRATOR,
              true));
    }
    DevicePasswordRules rules =
        b.rules != null
            ? b.rules
            : (kind == PersonalityKind.LOREX
                ? DevicePasswordRules.dahua()
                : kind == PersonalityKind.HIKVISION
                    ? DevicePasswordRules.hikvision()
                    : DevicePasswordRules.lenient());
    this.state = new DeviceState(b.identity, accounts, b.lockout, rules, clock);
    this.journal = new Journal(b.journalCapacity);
    this.tls = tls;
    this.initialLatency = b.latency;
    this.initialFaults = List.copyOf(b.faults);
    this.initialRandom = b.random;
    applyInitialFaults();
    Personality p = Personalities.create(state, new DeviceSetup(kind, b.lorexProfile, b.options));
    this.personality = p;
    this.server = new FakeServer(p, faults, journal, clock, tls, b.host, b.port);
    this.server.maxConnections(b.maxConnections);
  }

  /**
   * A builder for a fake Lorex recorder.
   *
   * @return a new builder
   */
  public static Builder lorex() {
    return new Builder(PersonalityKind.LOREX);
  }

  /**
   * A builder for a fake ONVIF device.
   *
   * @return a new builder
   */
  public static Builder onvif() {
    return new Builder(PersonalityKind.ONVIF);
  }

  /**
   * A builder for a fake Hikvision recorder (ISAPI, SADP); defaults {@link
   * FakeIdentity#hikvisionDefaults()}, {@link Lockout#hikvisionDefault()} (per source IP), {@link
   * DevicePasswordRules#hikvision()}, {@link HikvisionProfile#defaults()}.
   *
   * @return a new builder
   */
  public static Builder hikvision() {
    return new Builder(PersonalityKind.HIKVISION);
  }

  /**
   * A builder for a fake of the given kind.
   *
   * @param kind the personality
   * @return a new builder
   */
  public static Builder builder(PersonalityKind kind) {
    return new Builder(Objects.requireNonNull(kind, "kind"));
  }

  // ------------------------------------------------------------------ where

  /**
   * Which firmware this fake imitates.
   *
   * @return the personality
   */
  public PersonalityKind kind() {
    return kind;
  }

  /**
   * The base URL, e.g. {@code http://127.0.0.1:50123}.
   *
   * @return the URL
   */
  public URI url() {
    return URI.create(
        (tls != null ? "https" : "http")
            + "://"
            + server.address().getHostAddress()
            + ":"
            + server.port());
  }

  /**
   * The URL of {@code pathAndQuery} on this fake.
   *
   * @param pathAndQuery an absolute path with an already-encoded query
   * @return the URL
   * @throws IllegalArgumentException if the path does not start with {@code /}
   */
  public URI url(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /");
    }
    return URI.create(url() + pathAndQuery);
  }

  /**
   * The port listened on.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /**
   * This fake as a device endpoint; over TLS it trusts exactly this fake's key ({@link
   * TlsTrust#pinned}).
   *
   * @return the endpoint
   */
  public DeviceEndpoint endpoint() {
    DeviceEndpoint.Builder b = DeviceEndpoint.builder(url().toString());
    if (tls != null) {
      b.tlsTrust(TlsTrust.pinned(tls.pin()));
    }
    return b.build();
  }

  /**
   * The SPKI SHA-256 pin of the certificate, base64 (the format {@link TlsTrust#pinned} takes).
   *
   * @return the pin, or empty for plain HTTP
   */
  public Optional<String> pin() {
    return tls == null ? Optional.empty() : Optional.of(tls.pin());
  }

  /**
   * The UDP address of the discovery responder: WS-Discovery of an ONVIF fake, SADP of a Hikvision
   * fake (send a unicast Probe there); empty for Lorex fakes and when discovery is off. See {@link
   * OnvifProfile.Discovery} and {@link HikvisionProfile.Builder#sadp}.
   *
   * @return the responder's address
   */
  public Optional<InetSocketAddress> discoveryAddress() {
    if (personality instanceof HikvisionPersonality) {
      return ((HikvisionPersonality) personality).sadpAddress();
    }
    return personality instanceof OnvifPersonality
        ? ((OnvifPersonality) personality).discoveryAddress()
        : Optional.empty();
  }

  /**
   * The device's clock.
   *
   * @return the clock
   */
  public FakeClock clock() {
    return clock;
  }

  /**
   * The identity the device reports.
   *
   * @return the identity
   */
  public FakeIdentity identity() {
    return state.identity();
  }

  // ------------------------------------------------------------------ state inspection

  /**
   * Whether {@code password} would log {@code user} in now (its own password or a valid temporary
   * password). Counts no attempt and ignores a lock.
   *
   * @param user the account
   * @param password the candidate
   * @return true if it matches
   */
  public boolean accepts(String user, Secret password) {
    char[] c = password.copyChars();
    try {
      return state.accepts(user, c);
    } finally {
      Arrays.fill(c, '\0');
    }
  }

  /**
   * Whether {@code user} is locked now. A Hikvision fake locks source IPs, not accounts: there it
   * says whether any client IP is locked.
   *
   * @param user the account
   * @return true if locked
   */
  public boolean isLocked(String user) {
    if (personality instanceof HikvisionPersonality) {
      return ((HikvisionPersonality) personality).anyIpLocked();
    }
    return state.isLocked(user);
  }

  /**
   * How long {@code user} stays locked, on the device's clock.
   *
   * @param user the account
   * @return the remaining lock, zero if not locked
   */
  public Duration remainingLock(String user) {
    if (personality instanceof HikvisionPersonality) {
      return ((HikvisionPersonality) personality).longestIpLock();
    }
    return state.remainingLock(user);
  }

  /**
   * Consecutive failed logins of {@code user} since its last success or lock expiry.
   *
   * @param user the account
   * @return the count
   */
  public int failedAttempts(String user) {
    if (personality instanceof HikvisionPersonality) {
      return ((HikvisionPersonality) personality).mostIllegalLogins();
    }
    return state.failedAttempts(user);
  }

  /**
   * The accounts now on the device (names, levels, groups in this personality's words).
   *
   * @return the accounts, in creation order
   */
  public List<UserAccount> users() {
    List<UserAccount> out = new ArrayList<>();
    for (Account a : state.accounts()) {
      out.add(new UserAccount(a.name(), a.level(), groupName(a.level()), a.reserved()));
    }
    return out;
  }

  /**
   * The number of live RPC sessions (Lorex {@code /RPC2_Login}).
   *
   * @return the count
   */
  public int activeSessions() {
    return state.sessions().size();
  }

  // ------------------------------------------------------------------ test hooks

  /**
   * Installs a temporary password for {@value #DEFAULT_ADMIN}, as the vendor's support desk does
   * out of band in the Lorex procedure: valid until the end of the device's day ({@link
   * FakeClock#endOfDay()}), it logs in and is accepted as the old password of {@code
   * modifyPassword}; a successful change ends it.
   *
   * @param temporary the temporary password
   * @return the last instant it is valid
   */
  public Instant installTemporaryPassword(Secret temporary) {
    Instant until = clock.endOfDay();
    installTemporaryPassword(DEFAULT_ADMIN, temporary, until);
    return until;
  }

  /**
   * Installs a temporary password for any account until any instant.
   *
   * @param user the account
   * @param temporary the temporary password
   * @param validUntil the last instant it is valid
   */
  public void installTemporaryPassword(String user, Secret temporary, Instant validUntil) {
    char[] c = temporary.copyChars();
    try {
      state.installTemporaryPassword(user, c, validUntil);
    } finally {
      Arrays.fill(c, '\0');
    }
  }

  /**
   * Sets an account's password directly (as someone at the recorder's screen would), without the
   * device's rules.
   *
   * @param user the account
   * @param password the new password
   * @throws IllegalArgumentException if there is no such account
   */
  public void setPassword(String user, Secret password) {
    char[] c = password.copyChars();
    try {
      if (state.setPassword(user, c, false) != DeviceState.Change.OK) {
        throw new IllegalArgumentException("no account " + user);
      }
    } finally {
      Arrays.fill(c, '\0');
    }
  }

  // ------------------------------------------------------------------ faults

  /**
   * Applies {@code fault} to the next request for {@code operation}, once.
   *
   * @param operation an operation name ({@code modifyPassword}, {@code getSerialNo}, {@code login},
   *     {@code SetUser}...) or {@link #ANY_OPERATION}
   * @param fault the fault
   */
  public void faultOnce(String operation, Fault fault) {
    faults.once(operation, fault);
  }

  /**
   * Applies {@code fault} to every request for {@code operation} until {@link #clearFaults()}.
   *
   * @param operation an operation name or {@link #ANY_OPERATION}
   * @param fault the fault
   */
  public void faultAlways(String operation, Fault fault) {
    faults.always(operation, fault);
  }

  /**
   * For every request, with probability {@code probability}, applies one fault drawn from {@code
   * candidates}; reproducible for a given seed and request order.
   *
   * @param seed the seed
   * @param probability 0 to 1
   * @param candidates the faults to draw from
   * @throws IllegalArgumentException if the probability is out of range or there is nothing to draw
   */
  public void faultAtRandom(long seed, double probability, List<Fault> candidates) {
    faults.random(seed, probability, candidates);
  }

  /**
   * Changes the delay added to every answer.
   *
   * @param latency the delay, zero for none
   */
  public void setLatency(Duration latency) {
    faults.baseLatency(latency);
  }

  /** Removes every scripted fault, the random draw and the latency. */
  public void clearFaults() {
    faults.clear();
  }

  // ------------------------------------------------------------------ journal

  /**
   * Every request received so far (the most recent 10,000 by default), oldest first.
   *
   * @return a snapshot
   */
  public List<RecordedRequest> journal() {
    return journal.snapshot();
  }

  /**
   * The requests received for {@code operation}.
   *
   * @param operation the operation name
   * @return a snapshot, oldest first
   */
  public List<RecordedRequest> journal(String operation) {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : journal.snapshot()) {
      if (r.operation().equals(operation)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Empties the journal. */
  public void clearJournal() {
    journal.clear();
  }

  // ------------------------------------------------------------------ life cycle

  /**
   * Back to the state the fake started with: identity, accounts and passwords, lock counters,
   * sessions, temporary password, clock, journal, and the faults and latency of the builder. The
   * port and certificate stay. Use it to share one fake between tests; a client's lockout ledger
   * belongs to its {@code NvrKit}, so a test that needs a fresh one builds its own kit.
   */
  public void reset() {
    clock.reset();
    state.reset();
    if (personality instanceof HikvisionPersonality) {
      ((HikvisionPersonality) personality).reset();
    }
    journal.clear();
    faults.clear();
    applyInitialFaults();
  }

  /** Stops listening and closes every connection. Idempotent. */
  @Override
  public void close() {
    server.close();
    personality.stopped();
  }

  /** Personality and URL. */
  @Override
  public String toString() {
    return "FakeNvr[" + kind + " " + url() + "]";
  }

  DeviceState state() {
    return state;
  }

  /** The start time a Hikvision fake shows in SADP (device-local); empty for other kinds. */
  Optional<LocalDateTime> hikvisionStartTime() {
    return personality instanceof HikvisionPersonality
        ? Optional.of(((HikvisionPersonality) personality).startTime())
        : Optional.empty();
  }

  private void start() {
    try {
      server.start();
      personality.started(url());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake device", e);
    }
  }

  private void applyInitialFaults() {
    faults.baseLatency(initialLatency);
    for (Map.Entry<String, Fault> f : initialFaults) {
      faults.always(f.getKey(), f.getValue());
    }
    if (initialRandom != null) {
      faults.random(initialRandom.seed(), initialRandom.probability(), initialRandom.faults());
    }
  }

  private String groupName(AccountLevel level) {
    if (kind == PersonalityKind.LOREX) {
      return level == AccountLevel.ADMINISTRATOR ? "admin" : "user";
    }
    if (kind == PersonalityKind.HIKVISION) {
      return level == AccountLevel.ADMINISTRATOR
          ? "Administrator"
          : level == AccountLevel.OPERATOR ? "Operator" : "Viewer";
    }
    switch (level) {
      case ADMINISTRATOR:
        return "Administrator";
      case OPERATOR:
        return "Operator";
      case ANONYMOUS:
        return "Anonymous";
      case USER:
        return "User";
      default:
        return "Extended";
    }
  }

  /**
   * Builds and starts a {@link FakeNvr}. Every option has a default (see {@link FakeNvr}). Not
   * thread-safe.
   */
  public static final class Builder {
    private final PersonalityKind kind;
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
    private final List<Map.Entry<String, Fault>> faults = new ArrayList<>();
    private RandomFaults random;
    private LorexProfile lorexProfile = LorexProfile.defaults();
    private final Map<String, String> options = new LinkedHashMap<>();
    private int journalCapacity = 10_000;
    private int maxConnections;

    private Builder(PersonalityKind kind) {
      this.kind = kind;
      boolean hik = kind == PersonalityKind.HIKVISION;
      this.identity = hik ? FakeIdentity.hikvisionDefaults() : FakeIdentity.lorexDefaults();
      this.lockout = hik ? Lockout.hikvisionDefault() : Lockout.dahuaDefault();
      try {
        this.host = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * The identity the device reports. Default {@link FakeIdentity#lorexDefaults()}; Hikvision
     * {@link FakeIdentity#hikvisionDefaults()}.
     *
     * @param id the identity
     * @return this builder
     */
    public Builder identity(FakeIdentity id) {
      this.identity = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * Adds (or replaces) an account. The account named {@value FakeNvr#DEFAULT_ADMIN} is reserved
     * (cannot be deleted), as on a real recorder; other accounts are not.
     *
     * @param name the account name
     * @param password the password (test configuration; use {@link #user(String, Secret,
     *     AccountLevel)} to avoid a String)
     * @param level the privilege level
     * @return this builder
     */
    public Builder user(String name, String password, AccountLevel level) {
      return addUser(name, password.toCharArray(), level, DEFAULT_ADMIN.equals(name));
    }

    /**
     * Adds (or replaces) an account.
     *
     * @param name the account name
     * @param password the password (copied)
     * @param level the privilege level
     * @return this builder
     */
    public Builder user(String name, Secret password, AccountLevel level) {
      return addUser(name, password.copyChars(), level, DEFAULT_ADMIN.equals(name));
    }

    /**
     * Adds (or replaces) a reserved account: built in, cannot be deleted (Lorex {@code
     * Reserved=true}, ONVIF fixed user).
     *
     * @param name the account name
     * @param password the password
     * @param level the privilege level
     * @return this builder
     */
    public Builder reservedUser(String name, String password, AccountLevel level) {
      return addUser(name, password.toCharArray(), level, true);
    }

    private Builder addUser(String name, char[] password, AccountLevel level, boolean reserved) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(level, "level");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("account name must not be empty");
      }
      accounts.put(name, new AccountSpec(name, password, level, reserved));
      return this;
    }

    /**
     * The lockout settings. Default {@link Lockout#dahuaDefault()} (5 attempts, 300 s); Hikvision
     * {@link Lockout#hikvisionDefault()} (5 attempts, 1800 s, per source IP).
     *
     * @param l the settings
     * @return this builder
     */
    public Builder lockout(Lockout l) {
      this.lockout = Objects.requireNonNull(l, "l");
      return this;
    }

    /**
     * The rules the firmware enforces on new passwords. Default {@link DevicePasswordRules#dahua()}
     * for Lorex, {@link DevicePasswordRules#hikvision()} for Hikvision, {@link
     * DevicePasswordRules#lenient()} for ONVIF.
     *
     * @param r the rules
     * @return this builder
     */
    public Builder passwordRules(DevicePasswordRules r) {
      this.rules = Objects.requireNonNull(r, "r");
      return this;
    }

    /**
     * The device's clock. Default a new {@link FakeClock#defaults()}.
     *
     * @param c the clock (may be shared between fakes)
     * @return this builder
     */
    public Builder clock(FakeClock c) {
      this.clock = Objects.requireNonNull(c, "c");
      return this;
    }

    /**
     * Serve HTTPS with a certificate generated at start (EC P-256, SAN 127.0.0.1). Default false.
     *
     * @param on true for HTTPS
     * @return this builder
     */
    public Builder tls(boolean on) {
      this.tlsOn = on;
      return this;
    }

    Builder tlsMaterial(TlsMaterial m) {
      this.tlsMaterial = m;
      this.tlsOn = m != null;
      return this;
    }

    /**
     * The address to listen on. Default {@code 127.0.0.1}.
     *
     * @param address an address literal or host name of this machine
     * @return this builder
     * @throws IllegalArgumentException if it cannot be resolved
     */
    public Builder host(String address) {
      try {
        this.host = InetAddress.getByName(Objects.requireNonNull(address, "address"));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("unknown host: " + address, e);
      }
      return this;
    }

    /**
     * The port to listen on. Default 0: a free port.
     *
     * @param p 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("port out of range: " + p);
      }
      this.port = p;
      return this;
    }

    /**
     * A delay added to every answer (on the server's thread). Default zero.
     *
     * @param d the delay
     * @return this builder
     */
    public Builder latency(Duration d) {
      if (Objects.requireNonNull(d, "d").isNegative()) {
        throw new IllegalArgumentException("latency must not be negative");
      }
      this.latency = d;
      return this;
    }

    /**
     * A fault applied to every request for {@code operation} (sticky; {@link FakeNvr#reset()}
     * restores it).
     *
     * @param operation an operation name or {@link FakeNvr#ANY_OPERATION}
     * @param fault the fault
     * @return this builder
     */
    public Builder fault(String operation, Fault fault) {
      faults.add(Map.entry(Objects.requireNonNull(operation), Objects.requireNonNull(fault)));
      return this;
    }

    /**
     * Faults drawn at random: each request, with probability {@code probability}, gets one of
     * {@code candidates}.
     *
     * @param seed the seed
     * @param probability 0 to 1
     * @param candidates the faults
     * @return this builder
     * @throws IllegalArgumentException if the probability is out of range
     */
    public Builder faultAtRandom(long seed, double probability, List<Fault> candidates) {
      if (probability < 0 || probability > 1 || Double.isNaN(probability)) {
        throw new IllegalArgumentException("probability must be between 0 and 1");
      }
      this.random = new RandomFaults(seed, probability, List.copyOf(candidates));
      return this;
    }

    /**
     * Firmware variations of the Lorex personality. Default {@link LorexProfile#defaults()}.
     *
     * @param p the profile
     * @return this builder
     */
    public Builder lorexProfile(LorexProfile p) {
      this.lorexProfile = Objects.requireNonNull(p, "p");
      return this;
    }

    /**
     * The ONVIF firmware variations (authentication, token window, limits, discovery); see {@link
     * OnvifProfile}. Default {@link OnvifProfile#defaults()}. Only used by ONVIF fakes.
     *
     * @param p the profile
     * @return this builder
     */
    public Builder onvifProfile(OnvifProfile p) {
      options.putAll(Objects.requireNonNull(p, "p").asOptions());
      return this;
    }

    /**
     * The Hikvision firmware variations (namespace, authentication, nonces, activation, SADP); see
     * {@link HikvisionProfile}. Default {@link HikvisionProfile#defaults()}. Only used by Hikvision
     * fakes.
     *
     * @param p the profile
     * @return this builder
     */
    public Builder hikvisionProfile(HikvisionProfile p) {
      options.putAll(Objects.requireNonNull(p, "p").asOptions());
      return this;
    }

    /**
     * A personality option by name, for settings that have no typed method yet.
     *
     * @param name the option
     * @param value its value
     * @return this builder
     */
    public Builder option(String name, String value) {
      options.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
      return this;
    }

    /**
     * How many requests the journal keeps (the oldest are dropped). Default 10,000.
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder journalCapacity(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("journal capacity must be at least 1");
      }
      this.journalCapacity = n;
      return this;
    }

    /**
     * How many connections the device serves at once; beyond that every request gets the
     * connection-limit answer (401 even to valid credentials, no failed attempt counted), as a full
     * recorder does. Default 0: no limit.
     *
     * @param n the limit, 0 for none
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxConnections(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxConnections must not be negative");
      }
      this.maxConnections = n;
      return this;
    }

    /**
     * Builds the fake without starting it (for {@link FakeNvrFleet}).
     *
     * @return the fake
     */
    FakeNvr build() {
      TlsMaterial m =
          tlsOn
              ? (tlsMaterial != null ? tlsMaterial : TlsMaterial.generate(identity.serial()))
              : null;
      return new FakeNvr(this, m);
    }

    /**
     * Builds the fake and starts listening.
     *
     * @return the running fake; close it when done
     * @throws UncheckedIOException if the port cannot be bound
     * @throws UnsupportedOperationException if the personality is not part of this build
     */
    public FakeNvr start() {
      FakeNvr n = build();
      n.start();
      return n;
    }
  }

  void startInternal() {
    start();
  }
}
