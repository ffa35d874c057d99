package io.nvrkit.testkit.internal.desk;

import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.ResetDeskRequest;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import io.nvrkit.testkit.internal.engine.OperationCatalog;
import io.nvrkit.testkit.internal.engine.Personality;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The vendor reset desk (reset desk protocol v1) as a personality of the testkit's one HTTP engine,
 * so the desk gets the engine's faults, latency and journal: validation of submissions, tickets,
 * grants and their installation on registered recorders. Thread-safe.
 */
public final class DeskService implements Personality {
  /** Largest request body accepted (protocol: 25 MB). */
  public static final int MAX_BODY_BYTES = 25 * 1024 * 1024;

  /** The desk's operations: {@code submit}, {@code status} (a ticket's GET), {@code complete}. */
  public static final OperationCatalog OPERATIONS =
      OperationCatalog.builder("reset desk")
          .map(DeviceOperation.OTHER, "submit", "status", "complete")
          .build();

  private static final String PATH = "/v1/reset-requests";
  private static final String JSON = "application/json; charset=utf-8";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final List<String> REQUIRED =
      List.of(
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
          "stickerPhotoSha256");

  /** When a temporary password is issued. */
  public enum GrantMode {
    /** Only when the test calls {@link #grant(String)}. */
    MANUAL,
    /** As soon as a request is accepted. */
    IMMEDIATE,
    /** Once a delay has passed on the desk's clock. */
    DELAYED
  }

  /**
   * The desk's configuration.
   *
   * @param clock the desk's clock
   * @param token the bearer token required, or null
   * @param fixedPassword the temporary password of every grant, or null for random ones
   * @param mode the initial grant mode
   * @param delay the grant delay of {@link GrantMode#DELAYED}
   */
  public record Settings(
      FakeClock clock, Secret token, Secret fixedPassword, GrantMode mode, Duration delay) {}

  private final Settings settings;
  private final FakeClock clock;
  private final List<DeskTarget> devices = new CopyOnWriteArrayList<>();
  private final List<ResetDeskRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Ticket> tickets = new LinkedHashMap<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private GrantMode mode;
  private Duration delay;
  private volatile URI baseUrl = URI.create("http://127.0.0.1");

  /**
   * A desk.
   *
   * @param settings the configuration
   * @param devices the recorders registered at the start
   */
  public DeskService(Settings settings, List<DeskTarget> devices) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = settings.clock();
    this.mode = settings.mode();
    this.delay = settings.delay();
    for (DeskTarget t : devices) {
      register(t);
    }
  }

  @Override
  public String name() {
    return "reset-desk";
  }

  @Override
  public void started(URI url) {
    this.baseUrl = url;
  }

  @Override
  public String operationOf(FakeRequest request) {
    String path = request.rawPath();
    if (path.equals(PATH)) {
      return "submit";
    }
    if (path.startsWith(PATH + "/")) {
      return path.endsWith("/completion") ? "complete" : "status";
    }
    return null;
  }

  @Override
  public boolean carriesCredentials(FakeRequest request) {
    return hasBearer(request);
  }

  @Override
  public FakeResponse connectionLimitResponse(FakeRequest request) {
    return json(503, error("busy"));
  }

  @Override
  public FakeResponse bodyTooLarge(FakeRequest headOnly) {
    if (headOnly.rawPath().equals(PATH) && headOnly.method().equals("POST")) {
      requests.add(
          new ResetDeskRequest(
              clock.now(), Map.of(), Map.of(), 413, null, List.of(), hasBearer(headOnly)));
    }
    return json(413, error("too-large"));
  }

  @Override
  public FakeResponse handle(FakeRequest request) {
    try {
      return route(request);
    } catch (RuntimeException e) {
      return json(500, error("internal"));
    }
  }

  private FakeResponse route(FakeRequest ex) {
    String path = ex.rawPath();
    String method = ex.method();
    if (settings.token() != null && !authorized(ex)) {
      if (path.equals(PATH) && method.equals("POST")) {
        requests.add(
            new ResetDeskRequest(
                clock.now(), Map.of(), Map.of(), 401, null, List.of(), hasBearer(ex)));
      }
      return json(401, error("unauthorized"))
          .withHeader("WWW-Authenticate", "Bearer realm=\"reset-desk\"");
    }
    if (path.equals(PATH)) {
      if (!method.equals("POST")) {
        return json(405, error("method-not-allowed"));
      }
      return submit(ex);
    }
    if (path.startsWith(PATH + "/")) {
      String rest = path.substring(PATH.length() + 1);
      if (rest.endsWith("/completion")) {
        String id = rest.substring(0, rest.length() - "/completion".length());
        if (!method.equals("POST")) {
          return json(405, error("method-not-allowed"));
        }
        return complete(id);
      }
      if (!method.equals("GET")) {
        return json(405, error("method-not-allowed"));
      }
      return poll(rest);
    }
    return json(404, error("not-found"));
  }

  private static boolean hasBearer(FakeRequest ex) {
    String h = ex.header("authorization").orElse(null);
    return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  private boolean authorized(FakeRequest ex) {
    String h = ex.header("authorization").orElse(null);
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = h.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    byte[] expected = settings.token().utf8();
    try {
      return MessageDigest.isEqual(given, expected);
    } finally {
      Arrays.fill(expected, (byte) 0);
    }
  }

  private FakeResponse submit(FakeRequest ex) {
    boolean bearer = hasBearer(ex);
    byte[] body = ex.body();
    List<MultipartParser.Part> parts;
    try {
      String boundary = MultipartParser.boundary(ex.header("content-type").orElse(null));
      parts = MultipartParser.parse(body, boundary);
    } catch (IllegalArgumentException e) {
      List<FieldProblem> p = List.of(new FieldProblem("body", e.getMessage()));
      requests.add(new ResetDeskRequest(clock.now(), Map.of(), Map.of(), 400, null, p, bearer));
      return json(400, problems(p));
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
    DeskPhotos.check(files, fields, photos, problems);
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
      return json(400, problems(p));
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
    return json(
            201,
            new JsonOut()
                .put("ticket", t.id)
                .put("status", "SUBMITTED")
                .put("submittedAt", t.submittedAt.toString())
                .end())
        .withHeader("Location", baseUrl + PATH + "/" + t.id);
  }

  private FakeResponse poll(String id) {
    String body;
    synchronized (this) {
      Ticket t = tickets.get(id);
      if (t == null) {
        return json(404, error("unknown-ticket"));
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
    return json(200, body).withHeader("Cache-Control", "no-store");
  }

  private synchronized FakeResponse complete(String id) {
    Ticket t = tickets.get(id);
    if (t == null) {
      return json(404, error("unknown-ticket"));
    }
    advance(t);
    if (t.status == ResetTicket.Status.GRANTED) {
      t.status = ResetTicket.Status.COMPLETED;
      t.wipe();
    }
    return new FakeResponse(204, "No Content", List.of(), new byte[0]);
  }

  // ------------------------------------------------------------------ the test's controls

  /**
   * Registers a recorder unless the same one is registered.
   *
   * @param target the recorder
   */
  public void register(DeskTarget target) {
    synchronized (devices) {
      for (DeskTarget t : devices) {
        if (t.sameDevice(target)) {
          return;
        }
      }
      devices.add(target);
    }
  }

  /**
   * Sets the grant mode.
   *
   * @param newMode the mode
   * @param newDelay the delay for {@link GrantMode#DELAYED}
   */
  public synchronized void grantMode(GrantMode newMode, Duration newDelay) {
    this.mode = newMode;
    this.delay = newDelay;
  }

  /** The grant mode now. */
  public synchronized GrantMode grantMode() {
    return mode;
  }

  /**
   * Issues the temporary password of a submitted ticket now.
   *
   * @param ticketId the ticket
   * @return the grant
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
   * Rejects a submitted ticket.
   *
   * @param ticketId the ticket
   * @param reason why
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
   * A ticket's status now.
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
   * The ticket ids, in order.
   *
   * @return the ids
   */
  public synchronized List<String> tickets() {
    return List.copyOf(tickets.keySet());
  }

  /** The submissions, in order. */
  public List<ResetDeskRequest> requests() {
    return List.copyOf(requests);
  }

  /** Forgets tickets and requests; back to the configured grant mode. */
  public synchronized void reset() {
    wipe();
    tickets.clear();
    requests.clear();
    sequence.set(0);
    mode = settings.mode();
    delay = settings.delay();
  }

  /** Wipes the temporary passwords of every ticket. */
  public synchronized void wipe() {
    for (Ticket t : tickets.values()) {
      t.wipe();
    }
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
    t.password =
        settings.fixedPassword() != null ? settings.fixedPassword().copyChars() : generate();
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

  private static FakeResponse json(int status, String body) {
    return FakeResponse.text(status, reason(status), JSON, body);
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 413:
        return "Payload Too Large";
      case 503:
        return "Service Unavailable";
      default:
        return "Internal Server Error";
    }
  }
}
