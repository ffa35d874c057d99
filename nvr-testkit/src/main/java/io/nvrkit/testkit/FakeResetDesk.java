package io.nvrkit.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.testkit.internal.desk.DeskTarget;
import io.nvrkit.testkit.internal.desk.JsonOut;
import io.nvrkit.testkit.internal.desk.MultipartParser;
import io.nvrkit.testkit.internal.engine.TlsMaterial;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays the vendor's support desk of the Lorex reset procedure over HTTP on loopback, speaking the
 * reset desk protocol v1 ({@code docs/reset-desk-protocol.md}) that nvr-core's {@code
 * HttpResetChannel} sends.
 *
 * <pre>{@code
 * try (FakeNvr nvr = FakeNvr.lorex().clock(clock).start();
 *     FakeResetDesk desk = FakeResetDesk.builder().clock(clock).device(nvr).start()) {
 *   HttpResetChannel channel = HttpResetChannel.builder(desk.url()).build();
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
 * <p>Every submission is recorded ({@link #requests()}). Thread-safe; {@link #close()} stops the
 * server.
 */
public final class FakeResetDesk implements AutoCloseable {
  /** Largest request body accepted (protocol: 25 MB). */
  public static final int MAX_BODY_BYTES = 25 * 1024 * 1024;

  private static final String PATH = "/v1/reset-requests";
  private static final int MAX_PHOTO_BYTES = 10 * 1024 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String[] REQUIRED = {
    "vendor",
    "firstName",
    "lastName",
    "phone",
    "model",
    "modelSource",
    "deviceId",
    "deviceIdSource",
    "serial",
    "serialSource",
    "displayedDate",
    "displayedDateSource",
    "infoScreenPhotoSha256",
    "stickerPhotoSha256"
  };
  private static final String[] PHOTOS = {"infoScreenPhoto", "stickerPhoto"};

  /** When a temporary password is issued. */
  private enum GrantMode {
    MANUAL,
    IMMEDIATE,
    DELAYED
  }

  private final Builder config;
  private final FakeClock clock;
  private final List<DeskTarget> devices = new CopyOnWriteArrayList<>();
  private final List<ResetDeskRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Ticket> tickets = new LinkedHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private GrantMode mode;
  private Duration delay;
  private HttpServer server;
  private ExecutorService executor;
  private TlsMaterial tls;

  private FakeResetDesk(Builder b) {
    this.config = b;
    this.clock = b.clock;
    this.mode = b.mode;
    this.delay = b.delay;
    this.devices.addAll(b.devices);
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
   */
  public static FakeResetDesk start() {
    return builder().start();
  }

  /**
   * The base URL to give to {@code HttpResetChannel.builder(url)}, e.g. {@code
   * http://127.0.0.1:40123}.
   *
   * @return the URL
   */
  public String url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return (tls != null ? "https://" : "http://") + host + ":" + a.getPort();
  }

  /**
   * The SPKI SHA-256 pin of the desk's certificate, base64 (what {@code TlsTrust.pinned} takes).
   *
   * @return the pin, or empty for plain HTTP
   */
  public Optional<String> pin() {
    return tls == null ? Optional.empty() : Optional.of(tls.pin());
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
    Objects.requireNonNull(nvr, "nvr");
    return register(FakeNvrTarget.of(nvr));
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

  FakeResetDesk register(DeskTarget target) {
    for (DeskTarget t : devices) {
      if (t.sameDevice(target)) {
        return this;
      }
    }
    devices.add(target);
    return this;
  }

  /**
   * From now on, issue the temporary password as soon as a request is accepted.
   *
   * @return this desk
   */
  public synchronized FakeResetDesk autoGrant() {
    this.mode = GrantMode.IMMEDIATE;
    return this;
  }

  /**
   * From now on, issue the temporary password once {@code delay} has passed on the desk's clock
   * since the submission (checked when the ticket is polled or {@link #status} is read).
   *
   * @param delay the delay
   * @return this desk
   */
  public synchronized FakeResetDesk grantAfter(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    this.mode = GrantMode.DELAYED;
    this.delay = delay;
    return this;
  }

  /**
   * From now on, issue temporary passwords only through {@link #grant(String)} (the default).
   *
   * @return this desk
   */
  public synchronized FakeResetDesk manualGrant() {
    this.mode = GrantMode.MANUAL;
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
  public synchronized ResetGrant grant(String ticketId) {
    Ticket t = ticket(ticketId);
    if (t.status != ResetTicket.Status.SUBMITTED) {
      throw new IllegalStateException("ticket " + ticketId + " is " + t.status);
    }
    issue(t);
    return ResetGrant.of(t.id, Secret.of(t.password), t.validUntil);
  }

  /**
   * Rejects a submitted ticket with a reason the client will see.
   *
   * @param ticketId the ticket
   * @param reason why, for a person
   * @throws IllegalArgumentException if there is no such ticket
   * @throws IllegalStateException if the ticket is not {@code SUBMITTED}
   */
  public synchronized void reject(String ticketId, String reason) {
    Ticket t = ticket(ticketId);
    if (t.status != ResetTicket.Status.SUBMITTED) {
      throw new IllegalStateException("ticket " + ticketId + " is " + t.status);
    }
    t.status = ResetTicket.Status.REJECTED;
    t.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * The status of a ticket now (applying a due delayed grant or an expiry first).
   *
   * @param ticketId the ticket
   * @return the status, if the ticket exists
   */
  public synchronized Optional<ResetTicket.Status> status(String ticketId) {
    Ticket t = tickets.get(ticketId);
    if (t == null) {
      return Optional.empty();
    }
    advance(t);
    return Optional.of(t.status);
  }

  /**
   * The ids of every ticket opened, in order.
   *
   * @return the ticket ids
   */
  public synchronized List<String> tickets() {
    return List.copyOf(tickets.keySet());
  }

  /**
   * Every submission received (accepted or not), in order.
   *
   * @return the requests
   */
  public List<ResetDeskRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Forgets every ticket and request and returns to the configured grant mode (the JUnit extension
   * calls this before each test). Registered recorders stay registered.
   */
  public synchronized void reset() {
    for (Ticket t : tickets.values()) {
      t.wipe();
    }
    tickets.clear();
    requests.clear();
    sequence.set(0);
    mode = config.mode;
    delay = config.delay;
  }

  /** Stops the server; idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      server = null;
    }
    for (Ticket t : tickets.values()) {
      t.wipe();
    }
  }

  @Override
  public String toString() {
    return "FakeResetDesk[" + (server == null ? "stopped" : url()) + ", " + mode + "]";
  }

  // ------------------------------------------------------------------ server

  private FakeResetDesk startServer() {
    try {
      InetSocketAddress at = new InetSocketAddress(InetAddress.getByName(config.host), config.port);
      if (config.tls) {
        tls = TlsMaterial.generate("reset-desk");
        HttpsServer https = HttpsServer.create(at, 50);
        https.setHttpsConfigurator(new HttpsConfigurator(tls.context()));
        server = https;
      } else {
        server = HttpServer.create(at, 50);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the fake reset desk", e);
    }
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread th = new Thread(r, "fake-reset-desk-" + n.incrementAndGet());
              th.setDaemon(true);
              return th;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String method = ex.getRequestMethod();
      if (config.token != null && !authorized(ex)) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"reset-desk\"");
        drain(ex);
        if (path.equals(PATH) && method.equals("POST")) {
          requests.add(
              new ResetDeskRequest(
                  clock.now(), Map.of(), Map.of(), 401, null, List.of(), hasBearer(ex)));
        }
        send(ex, 401, error("unauthorized"));
        return;
      }
      if (path.equals(PATH)) {
        if (!method.equals("POST")) {
          send(ex, 405, error("method-not-allowed"));
          return;
        }
        submit(ex);
        return;
      }
      if (path.startsWith(PATH + "/")) {
        String rest = path.substring(PATH.length() + 1);
        if (rest.endsWith("/completion")) {
          String id = rest.substring(0, rest.length() - "/completion".length());
          if (!method.equals("POST")) {
            send(ex, 405, error("method-not-allowed"));
            return;
          }
          drain(ex);
          complete(ex, id);
          return;
        }
        if (!method.equals("GET")) {
          send(ex, 405, error("method-not-allowed"));
          return;
        }
        poll(ex, rest);
        return;
      }
      send(ex, 404, error("not-found"));
    } catch (RuntimeException e) {
      send(ex, 500, error("internal"));
    }
  }

  private boolean hasBearer(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  private boolean authorized(HttpExchange ex) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = h.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    byte[] expected = config.token.utf8();
    try {
      return MessageDigest.isEqual(given, expected);
    } finally {
      Arrays.fill(expected, (byte) 0);
    }
  }

  private void submit(HttpExchange ex) throws IOException {
    boolean bearer = hasBearer(ex);
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    if (len != null && parseLong(len) > MAX_BODY_BYTES) {
      requests.add(
          new ResetDeskRequest(clock.now(), Map.of(), Map.of(), 413, null, List.of(), bearer));
      send(ex, 413, error("too-large"));
      return;
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      requests.add(
          new ResetDeskRequest(clock.now(), Map.of(), Map.of(), 413, null, List.of(), bearer));
      send(ex, 413, error("too-large"));
      return;
    }
    List<MultipartParser.Part> parts;
    try {
      String boundary = MultipartParser.boundary(ex.getRequestHeaders().getFirst("Content-Type"));
      parts = MultipartParser.parse(body, boundary);
    } catch (IllegalArgumentException e) {
      List<FieldProblem> p = List.of(new FieldProblem("body", e.getMessage()));
      requests.add(new ResetDeskRequest(clock.now(), Map.of(), Map.of(), 400, null, p, bearer));
      send(ex, 400, problems(p));
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, MultipartParser.Part> files = new LinkedHashMap<>();
    Map<String, ResetDeskRequest.Photo> photos = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    for (MultipartParser.Part p : parts) {
      boolean dup = fields.containsKey(p.name()) || files.containsKey(p.name());
      if (dup) {
        problems.putIfAbsent(p.name(), "sent more than once");
      } else if (p.fileName() != null) {
        files.put(p.name(), p);
      } else {
        fields.put(p.name(), p.text().trim());
      }
    }
    String vendor = fields.get("vendor");
    boolean hikvision = "hikvision".equalsIgnoreCase(vendor);
    for (String f : REQUIRED) {
      String v = fields.get(f);
      boolean optional = hikvision && (f.equals("deviceId") || f.equals("deviceIdSource"));
      if ((v == null || v.isEmpty()) && !optional) {
        problems.putIfAbsent(f, "is required");
      }
    }
    if (vendor != null && !vendor.isEmpty() && !hikvision && !vendor.equalsIgnoreCase("lorex")) {
      problems.putIfAbsent("vendor", "this desk handles lorex and hikvision recorders only");
    }
    LocalDateTime startTime = null;
    if (hikvision) {
      String st = fields.get("startTime");
      if (st == null || st.isEmpty()) {
        problems.putIfAbsent("startTime", "is required (the device start time SADP shows)");
      } else {
        try {
          startTime = LocalDateTime.parse(st.replace(' ', 'T')).truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException e) {
          problems.putIfAbsent("startTime", "is not a YYYY-MM-DD HH:MM[:SS] date-time");
        }
      }
    }
    for (String f :
        List.of("modelSource", "deviceIdSource", "serialSource", "displayedDateSource")) {
      String v = fields.get(f);
      if (v != null && !v.isEmpty() && !isProvenance(v)) {
        problems.putIfAbsent(f, "is not one of " + Arrays.toString(Provenance.values()));
      }
    }
    String phone = fields.get("phone");
    if (phone != null && !phone.isEmpty() && phone.replaceAll("[^0-9]", "").length() < 7) {
      problems.putIfAbsent("phone", "must have at least 7 digits");
    }
    for (String name : PHOTOS) {
      MultipartParser.Part p = files.get(name);
      if (p == null) {
        if (fields.containsKey(name)) {
          problems.putIfAbsent(name, "must be a file part, not a text field");
        } else {
          problems.putIfAbsent(name, "a photo is required");
        }
        continue;
      }
      String detected = sniff(p.body());
      String sha = sha256(p.body());
      photos.put(
          name,
          new ResetDeskRequest.Photo(
              nz(p.fileName()), nz(p.contentType()), nz(detected), p.body().length, sha));
      if (p.body().length > MAX_PHOTO_BYTES) {
        problems.putIfAbsent(name, "is larger than 10 MB");
      } else if (detected == null) {
        problems.putIfAbsent(name, "is not a JPEG or PNG image (checked by its content)");
      } else if (p.contentType() != null
          && !p.contentType().toLowerCase(Locale.ROOT).startsWith(detected)) {
        problems.putIfAbsent(name, "is declared " + p.contentType() + " but is " + detected);
      }
      String claimed = fields.get(name + "Sha256");
      if (claimed != null && !claimed.isEmpty() && !claimed.equals(sha)) {
        problems.putIfAbsent(
            name + "Sha256",
            "does not match the photo's SHA-256 (the file was changed in transit)");
      }
    }
    String deviceId = fields.get("deviceId");
    String serial = fields.get("serial");
    if (deviceId != null
        && serial != null
        && !deviceId.isEmpty()
        && deviceId.equalsIgnoreCase(serial)) {
      problems.putIfAbsent(
          "deviceId",
          "equals the serial number; the device ID is the code printed next to the QR code");
    }
    LocalDate shown = null;
    String date = fields.get("displayedDate");
    if (date != null && !date.isEmpty()) {
      try {
        shown = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        problems.putIfAbsent("displayedDate", "is not a YYYY-MM-DD date");
      }
    }
    DeskTarget target = null;
    if (!devices.isEmpty() && serial != null && !serial.isEmpty()) {
      DeskTarget bySerial = null;
      for (DeskTarget t : devices) {
        if (t.serial().equalsIgnoreCase(serial)) {
          bySerial = t;
          break;
        }
      }
      if (bySerial == null) {
        problems.putIfAbsent("serial", "no recorder with this serial number is known");
      } else if (vendor != null
          && !vendor.isEmpty()
          && !bySerial.vendor().equalsIgnoreCase(vendor)) {
        problems.putIfAbsent(
            "vendor", "the recorder with this serial number is a " + bySerial.vendor());
      } else if (startTime != null
          && !bySerial
              .startTime()
              .map(s -> s.truncatedTo(ChronoUnit.MINUTES))
              .equals(Optional.of(startTime))) {
        problems.putIfAbsent("startTime", "does not match the start time the device shows in SADP");
      } else if (deviceId != null
          && !deviceId.isEmpty()
          && !bySerial.deviceId().equalsIgnoreCase(deviceId)) {
        problems.putIfAbsent("deviceId", "does not match the recorder with this serial number");
      } else {
        target = bySerial;
        if (shown != null && !shown.equals(bySerial.displayedDate())) {
          problems.putIfAbsent(
              "displayedDate",
              "does not match the date the recorder shows ("
                  + bySerial.displayedDate()
                  + "); read it from the recorder's screen");
        }
      }
    }
    if (!problems.isEmpty()) {
      List<FieldProblem> p = new ArrayList<>();
      problems.forEach((k, v) -> p.add(new FieldProblem(k, v)));
      requests.add(new ResetDeskRequest(clock.now(), fields, photos, 400, null, p, bearer));
      send(ex, 400, problems(p));
      return;
    }
    Ticket t;
    synchronized (this) {
      Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
      String id =
          "RD-"
              + now.atOffset(ZoneOffset.UTC).toLocalDate().toString().replace("-", "")
              + "-"
              + String.format(Locale.ROOT, "%04d", sequence.incrementAndGet());
      t = new Ticket(id, now, target);
      tickets.put(id, t);
      if (mode == GrantMode.IMMEDIATE) {
        issue(t);
      }
    }
    requests.add(new ResetDeskRequest(t.submittedAt, fields, photos, 201, t.id, List.of(), bearer));
    ex.getResponseHeaders().add("Location", url() + PATH + "/" + t.id);
    send(
        ex,
        201,
        new JsonOut()
            .put("ticket", t.id)
            .put("status", "SUBMITTED")
            .put("submittedAt", t.submittedAt.toString())
            .end());
  }

  private void poll(HttpExchange ex, String id) throws IOException {
    drain(ex);
    String body;
    synchronized (this) {
      Ticket t = tickets.get(id);
      if (t == null) {
        send(ex, 404, error("unknown-ticket"));
        return;
      }
      advance(t);
      JsonOut o =
          new JsonOut()
              .put("ticket", t.id)
              .put("status", t.status.name())
              .put("submittedAt", t.submittedAt.toString());
      if (t.status == ResetTicket.Status.GRANTED) {
        o.put("temporaryPassword", java.nio.CharBuffer.wrap(t.password))
            .put("validUntil", t.validUntil.toString());
      }
      if (t.status == ResetTicket.Status.REJECTED) {
        o.put("reason", t.reason);
      }
      body = o.end();
    }
    ex.getResponseHeaders().add("Cache-Control", "no-store");
    send(ex, 200, body);
  }

  private synchronized void complete(HttpExchange ex, String id) throws IOException {
    Ticket t = tickets.get(id);
    if (t == null) {
      send(ex, 404, error("unknown-ticket"));
      return;
    }
    advance(t);
    if (t.status == ResetTicket.Status.GRANTED) {
      t.status = ResetTicket.Status.COMPLETED;
      t.wipe();
    }
    ex.sendResponseHeaders(204, -1);
  }

  // ------------------------------------------------------------------ tickets

  private Ticket ticket(String id) {
    Ticket t = tickets.get(Objects.requireNonNull(id, "ticketId"));
    if (t == null) {
      throw new IllegalArgumentException("no ticket " + id);
    }
    return t;
  }

  /** Applies a due delayed grant or an expiry. */
  private void advance(Ticket t) {
    Instant now = clock.now();
    if (t.status == ResetTicket.Status.SUBMITTED
        && mode == GrantMode.DELAYED
        && !now.isBefore(t.submittedAt.plus(delay))) {
      issue(t);
    }
    if (t.status == ResetTicket.Status.GRANTED && now.isAfter(t.validUntil)) {
      t.status = ResetTicket.Status.EXPIRED;
      t.wipe();
    }
  }

  private void issue(Ticket t) {
    t.password = config.fixedPassword != null ? config.fixedPassword.copyChars() : generate();
    t.validUntil = t.target != null ? t.target.grantValidUntil(clock.now()) : clock.endOfDay();
    if (t.target != null) {
      t.target.installTemporaryPassword(t.password, t.validUntil);
    }
    t.status = ResetTicket.Status.GRANTED;
  }

  /**
   * 12 characters with upper case, lower case, digits and a symbol, none of the characters the
   * Dahua firmware refuses ({@code ' " ; : &}) nor ones that need care in URLs.
   */
  private static char[] generate() {
    String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    String lower = "abcdefghijkmnopqrstuvwxyz";
    String digits = "23456789";
    String symbols = "!@*-_=";
    String all = upper + lower + digits + symbols;
    char[] c = new char[12];
    c[0] = upper.charAt(RANDOM.nextInt(upper.length()));
    c[1] = lower.charAt(RANDOM.nextInt(lower.length()));
    c[2] = digits.charAt(RANDOM.nextInt(digits.length()));
    c[3] = symbols.charAt(RANDOM.nextInt(symbols.length()));
    for (int i = 4; i < c.length; i++) {
      c[i] = all.charAt(RANDOM.nextInt(all.length()));
    }
    for (int i = c.length - 1; i > 0; i--) {
      int j = RANDOM.nextInt(i + 1);
      char x = c[i];
      c[i] = c[j];
      c[j] = x;
    }
    return c;
  }

  private static final class Ticket {
    final String id;
    final Instant submittedAt;
    final DeskTarget target;
    ResetTicket.Status status = ResetTicket.Status.SUBMITTED;
    char[] password;
    Instant validUntil;
    String reason;

    Ticket(String id, Instant submittedAt, DeskTarget target) {
      this.id = id;
      this.submittedAt = submittedAt;
      this.target = target;
    }

    void wipe() {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static boolean isProvenance(String v) {
    for (Provenance p : Provenance.values()) {
      if (p.name().equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static String sniff(byte[] d) {
    if (d.length >= 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF) {
      return "image/jpeg";
    }
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (d.length >= png.length && Arrays.equals(Arrays.copyOf(d, png.length), png)) {
      return "image/png";
    }
    return null;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String error(String code) {
    return new JsonOut().put("error", code).end();
  }

  private static String problems(List<FieldProblem> problems) {
    StringBuilder sb = new StringBuilder("[");
    for (FieldProblem p : problems) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(new JsonOut().put("field", p.field()).put("reason", p.reason()).end());
    }
    sb.append(']');
    return new JsonOut().put("error", "invalid-request").raw("problems", sb.toString()).end();
  }

  /** Reads and discards a request body, if the request declares one (never blocks on a GET). */
  private static void drain(HttpExchange ex) throws IOException {
    String len = ex.getRequestHeaders().getFirst("Content-Length");
    boolean chunked = ex.getRequestHeaders().containsKey("Transfer-Encoding");
    if (!chunked && (len == null || parseLong(len) <= 0)) {
      return;
    }
    // read, never skip(): the JDK server's body stream delegates skip() to the socket, past the
    // end of the body
    byte[] buf = new byte[8192];
    long total = 0;
    try (InputStream in = ex.getRequestBody()) {
      int n;
      while (total < MAX_BODY_BYTES && (n = in.read(buf)) > 0) {
        total += n;
      }
    }
  }

  private static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
    Arrays.fill(b, (byte) 0);
  }

  /** Builds a {@link FakeResetDesk}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private FakeClock clock = FakeClock.defaults();
    private Secret token;
    private Secret fixedPassword;
    private boolean tls;
    private GrantMode mode = GrantMode.MANUAL;
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
      this.mode = GrantMode.IMMEDIATE;
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
      this.mode = GrantMode.DELAYED;
      this.delay = delay;
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
     */
    public FakeResetDesk start() {
      return new FakeResetDesk(this).startServer();
    }
  }
}
