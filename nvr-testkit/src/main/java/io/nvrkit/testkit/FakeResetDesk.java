package io.nvrkit.testkit;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.testkit.internal.desk.DeskService;
import io.nvrkit.testkit.internal.desk.DeskTarget;
import io.nvrkit.testkit.internal.engine.Acceptor;
import io.nvrkit.testkit.internal.engine.FakeServer;
import io.nvrkit.testkit.internal.engine.FaultPlan;
import io.nvrkit.testkit.internal.engine.Journal;
import io.nvrkit.testkit.internal.engine.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plays the vendor's support desk of the Lorex reset procedure over HTTP on loopback, speaking the
 * reset desk protocol v1 ({@code docs/reset-desk-protocol.md}) that nvr-core's {@code
 * HttpResetChannel} sends.
 *
 * <pre>{@code
 * try (FakeNvr nvr = FakeNvr.lorex().clock(clock).start();
 *     FakeResetDesk desk = FakeResetDesk.builder().clock(clock).device(nvr).start()) {
 *   HttpResetChannel channel = HttpResetChannel.builder(desk.endpoint()).build();
 *   ResetTicket ticket = channel.submit(request);      // validated like the vendor would
 *   desk.grant(ticket.id());                           // or autoGrant() / grantAfter(...)
 *   ResetGrant grant = channel.poll(ticket).orElseThrow();
 *   // the temporary password is now installed on nvr, valid until the end of its day
 * }
 * }</pre>
 *
 * <p>A submission is validated the way the vendor would: every required field present, source
 * fields that are {@link Provenance} names, photos that are real JPEG or PNG images (by magic
 * bytes, at most 10 MB) whose SHA-256 matches the checksum sent, a device ID that differs from the
 * serial, a registered recorder with that serial and device ID, and a displayed date equal to that
 * recorder's own date on its {@link FakeClock}. All problems are answered at once in a 400.
 *
 * <p>A temporary password is issued when the test says so ({@link #grant(String)}), immediately
 * ({@link #autoGrant()}), or once a delay has passed on the desk's {@link FakeClock} ({@link
 * #grantAfter(Duration)}; checked whenever the ticket is polled, so a test advances the clock
 * instead of sleeping). It is installed on the matching fake recorder for {@code admin}, valid
 * until the end of the recorder's day, and reported in the ticket's {@code GET} answer. With no
 * recorder registered, device matching and the date check are skipped and grants are installed
 * nowhere.
 *
 * <p>Hikvision recorders ({@code vendor=hikvision}, {@link FakeNvr#hikvision()}): the support
 * form's fields are the same but the device ID is optional and a {@code startTime} part is required
 * ({@code YYYY-MM-DD HH:MM[:SS]}, the start time SADP shows), matched to the minute; the grant (the
 * security code support returns, installed as the admin's temporary password) is valid 48 hours
 * from issue, as the vendor's 2024 SADP guide says.
 *
 * <p>The desk runs on the same HTTP engine as {@link FakeNvr}, so it takes the same faults and
 * latency, scripted on its operations {@code submit}, {@code status} (a ticket's {@code GET}) and
 * {@code complete} (or {@link DeviceOperation#ANY}), and keeps the same journal of {@link
 * RecordedRequest}s; every submission is also recorded with its fields ({@link #requests()}).
 * Thread-safe; {@link #close()} stops the server.
 */
public final class FakeResetDesk implements AutoCloseable {
  /** Largest request body accepted (protocol: 25 MB). */
  public static final int MAX_BODY_BYTES = DeskService.MAX_BODY_BYTES;

  private final FakeClock clock;
  private final DeskService desk;
  private final FaultPlan faults = new FaultPlan();
  private final Journal journal;
  private final FakeServer server;
  private final Acceptor loop = new Acceptor("desk");

  private FakeResetDesk(Builder b) {
    this.clock = b.clock;
    this.desk =
        new DeskService(
            new DeskService.Settings(b.clock, b.token, b.fixedPassword, b.mode, b.delay),
            b.devices);
    this.journal = new Journal(b.journalCapacity);
    TlsMaterial tls = b.tls ? TlsMaterial.generate("reset-desk") : null;
    InetAddress address;
    try {
      address = InetAddress.getByName(b.host);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host: " + b.host, e);
    }
    this.server =
        new FakeServer(
            desk, DeskService.OPERATIONS, faults, journal, clock, tls, address, b.port, loop);
    this.server.maxBodyBytes(MAX_BODY_BYTES);
  }

  /**
   * A builder with the defaults: loopback, port 0, no token, manual grants, a ticking {@link
   * FakeClock#defaults()} clock.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a desk with the default settings.
   *
   * @return the running desk
   * @throws UncheckedIOException if no port can be bound
   */
  public static FakeResetDesk start() {
    return builder().start();
  }

  /**
   * The base URL, e.g. {@code http://127.0.0.1:40123}.
   *
   * @return the URL
   */
  public URI url() {
    return server.url();
  }

  /**
   * This desk as an endpoint for {@code HttpResetChannel.builder(endpoint)}; over TLS it trusts
   * exactly this desk's key.
   *
   * @return the endpoint
   */
  public DeviceEndpoint endpoint() {
    return server.endpoint();
  }

  /**
   * The SPKI SHA-256 pin of the desk's certificate, base64 (what {@code TlsTrust.pinned} takes).
   *
   * @return the pin, or empty for plain HTTP
   */
  public Optional<String> pin() {
    return server.pin();
  }

  /**
   * The desk's clock (submission times, grant delays, expiry).
   *
   * @return the clock
   */
  public FakeClock clock() {
    return clock;
  }

  /**
   * Registers a fake recorder: submissions naming its serial and device ID are matched to it, its
   * date is checked, and grants are installed on it.
   *
   * @param nvr the recorder (Lorex personality)
   * @return this desk
   */
  public FakeResetDesk register(FakeNvr nvr) {
    desk.register(FakeNvrTarget.of(Objects.requireNonNull(nvr, "nvr")));
    return this;
  }

  /**
   * Registers every device of a fleet.
   *
   * @param fleet the fleet
   * @return this desk
   */
  public FakeResetDesk register(FakeNvrFleet fleet) {
    for (FakeNvr nvr : fleet.devices()) {
      register(nvr);
    }
    return this;
  }

  /**
   * From now on, issue the temporary password as soon as a request is accepted.
   *
   * @return this desk
   */
  public FakeResetDesk autoGrant() {
    desk.grantMode(DeskService.GrantMode.IMMEDIATE, Duration.ZERO);
    return this;
  }

  /**
   * From now on, issue the temporary password once {@code delay} has passed on the desk's clock
   * since the submission (checked when the ticket is polled or {@link #status} is read).
   *
   * @param delay the delay
   * @return this desk
   * @throws IllegalArgumentException if negative
   */
  public FakeResetDesk grantAfter(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    desk.grantMode(DeskService.GrantMode.DELAYED, delay);
    return this;
  }

  /**
   * From now on, issue temporary passwords only through {@link #grant(String)} (the default).
   *
   * @return this desk
   */
  public FakeResetDesk manualGrant() {
    desk.grantMode(DeskService.GrantMode.MANUAL, Duration.ZERO);
    return this;
  }

  /**
   * Issues the temporary password for a submitted ticket now and installs it on the matching
   * recorder.
   *
   * @param ticketId the ticket
   * @return the grant (the caller may close its secret; the desk keeps its own copy)
   * @throws IllegalArgumentException if there is no such ticket
   * @throws IllegalStateException if the ticket is not {@code SUBMITTED}
   */
  public ResetGrant grant(String ticketId) {
    return desk.grant(ticketId);
  }

  /**
   * Rejects a submitted ticket with a reason the client will see.
   *
   * @param ticketId the ticket
   * @param reason why, for a person
   * @throws IllegalArgumentException if there is no such ticket
   * @throws IllegalStateException if the ticket is not {@code SUBMITTED}
   */
  public void reject(String ticketId, String reason) {
    desk.reject(ticketId, reason);
  }

  /**
   * The status of a ticket now (applying a due delayed grant or an expiry first).
   *
   * @param ticketId the ticket
   * @return the status, if the ticket exists
   */
  public Optional<ResetTicket.Status> status(String ticketId) {
    return desk.status(ticketId);
  }

  /**
   * The ids of every ticket opened, in order.
   *
   * @return the ticket ids
   */
  public List<String> tickets() {
    return desk.tickets();
  }

  /**
   * Every submission received (accepted or not), in order, with its fields.
   *
   * @return the requests
   */
  public List<ResetDeskRequest> requests() {
    return desk.requests();
  }

  // ------------------------------------------------------------------ faults and journal

  /**
   * Applies {@code fault} to the next request for a desk operation, once.
   *
   * @param deskOperation {@code submit}, {@code status}, {@code complete} or {@link
   *     FakeNvr#ANY_OPERATION}
   * @param fault the fault
   * @throws IllegalArgumentException if the desk has no such operation
   */
  public void faultOnce(String deskOperation, Fault fault) {
    faults.once(FaultPlan.Rule.on(DeskService.OPERATIONS.require(deskOperation), fault));
  }

  /**
   * Applies {@code fault} to every request for a desk operation until {@link #clearFaults()}.
   *
   * @param deskOperation {@code submit}, {@code status}, {@code complete} or {@link
   *     FakeNvr#ANY_OPERATION}
   * @param fault the fault
   * @throws IllegalArgumentException if the desk has no such operation
   */
  public void faultAlways(String deskOperation, Fault fault) {
    faults.always(FaultPlan.Rule.on(DeskService.OPERATIONS.require(deskOperation), fault));
  }

  /**
   * Changes the delay added to every answer.
   *
   * @param delay the delay, zero for none
   * @throws IllegalArgumentException if negative
   */
  public void latency(Duration delay) {
    faults.baseLatency(Objects.requireNonNull(delay, "delay"));
  }

  /** Removes every scripted fault and the latency. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Every HTTP request received so far, oldest first (operation {@link DeviceOperation#OTHER},
   * protocol operation {@code submit}, {@code status} or {@code complete}); no body is kept.
   *
   * @return a snapshot
   */
  public List<RecordedRequest> journal() {
    return journal.snapshot();
  }

  // ------------------------------------------------------------------ life cycle

  /**
   * Forgets every ticket, request, journal entry and fault and returns to the configured grant mode
   * (the JUnit extension calls this before each test). Registered recorders stay registered.
   */
  public void reset() {
    desk.reset();
    journal.clear();
    faults.clear();
  }

  /** Stops the server; idempotent. */
  @Override
  public void close() {
    server.close();
    loop.close();
    desk.wipe();
  }

  @Override
  public String toString() {
    return "FakeResetDesk[" + url() + ", " + desk.grantMode() + "]";
  }

  private void startServer() {
    try {
      server.start();
    } catch (IOException e) {
      loop.close();
      throw new UncheckedIOException("cannot start the fake reset desk", e);
    }
    desk.started(url());
  }

  /** Builds a {@link FakeResetDesk}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int journalCapacity = 1_000;
    private int port;
    private FakeClock clock = FakeClock.defaults();
    private Secret token;
    private Secret fixedPassword;
    private boolean tls;
    private DeskService.GrantMode mode = DeskService.GrantMode.MANUAL;
    private Duration delay = Duration.ZERO;
    private final List<DeskTarget> devices = new ArrayList<>();

    private Builder() {}

    /**
     * The address to listen on. Default {@code 127.0.0.1}.
     *
     * @param host a loopback address or name
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The port. Default 0 (a free port).
     *
     * @param port 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range");
      }
      this.port = port;
      return this;
    }

    /**
     * The desk's clock: submission times, grant delays, expiry. Default {@link
     * FakeClock#defaults()}; share the recorder's clock to move both with one {@code advance}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(FakeClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Serve HTTPS with a certificate generated at start (its pin is {@link FakeResetDesk#pin()}).
     * Default false: plain HTTP, which {@code HttpResetChannel} accepts on loopback only.
     *
     * @param on true for HTTPS
     * @return this builder
     */
    public Builder tls(boolean on) {
      this.tls = on;
      return this;
    }

    /**
     * Require {@code Authorization: Bearer <token>} on every call (401 otherwise). Default: no
     * token required.
     *
     * @param token the token (kept by reference)
     * @return this builder
     */
    public Builder bearerToken(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Issue this temporary password for every grant instead of a random one. Default: random, 12
     * characters, accepted by the Dahua firmware rules.
     *
     * @param password the password (kept by reference)
     * @return this builder
     */
    public Builder temporaryPassword(Secret password) {
      this.fixedPassword = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Grant as soon as a request is accepted.
     *
     * @return this builder
     */
    public Builder autoGrant() {
      this.mode = DeskService.GrantMode.IMMEDIATE;
      return this;
    }

    /**
     * Grant once {@code delay} has passed on the desk's clock.
     *
     * @param delay the delay
     * @return this builder
     */
    public Builder grantAfter(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative");
      }
      this.mode = DeskService.GrantMode.DELAYED;
      this.delay = delay;
      return this;
    }

    /**
     * How many requests the journal keeps (the oldest are dropped). Default 1,000.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder journalCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("journal capacity must be at least 1");
      }
      this.journalCapacity = capacity;
      return this;
    }

    /**
     * Registers a recorder (see {@link FakeResetDesk#register(FakeNvr)}).
     *
     * @param nvr the recorder
     * @return this builder
     */
    public Builder device(FakeNvr nvr) {
      devices.add(FakeNvrTarget.of(Objects.requireNonNull(nvr, "nvr")));
      return this;
    }

    /**
     * Starts the desk.
     *
     * @return the running desk; the caller closes it
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalArgumentException if the host cannot be resolved
     */
    public FakeResetDesk start() {
      FakeResetDesk desk = new FakeResetDesk(this);
      desk.startServer();
      return desk;
    }
  }
}
