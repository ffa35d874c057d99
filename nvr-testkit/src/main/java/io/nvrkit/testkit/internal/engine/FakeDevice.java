package io.nvrkit.testkit.internal.engine;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.RecordedRequest;
import io.nvrkit.testkit.internal.hikvision.HikvisionPersonality;
import io.nvrkit.testkit.internal.onvif.OnvifPersonality;
import io.nvrkit.testkit.internal.state.Account;
import io.nvrkit.testkit.internal.state.DeviceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The implementation behind {@code FakeNvr}: the state, the personality, the fault plan, the
 * journal and the server of one fake device, wired together. Thread-safe.
 */
public final class FakeDevice {
  private final DeviceConfig config;
  private final DeviceState state;
  private final FaultPlan faults = new FaultPlan();
  private final Journal journal;
  private final Personality personality;
  private final FakeServer server;
  private final Acceptor loop;
  private final boolean ownsLoop;

  /**
   * A device, not yet listening.
   *
   * @param config the resolved settings
   * @param sharedLoop the network loop of the fleet it belongs to (the fleet closes it), or null
   *     for a loop of its own, closed with the device
   * @throws IllegalArgumentException if the personality refuses its settings
   */
  public FakeDevice(DeviceConfig config, Acceptor sharedLoop) {
    this.config = config;
    this.ownsLoop = sharedLoop == null;
    this.loop = ownsLoop ? new Acceptor("device") : sharedLoop;
    this.state =
        new DeviceState(
            config.identity(), config.accounts(), config.lockout(), config.rules(), config.clock());
    this.journal = new Journal(config.journalCapacity());
    applyInitialFaults();
    this.personality = config.type().create(state, config.setup().withIo(loop));
    this.server =
        new FakeServer(
            personality,
            config.type().operations(),
            faults,
            journal,
            config.clock(),
            config.tls(),
            config.host(),
            config.port(),
            loop);
    this.server.maxConnections(config.maxConnections());
  }

  /**
   * Binds the port and starts the personality's side services.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public void start() {
    try {
      server.start();
      personality.started(url());
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the fake device", e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Stops listening and the side services (and the network loop, if its own). Idempotent. */
  public void close() {
    server.close();
    personality.stopped();
    if (ownsLoop) {
      loop.close();
    }
  }

  /**
   * This device as an endpoint; over TLS it trusts exactly this device's key.
   *
   * @return the endpoint
   */
  public DeviceEndpoint endpoint() {
    return server.endpoint();
  }

  /**
   * The SPKI SHA-256 pin of the certificate, base64.
   *
   * @return the pin; empty for plain HTTP
   */
  public Optional<String> pin() {
    return server.pin();
  }

  /**
   * Whether {@code password} would log {@code user} in now; counts nothing, ignores a lock.
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
   * Installs a temporary password.
   *
   * @param user the account
   * @param temporary the password
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
   * Sets a password without the device's rules.
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

  /**
   * The number of live RPC sessions.
   *
   * @return the count
   */
  public int activeSessions() {
    return state.sessions().size();
  }

  /**
   * The settings.
   *
   * @return the config
   */
  public DeviceConfig config() {
    return config;
  }

  /**
   * The state.
   *
   * @return the state
   */
  public DeviceState state() {
    return state;
  }

  /**
   * The base URL.
   *
   * @return {@code http(s)://address:port}
   */
  public URI url() {
    return server.url();
  }

  /**
   * The port.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /**
   * The TCP connections the server accepted since start.
   *
   * @return the count
   */
  public int connectionsAccepted() {
    return server.connectionsAccepted();
  }

  /**
   * The discovery responder's address (ONVIF WS-Discovery, Hikvision SADP).
   *
   * @return the address, if this personality runs one
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
   * Whether the discovery responder joined its multicast group on loopback.
   *
   * @return true if it did
   */
  public boolean discoveryMulticast() {
    if (personality instanceof HikvisionPersonality) {
      return ((HikvisionPersonality) personality).sadpMulticast();
    }
    return personality instanceof OnvifPersonality
        && ((OnvifPersonality) personality).discoveryMulticast();
  }

  /**
   * The accounts in this personality's words.
   *
   * @return the accounts
   */
  public List<UserAccount> users() {
    List<UserAccount> out = new ArrayList<>();
    for (Account a : state.accounts()) {
      out.add(
          new UserAccount(a.name(), a.level(), config.type().groupName(a.level()), a.reserved()));
    }
    return out;
  }

  /**
   * A rule on a protocol name, checked against this personality's operations.
   *
   * @param protocolOperation the name
   * @param fault the fault
   * @return the rule
   * @throws IllegalArgumentException if the personality has no such operation
   */
  public FaultPlan.Rule rule(String protocolOperation, Fault fault) {
    return FaultPlan.Rule.on(config.type().operations().require(protocolOperation), fault);
  }

  /**
   * The fault plan.
   *
   * @return the plan
   */
  public FaultPlan faults() {
    return faults;
  }

  /**
   * Sets the base latency.
   *
   * @param latency the delay
   */
  public void latency(Duration latency) {
    faults.baseLatency(latency);
  }

  /**
   * The journal.
   *
   * @return a snapshot
   */
  public List<RecordedRequest> journal() {
    return journal.snapshot();
  }

  /**
   * The journal entries for a neutral operation.
   *
   * @param operation the operation
   * @return a snapshot
   */
  public List<RecordedRequest> journal(DeviceOperation operation) {
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : journal.snapshot()) {
      if (r.matches(operation)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The journal entries for a protocol name (with or without an RPC2 object prefix).
   *
   * @param protocolOperation the name
   * @return a snapshot
   * @throws IllegalArgumentException if the personality has no such operation
   */
  public List<RecordedRequest> journal(String protocolOperation) {
    String name = config.type().operations().require(protocolOperation);
    int dot = name.lastIndexOf('.');
    String bare = dot >= 0 ? name.substring(dot + 1) : name;
    List<RecordedRequest> out = new ArrayList<>();
    for (RecordedRequest r : journal.snapshot()) {
      if (FaultPlan.ANY.equals(name) || r.protocolOperation().equals(bare)) {
        out.add(r);
      }
    }
    return out;
  }

  /** Empties the journal. */
  public void clearJournal() {
    journal.clear();
  }

  /** Back to the initial state, journal and faults (the clock is the caller's). */
  public void reset() {
    state.reset();
    if (personality instanceof HikvisionPersonality) {
      ((HikvisionPersonality) personality).reset();
    }
    journal.clear();
    faults.clear();
    applyInitialFaults();
  }

  /**
   * The device's clock.
   *
   * @return the clock
   */
  public FakeClock clock() {
    return config.clock();
  }

  /**
   * Whether {@code user} is locked now; a Hikvision device locks source IPs, so there: whether any
   * client IP is locked.
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
   * How long {@code user} stays locked (Hikvision: the longest source-IP lock).
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
   * Consecutive failed logins of {@code user} (Hikvision: the most of any source IP).
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
   * The start time a Hikvision device shows in SADP (device-local).
   *
   * @return the start time; empty for other kinds
   */
  public Optional<LocalDateTime> hikvisionStartTime() {
    return personality instanceof HikvisionPersonality
        ? Optional.of(((HikvisionPersonality) personality).startTime())
        : Optional.empty();
  }

  private void applyInitialFaults() {
    faults.baseLatency(config.latency());
    for (FaultPlan.Rule r : config.faults()) {
      faults.always(r);
    }
    DeviceConfig.RandomFaults random = config.random();
    if (random != null) {
      faults.random(random.seed(), random.probability(), random.faults());
    }
  }
}
