package io.nvrkit.testkit;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.UserAccount;
import io.nvrkit.testkit.internal.engine.Acceptor;
import io.nvrkit.testkit.internal.engine.DeviceSpec;
import io.nvrkit.testkit.internal.engine.FakeDevice;
import io.nvrkit.testkit.internal.engine.FaultPlan;
import io.nvrkit.testkit.internal.engine.TlsMaterial;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fake network video recorder: a real HTTP(S) server on loopback that speaks Lorex (Dahua
 * firmware) CGI and RPC2, ONVIF, or Hikvision ISAPI, with accounts, lockout, a clock the test
 * controls, scripted faults and a journal of what it received.
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
 *   nvr.faultOnce(DeviceOperation.CHANGE_PASSWORD, Fault.applyThenDrop()); // applied, answer lost
 *
 *   myCode.rotate(nvr.endpoint(), ...);                        // the code under test
 *
 *   assertTrue(nvr.accepts("admin", Secret.of("New-Passw0rd-1")));
 *   assertFalse(nvr.isLocked("admin"));
 *   assertEquals(1, nvr.journal(DeviceOperation.CHANGE_PASSWORD).size());
 * }
 * }</pre>
 *
 * <p>Defaults: listens on {@code 127.0.0.1}, a free port, plain HTTP; one reserved account {@value
 * #DEFAULT_ADMIN} / {@value #DEFAULT_ADMIN_PASSWORD} (administrator) unless accounts are given; the
 * personality's identity ({@link FakeIdentity#lorexDefaults()}, {@link
 * FakeIdentity#onvifDefaults()}, {@link FakeIdentity#hikvisionDefaults()}); {@link
 * Lockout#dahuaDefault()} ({@link Lockout#hikvisionDefault()} for Hikvision); {@link
 * DevicePasswordRules#dahua()} for Lorex, {@link DevicePasswordRules#hikvision()} for Hikvision and
 * {@link DevicePasswordRules#lenient()} for ONVIF; a ticking {@link FakeClock#defaults()} (use
 * {@link FakeClock#fixed} when asserting on timers).
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
   * The protocol-name wildcard: matches every device operation in fault scripts on protocol names
   * (the same as {@link DeviceOperation#ANY}).
   */
  public static final String ANY_OPERATION = FaultPlan.ANY;

  /** The account a fake has when none is configured. */
  public static final String DEFAULT_ADMIN = DeviceSpec.DEFAULT_ADMIN;

  /** The password of {@link #DEFAULT_ADMIN} when no account is configured. */
  public static final String DEFAULT_ADMIN_PASSWORD = DeviceSpec.DEFAULT_ADMIN_PASSWORD;

  private final FakeDevice device;

  private FakeNvr(FakeDevice device) {
    this.device = device;
  }

  /** A builder for a fake Lorex recorder. */
  public static Builder lorex() {
    return new Builder(PersonalityKind.LOREX);
  }

  /** A builder for a fake ONVIF device. */
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
   * @throws UnsupportedOperationException if that personality is not part of this build
   */
  public static Builder builder(PersonalityKind kind) {
    return new Builder(Objects.requireNonNull(kind, "kind"));
  }

  // ------------------------------------------------------------------ where

  /** Which firmware this fake imitates. */
  public PersonalityKind kind() {
    return device.config().type().kind();
  }

  /**
   * The base URL, e.g. {@code http://127.0.0.1:50123}; {@code url().resolve("/path")} for others.
   */
  public URI url() {
    return device.url();
  }

  /** The port listened on. */
  public int port() {
    return device.port();
  }

  /**
   * This fake as a device endpoint; over TLS it trusts exactly this fake's key ({@link
   * TlsTrust#pinned}).
   *
   * @return the endpoint
   */
  public DeviceEndpoint endpoint() {
    return device.endpoint();
  }

  /** The SPKI SHA-256 pin of the certificate, base64 (the format {@link TlsTrust#pinned} takes). */
  public Optional<String> pin() {
    return device.pin();
  }

  /**
   * The UDP address of the discovery responder: WS-Discovery of an ONVIF fake, SADP of a Hikvision
   * fake (send a unicast Probe there); empty for Lorex fakes and when discovery is off. See {@link
   * OnvifProfile.Discovery} and {@link HikvisionProfile.Builder#sadp}.
   *
   * @return the responder's address
   */
  public Optional<InetSocketAddress> discoveryAddress() {
    return device.discoveryAddress();
  }

  /**
   * Whether the discovery responder also listens on its multicast group (239.255.255.250, port 3702
   * for ONVIF, 37020 for Hikvision SADP), joined on the loopback interface. False when discovery is
   * off or unicast only, and where the host refused the join: a test of multicast discovery skips
   * itself then.
   *
   * @return true if the group was joined
   */
  public boolean discoveryMulticast() {
    return device.discoveryMulticast();
  }

  /** The device's clock. */
  public FakeClock clock() {
    return device.clock();
  }

  /** The identity the device reports. */
  public FakeIdentity identity() {
    return device.state().identity();
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
    return device.accepts(user, password);
  }

  /**
   * Whether {@code user} is locked now. A Hikvision fake locks source IPs, not accounts: there it
   * says whether any client IP is locked.
   *
   * @param user the account
   * @return true if locked
   */
  public boolean isLocked(String user) {
    return device.isLocked(user);
  }

  /**
   * How long {@code user} stays locked, on the device's clock.
   *
   * @param user the account
   * @return the remaining lock, zero if not locked
   */
  public Duration remainingLock(String user) {
    return device.remainingLock(user);
  }

  /**
   * Consecutive failed logins of {@code user} since its last success or lock expiry.
   *
   * @param user the account
   * @return the count
   */
  public int failedAttempts(String user) {
    return device.failedAttempts(user);
  }

  /** The accounts now on the device (names, levels, groups in this personality's words). */
  public List<UserAccount> users() {
    return device.users();
  }

  /**
   * The TCP connections this device accepted since it started (plain or TLS, whatever happened on
   * them); with {@link #journal()} it tells whether a client kept its connections alive.
   *
   * @return the count
   */
  public int connectionsAccepted() {
    return device.connectionsAccepted();
  }

  /** The number of live RPC sessions (Lorex {@code /RPC2_Login}). */
  public int activeSessions() {
    return device.activeSessions();
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
    Instant until = clock().endOfDay();
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
    device.installTemporaryPassword(user, temporary, validUntil);
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
    device.setPassword(user, password);
  }

  // ------------------------------------------------------------------ faults

  /**
   * Applies {@code fault} to the next request for {@code operation}, once. The same call works on
   * every personality.
   *
   * @param operation the operation, e.g. {@link DeviceOperation#CHANGE_PASSWORD}
   * @param fault the fault
   */
  public void faultOnce(DeviceOperation operation, Fault fault) {
    device.faults().once(FaultPlan.Rule.on(operation, fault));
  }

  /**
   * Applies {@code fault} to the next request for a protocol operation of this personality, once
   * (the escape hatch for what {@link DeviceOperation} does not name).
   *
   * @param protocolOperation the personality's name ({@code modifyPassword}, {@code getSerialNo},
   *     {@code login}, {@code SetUser}...) or {@link #ANY_OPERATION}
   * @param fault the fault
   * @throws IllegalArgumentException if this personality has no such operation (the message lists
   *     the nearest and all valid names)
   */
  public void faultOnce(String protocolOperation, Fault fault) {
    device.faults().once(device.rule(protocolOperation, fault));
  }

  /**
   * Applies {@code fault} to every request for {@code operation} until {@link #clearFaults()}.
   *
   * @param operation the operation, e.g. {@link DeviceOperation#LOGIN}
   * @param fault the fault
   */
  public void faultAlways(DeviceOperation operation, Fault fault) {
    device.faults().always(FaultPlan.Rule.on(operation, fault));
  }

  /**
   * Applies {@code fault} to every request for a protocol operation until {@link #clearFaults()}.
   *
   * @param protocolOperation the personality's name or {@link #ANY_OPERATION}
   * @param fault the fault
   * @throws IllegalArgumentException if this personality has no such operation
   */
  public void faultAlways(String protocolOperation, Fault fault) {
    device.faults().always(device.rule(protocolOperation, fault));
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
    device.faults().random(seed, probability, candidates);
  }

  /**
   * Changes the delay added to every answer (the builder's {@link Builder#latency(Duration)}).
   *
   * @param delay the delay, zero for none
   * @throws IllegalArgumentException if negative
   */
  public void latency(Duration delay) {
    device.latency(Objects.requireNonNull(delay, "delay"));
  }

  /** Removes every scripted fault, the random draw and the latency. */
  public void clearFaults() {
    device.faults().clear();
  }

  // ------------------------------------------------------------------ journal

  /** Every request received so far (the most recent 10,000 by default), oldest first. */
  public List<RecordedRequest> journal() {
    return device.journal();
  }

  /**
   * The requests received for {@code operation} (see {@link RecordedRequest#matches}).
   *
   * @param operation the operation
   * @return a snapshot, oldest first
   */
  public List<RecordedRequest> journal(DeviceOperation operation) {
    return device.journal(Objects.requireNonNull(operation, "operation"));
  }

  /**
   * The requests received for a protocol operation of this personality.
   *
   * @param protocolOperation the personality's name, e.g. {@code modifyPassword}
   * @return a snapshot, oldest first
   * @throws IllegalArgumentException if this personality has no such operation
   */
  public List<RecordedRequest> journal(String protocolOperation) {
    return device.journal(protocolOperation);
  }

  /** Empties the journal. */
  public void clearJournal() {
    device.clearJournal();
  }

  // ------------------------------------------------------------------ life cycle

  /**
   * Back to the state the fake started with: identity, accounts and passwords, lock counters,
   * sessions, temporary password, clock, journal, and the faults and latency of the builder. The
   * port and certificate stay. Use it to share one fake between tests; a client's lockout ledger
   * belongs to its {@code NvrKit}, so a test that needs a fresh one builds its own kit.
   */
  public void reset() {
    clock().reset();
    device.reset();
  }

  /** Stops listening and closes every connection. Idempotent. */
  @Override
  public void close() {
    device.close();
  }

  /** Personality and URL. */
  @Override
  public String toString() {
    return "FakeNvr[" + kind() + " " + url() + "]";
  }

  /** The start time a Hikvision fake shows in SADP (device-local); empty for other kinds. */
  Optional<LocalDateTime> hikvisionStartTime() {
    return device.hikvisionStartTime();
  }

  void startInternal() {
    device.start();
  }

  FakeDevice device() {
    return device;
  }

  /**
   * Builds and starts a {@link FakeNvr}. Every option has a default (see {@link FakeNvr}). Not
   * thread-safe.
   */
  public static final class Builder {
    private final DeviceSpec spec;

    private Builder(PersonalityKind kind) {
      this.spec = new DeviceSpec(kind);
    }

    /**
     * The identity the device reports. Default: the personality's ({@link
     * FakeIdentity#lorexDefaults()}, {@link FakeIdentity#onvifDefaults()}, {@link
     * FakeIdentity#hikvisionDefaults()}).
     *
     * @param identity the identity
     */
    public Builder identity(FakeIdentity identity) {
      spec.identity(identity);
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
     */
    public Builder user(String name, String password, AccountLevel level) {
      spec.user(name, password.toCharArray(), level, DEFAULT_ADMIN.equals(name));
      return this;
    }

    /**
     * Adds (or replaces) an account.
     *
     * @param name the account name
     * @param password the password (copied)
     * @param level the privilege level
     */
    public Builder user(String name, Secret password, AccountLevel level) {
      spec.user(name, password.copyChars(), level, DEFAULT_ADMIN.equals(name));
      return this;
    }

    /**
     * Adds (or replaces) a reserved account: built in, cannot be deleted (Lorex {@code
     * Reserved=true}, ONVIF fixed user).
     *
     * @param name the account name
     * @param password the password
     * @param level the privilege level
     */
    public Builder reservedUser(String name, String password, AccountLevel level) {
      spec.user(name, password.toCharArray(), level, true);
      return this;
    }

    /**
     * The lockout settings. Default {@link Lockout#dahuaDefault()} (5 attempts, 300 s); Hikvision
     * {@link Lockout#hikvisionDefault()} (5 attempts, 1800 s, per source IP).
     *
     * @param lockout the settings
     */
    public Builder lockout(Lockout lockout) {
      spec.lockout(lockout);
      return this;
    }

    /**
     * The rules the firmware enforces on new passwords. Default {@link DevicePasswordRules#dahua()}
     * for Lorex, {@link DevicePasswordRules#hikvision()} for Hikvision, {@link
     * DevicePasswordRules#lenient()} for ONVIF.
     *
     * @param rules the rules
     */
    public Builder passwordRules(DevicePasswordRules rules) {
      spec.passwordRules(rules);
      return this;
    }

    /**
     * The device's clock. Default a new {@link FakeClock#defaults()}.
     *
     * @param clock the clock (may be shared between fakes)
     */
    public Builder clock(FakeClock clock) {
      spec.clock(clock);
      return this;
    }

    /**
     * Serve HTTPS with a certificate generated at start (EC P-256, SAN 127.0.0.1). Default false.
     *
     * @param on true for HTTPS
     */
    public Builder tls(boolean on) {
      spec.tls(on);
      return this;
    }

    Builder tlsMaterial(TlsMaterial m) {
      spec.tlsMaterial(m);
      return this;
    }

    /**
     * The address to listen on. Default {@code 127.0.0.1}.
     *
     * @param address an address literal or host name of this machine
     * @throws IllegalArgumentException if it cannot be resolved
     */
    public Builder host(String address) {
      spec.host(address);
      return this;
    }

    /**
     * The port to listen on. Default 0: a free port.
     *
     * @param port 0 to 65535
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      spec.port(port);
      return this;
    }

    /**
     * A delay added to every answer (on the server's thread). Default zero.
     *
     * @param delay the delay
     * @throws IllegalArgumentException if negative
     */
    public Builder latency(Duration delay) {
      spec.latency(delay);
      return this;
    }

    /**
     * A fault applied to every request for {@code operation} (sticky; {@link FakeNvr#reset()}
     * restores it). The instance method of the same name scripts it on a running fake.
     *
     * @param operation the operation, e.g. {@link DeviceOperation#CHANGE_PASSWORD}
     * @param fault the fault
     */
    public Builder faultAlways(DeviceOperation operation, Fault fault) {
      spec.faultAlways(operation, fault);
      return this;
    }

    /**
     * A fault applied to every request for a protocol operation of this personality (sticky).
     *
     * @param protocolOperation the personality's name or {@link FakeNvr#ANY_OPERATION}
     * @param fault the fault
     * @throws IllegalArgumentException if this personality has no such operation (the message lists
     *     the nearest and all valid names)
     */
    public Builder faultAlways(String protocolOperation, Fault fault) {
      spec.faultAlways(protocolOperation, fault);
      return this;
    }

    /**
     * Faults drawn at random: each request, with probability {@code probability}, gets one of
     * {@code candidates}.
     *
     * @param seed the seed
     * @param probability 0 to 1
     * @param candidates the faults
     * @throws IllegalArgumentException if the probability is out of range
     */
    public Builder faultAtRandom(long seed, double probability, List<Fault> candidates) {
      spec.faultAtRandom(seed, probability, candidates);
      return this;
    }

    /**
     * Firmware variations of the Lorex personality. Default {@link LorexProfile#defaults()}.
     *
     * @param profile the profile
     */
    public Builder lorexProfile(LorexProfile profile) {
      spec.lorexProfile(profile);
      return this;
    }

    /**
     * The ONVIF firmware variations (authentication, token window, limits, discovery); see {@link
     * OnvifProfile}. Default {@link OnvifProfile#defaults()}. Only used by ONVIF fakes.
     *
     * @param profile the profile
     * @return this builder
     */
    public Builder onvifProfile(OnvifProfile profile) {
      spec.onvifProfile(profile);
      return this;
    }

    /**
     * The Hikvision firmware variations (namespace, authentication, nonces, activation, SADP); see
     * {@link HikvisionProfile}. Default {@link HikvisionProfile#defaults()}. Only used by Hikvision
     * fakes.
     *
     * @param profile the profile
     * @return this builder
     */
    public Builder hikvisionProfile(HikvisionProfile profile) {
      spec.hikvisionOptions(Objects.requireNonNull(profile, "profile").asOptions());
      return this;
    }

    /**
     * How many requests the journal keeps (the oldest are dropped). Default 10,000.
     *
     * @param capacity at least 1
     * @throws IllegalArgumentException if less than 1
     */
    public Builder journalCapacity(int capacity) {
      spec.journalCapacity(capacity);
      return this;
    }

    /**
     * How many connections the device serves at once; beyond that every request gets the
     * connection-limit answer (401 even to valid credentials, no failed attempt counted), as a full
     * recorder does. Default 0: no limit.
     *
     * @param limit the limit, 0 for none
     * @throws IllegalArgumentException if negative
     */
    public Builder maxConnections(int limit) {
      spec.maxConnections(limit);
      return this;
    }

    /** Builds the fake without starting it, on a fleet's network loop ({@code null}: its own). */
    FakeNvr build(Acceptor sharedLoop) {
      return new FakeNvr(new FakeDevice(spec.config(), sharedLoop));
    }

    /**
     * Builds the fake and starts listening.
     *
     * @return the running fake; close it when done
     * @throws UncheckedIOException if the port cannot be bound
     * @throws UnsupportedOperationException if the personality is not part of this build
     */
    public FakeNvr start() {
      FakeNvr n = build(null);
      n.startInternal();
      return n;
    }
  }
}
