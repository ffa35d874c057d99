package io.nvrkit.testkit.internal.hikvision;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.internal.engine.DeviceSetup;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import io.nvrkit.testkit.internal.engine.Personality;
import io.nvrkit.testkit.internal.state.Account;
import io.nvrkit.testkit.internal.state.DeviceState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Hikvision recorder or camera speaking ISAPI: identity ({@code /ISAPI/System/deviceInfo}, {@code
 * /time}, {@code /status}), accounts ({@code /ISAPI/Security/users}), {@code userCheck}, the per-IP
 * illegal-login lock and its settings, activation, HTTP Digest with reusable nonces, {@code
 * ResponseStatus} errors, case-insensitive paths, and a SADP responder. Written from the project's
 * Hikvision research notes; the choices made where they say "unverified" are listed in the testkit
 * README.
 *
 * <p>Thread-safe.
 */
public final class HikvisionPersonality implements Personality {
  private static final DateTimeFormatter BOOT_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter BUILD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);

  private final DeviceState state;
  private final FakeClock clock;
  private final HikSettings settings;
  private final Replies replies;
  private final HikDigest digest;
  private final IpLock ipLock;
  private final Activation activation = new Activation();
  private final UsersResource users;
  private final Instant bootInstant;
  private volatile boolean activated;
  private volatile Sadp sadp;
  private volatile URI baseUrl;

  /**
   * A personality over {@code state}.
   *
   * @param state the device state
   * @param setup the settings ({@code hikvision.*} options)
   */
  public HikvisionPersonality(DeviceState state, DeviceSetup setup) {
    this.state = state;
    this.clock = state.clock();
    this.settings = HikSettings.of(setup.options());
    this.replies = new Replies(settings, clock);
    String realm = HikDigest.md5(state.identity().serial()).substring(0, 24);
    this.digest = new HikDigest(realm, clock, settings.singleUseNonces());
    this.ipLock = new IpLock(clock, settings.adminLockAttempts(), settings.successResetsFailures());
    this.users = new UsersResource(state, replies, settings, this::wrongLoginPassword);
    this.bootInstant = clock.now().minus(settings.uptime());
    this.activated = settings.activated();
  }

  @Override
  public String name() {
    return "hikvision";
  }

  // ------------------------------------------------------------------ test-facing state

  /**
   * The SADP responder's address, when it runs.
   *
   * @return the address
   */
  public Optional<InetSocketAddress> sadpAddress() {
    Sadp s = sadp;
    return s == null ? Optional.empty() : Optional.of(s.address());
  }

  /**
   * Whether the SADP responder also listens on 239.255.255.250:37020 on the loopback interface
   * (false when it is off, unicast only, or the host refused the join).
   *
   * @return true if the group was joined
   */
  public boolean sadpMulticast() {
    Sadp s = sadp;
    return s != null && s.multicastJoined();
  }

  /**
   * The device's start time as SADP shows it (device-local, no zone).
   *
   * @return the start time
   */
  public LocalDateTime startTime() {
    return LocalDateTime.ofInstant(bootInstant, clock.zone()).withNano(0);
  }

  /**
   * Whether the device is activated.
   *
   * @return true once activated
   */
  public boolean isActivated() {
    return activated;
  }

  /**
   * Whether any source IP is locked now.
   *
   * @return true if locked
   */
  public boolean anyIpLocked() {
    return ipLock.anyLocked();
  }

  /**
   * The longest remaining IP lock.
   *
   * @return the duration, zero if none
   */
  public Duration longestIpLock() {
    return ipLock.longestLock();
  }

  /**
   * The highest count of illegal logins of any source IP since its last success or lock.
   *
   * @return the count
   */
  public int mostIllegalLogins() {
    return ipLock.mostFailures();
  }

  /** Back to the start: nonces, IP locks, pending activation, the configured activation state. */
  public void reset() {
    digest.reset();
    ipLock.reset();
    activation.reset();
    activated = settings.activated();
  }

  // ------------------------------------------------------------------ Personality

  @Override
  public void started(URI url) {
    this.baseUrl = url;
    if (settings.sadp()) {
      try {
        sadp =
            new Sadp(
                InetAddress.getByName(url.getHost()), settings.sadpMulticast(), this::probeMatch);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot start the SADP responder", e);
      }
    }
  }

  @Override
  public void stopped() {
    Sadp s = sadp;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public FakeResponse connectionLimitResponse(FakeRequest request) {
    return replies.unauthorized(ipLock.status(ip(request), state.lockout(), ""), challenges(false));
  }

  @Override
  public String operationOf(FakeRequest request) {
    Route r = route(request);
    if (r.auth && request.header("authorization").isEmpty()) {
      return null; // the anonymous first round of Digest only fetches a challenge
    }
    return r.operation;
  }

  /**
   * The device operation of a request (see {@link HikvisionType} for the table); {@link
   * DeviceOperation#OTHER} for requests that are none (unknown paths, the anonymous first round of
   * Digest).
   *
   * @param request the request
   * @return the operation
   */
  public DeviceOperation neutralOperationOf(FakeRequest request) {
    return HikvisionType.OPERATIONS.operationOf(operationOf(request));
  }

  private static boolean containsPassword(byte[] body) {
    try {
      return IsapiXml.parse(body).text("password").isPresent();
    } catch (IsapiXml.Malformed e) {
      return false;
    }
  }

  /** A request's route: the fault-script operation name and whether it needs a login. */
  private record Route(String kind, String operation, boolean auth, String rest) {}

  private static Route route(FakeRequest req) {
    String p = req.rawPath().toLowerCase(Locale.ROOT);
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    String m = req.method();
    switch (p) {
      case "/sdk/activatestatus":
      case "/isapi/security/activatestatus":
        return new Route("activateStatus", "activateStatus", false, "");
      case "/isapi/security/challenge":
        return new Route("challenge", "challenge", false, "");
      case "/isapi/system/activate":
        return new Route("activate", "activate", false, "");
      case "/isapi/system/deviceinfo":
        return new Route("deviceInfo", "deviceInfo", true, "");
      case "/isapi/system/time":
        return new Route("time", m.equals("PUT") ? "setTime" : "time", true, "");
      case "/isapi/system/status":
        return new Route("status", "status", true, "");
      case "/isapi/security/usercheck":
        return new Route("userCheck", "userCheck", true, "");
      case "/isapi/security/illegalloginlock":
        return new Route(
            "illegalLoginLock",
            m.equals("PUT") ? "setIllegalLoginLock" : "illegalLoginLock",
            true,
            "");
      case "/isapi/security/users":
        return new Route("users", m.equals("POST") ? "createUser" : "users", true, "");
      default:
        break;
    }
    if (p.startsWith("/isapi/security/users/") && p.indexOf('/', 22) < 0) {
      String op =
          m.equals("PUT")
              ? (containsPassword(req.body()) ? "changePassword" : "modifyUser")
              : m.equals("DELETE") ? "deleteUser" : "user";
      return new Route("user", op, true, p.substring(22));
    }
    if (p.startsWith("/isapi/") || p.startsWith("/sdk/")) {
      return new Route("unsupported", null, true, "");
    }
    return new Route("none", null, false, "");
  }

  @Override
  public FakeResponse handle(FakeRequest req) {
    Route r = route(req);
    String url = req.rawPath();
    switch (r.kind) {
      case "none":
        return replies.notFound();
      case "activateStatus":
        return replies.xml(200, replies.doc("ActivateStatus").el("Activated", activated).end());
      case "challenge":
        return challenge(req);
      case "activate":
        return activate(req);
      default:
        break;
    }
    Object auth = authenticate(req);
    if (auth instanceof FakeResponse) {
      return (FakeResponse) auth;
    }
    UsersResource.Caller c = (UsersResource.Caller) auth;
    FakeResponse out;
    switch (r.kind) {
      case "deviceInfo":
        out = only(req, "GET", () -> replies.xml(200, deviceInfo()));
        break;
      case "status":
        out = only(req, "GET", () -> replies.xml(200, status()));
        break;
      case "time":
        out = time(req, c);
        break;
      case "userCheck":
        out = only(req, "GET", () -> replies.xml(200, userCheck(c)));
        break;
      case "illegalLoginLock":
        out = illegalLoginLock(req, c);
        break;
      case "users":
        out = users.list(req, c);
        break;
      case "user":
        out = users.one(req, c, r.rest);
        break;
      default:
        out = replies.notSupport(url);
    }
    return out.withUser(c.user());
  }

  private FakeResponse only(
      FakeRequest req, String method, java.util.function.Supplier<FakeResponse> answer) {
    return req.method().equals(method) ? answer.get() : replies.methodNotAllowed(req.rawPath());
  }

  // ------------------------------------------------------------------ authentication

  private static String ip(FakeRequest req) {
    InetSocketAddress a = req.remote();
    return a == null || a.getAddress() == null ? "?" : a.getAddress().getHostAddress();
  }

  private List<String> challenges(boolean stale) {
    List<String> out = new ArrayList<>();
    if (settings.digest()) {
      out.add(digest.challenge(stale));
    }
    if (settings.basic()) {
      out.add("Basic realm=\"" + digest.realm() + "\"");
    }
    return out;
  }

  /** The caller, or the 401 answer. */
  private Object authenticate(FakeRequest req) {
    String ip = ip(req);
    Lockout l = state.lockout();
    String h = req.header("authorization").orElse("");
    String scheme = h.indexOf(' ') > 0 ? h.substring(0, h.indexOf(' ')) : h;
    String user;
    boolean ok;
    if (scheme.equalsIgnoreCase("Digest") && settings.digest()) {
      HikDigest.Result d =
          digest.check(h.substring(7), req.method(), req.rawTarget(), this::wouldAccept);
      user = d.user();
      if (d.outcome() == HikDigest.Outcome.STALE || d.outcome() == HikDigest.Outcome.MALFORMED) {
        return replies.unauthorized(
            ipLock.status(ip, l, user), challenges(d.outcome() == HikDigest.Outcome.STALE));
      }
      ok = d.outcome() == HikDigest.Outcome.OK;
    } else if (scheme.equalsIgnoreCase("Basic") && settings.basic()) {
      char[] up = basic(h.substring(5).trim());
      if (up == null) {
        return replies.unauthorized(ipLock.status(ip, l, ""), challenges(false));
      }
      int colon = new String(up).indexOf(':');
      user = new String(up, 0, colon);
      char[] pw = Arrays.copyOfRange(up, colon + 1, up.length);
      Arrays.fill(up, '\0');
      ok = state.accepts(user, pw);
      Arrays.fill(pw, '\0');
    } else {
      // no credentials, or a scheme the device does not offer: a challenge, nothing counted
      return replies.unauthorized(ipLock.status(ip, l, ""), challenges(false));
    }
    IpLock.Status s = ipLock.status(ip, l, user);
    if (s.locked()) {
      return replies.unauthorized(s, challenges(false));
    }
    if (!activated || !ok) {
      return replies.unauthorized(ipLock.fail(ip, l, user), challenges(false));
    }
    ipLock.success(ip);
    AccountLevel level = state.account(user).map(Account::level).orElse(AccountLevel.USER);
    return new UsersResource.Caller(user, level, ip);
  }

  private boolean wouldAccept(String user, java.util.function.Predicate<char[]> test) {
    return state.wouldAccept(user, test);
  }

  private static char[] basic(String b64) {
    try {
      byte[] raw = Base64.getDecoder().decode(b64);
      char[] c = new String(raw, StandardCharsets.UTF_8).toCharArray();
      Arrays.fill(raw, (byte) 0);
      return new String(c).indexOf(':') > 0 ? c : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void wrongLoginPassword(UsersResource.Caller c) {
    if (settings.loginPasswordCounts()) {
      ipLock.fail(c.ip(), state.lockout(), c.user());
    }
  }

  // ------------------------------------------------------------------ resources

  private String deviceInfo() {
    FakeIdentity id = state.identity();
    String build = "build " + BUILD.format(id.firmwareBuild());
    IsapiXml d = replies.doc("DeviceInfo");
    if (settings.nvr()) {
      d.el("deviceName", id.machineName())
          .el("deviceID", id.deviceId())
          .el("model", id.model())
          .el("serialNumber", id.serial())
          .el("macAddress", id.mac().toLowerCase(Locale.ROOT))
          .el("firmwareVersion", id.firmware())
          .el("firmwareReleasedDate", build)
          .el("encoderVersion", "V5.0")
          .el("encoderReleasedDate", build)
          .el("deviceType", "NVR")
          .el("telecontrolID", 255)
          .el("hardwareVersion", id.hardwareVersion())
          .el("manufacturer", "hikvision")
          .el("decordChannelNums", 0)
          .el("VGANums", 1)
          .el("USBNums", 2)
          .el("auxoutNums", 0);
    } else {
      String serial = id.serial();
      d.el("deviceName", id.machineName())
          .el("deviceID", id.deviceId())
          .el("deviceDescription", "IPCamera")
          .el("deviceLocation", "hangzhou")
          .el("systemContact", "Hikvision.China")
          .el("model", id.model())
          .el("serialNumber", serial)
          .el("macAddress", id.mac().toLowerCase(Locale.ROOT))
          .el("firmwareVersion", id.firmware())
          .el("firmwareReleasedDate", build)
          .el("encoderVersion", "V7.3")
          .el("encoderReleasedDate", build)
          .el("bootVersion", "V1.3.4")
          .el("bootReleasedDate", "100316")
          .el("hardwareVersion", id.hardwareVersion())
          .el("deviceType", "IPCamera")
          .el("telecontrolID", 88)
          .el("supportBeep", false)
          .el("supportVideoLoss", false)
          .el("manufacturer", "hikvision")
          .el("subSerialNumber", serial.substring(Math.max(0, serial.length() - 9)));
    }
    return d.end();
  }

  private String status() {
    Instant now = clock.now();
    return replies
        .doc("DeviceStatus")
        .el("currentDeviceTime", HikTime.LOCAL_TIME.format(now.atZone(clock.zone())))
        .el("deviceUpTime", Math.max(0, Duration.between(bootInstant, now).toSeconds()))
        .end();
  }

  private String userCheck(UsersResource.Caller c) {
    int[] level = {2};
    state.wouldAccept(
        c.user(),
        pw -> {
          level[0] = HikPasswords.level(c.user(), pw);
          return true;
        });
    return replies
        .doc("userCheck")
        .el("statusValue", 200)
        .el("statusString", "OK")
        .el("isDefaultPassword", false)
        .el("isRiskPassword", level[0] == 0)
        .el("isActivated", activated)
        .end();
  }

  private FakeResponse time(FakeRequest req, UsersResource.Caller c) {
    String url = req.rawPath();
    if (req.method().equals("GET")) {
      Instant now = clock.now();
      ZoneId z = clock.zone();
      return replies.xml(
          200,
          replies
              .doc("Time")
              .el("timeMode", "manual")
              .el("localTime", HikTime.LOCAL_TIME.format(now.atZone(z)))
              .el("timeZone", HikTime.posix(z, now))
              .end());
    }
    return adminPut(req, c, "Time", d -> setTime(d, url));
  }

  private FakeResponse setTime(IsapiXml.Doc d, String url) {
    Optional<ZoneId> zone = Optional.empty();
    if (d.text("timeZone").isPresent()) {
      zone = HikTime.parse(d.text("timeZone").get(), clock.now());
      if (zone.isEmpty()) {
        return replies.badParameters(url);
      }
    }
    String mode = d.text("timeMode").orElse("manual");
    Optional<String> local = d.text("localTime");
    Instant at = null;
    LocalDateTime atLocal = null;
    if (mode.equalsIgnoreCase("manual") && local.isPresent()) {
      try {
        at = OffsetDateTime.parse(local.get()).toInstant();
      } catch (DateTimeParseException e) {
        try {
          atLocal = LocalDateTime.parse(local.get());
        } catch (DateTimeParseException e2) {
          return replies.badParameters(url);
        }
      }
    }
    zone.ifPresent(clock::setZone);
    if (at != null) {
      clock.set(at);
    } else if (atLocal != null) {
      clock.setLocal(atLocal);
    }
    return replies.ok(url);
  }

  private FakeResponse illegalLoginLock(FakeRequest req, UsersResource.Caller c) {
    String url = req.rawPath();
    Lockout l = state.lockout();
    if (req.method().equals("GET")) {
      return replies.xml(
          200,
          replies
              .doc("IllegalLoginLock")
              .el("enabled", l.enabled())
              .el("maxIllegalLoginTimes", l.attempts())
              .el("maxIllegalLoginLockTime", l.lockTime().toSeconds())
              .end());
    }
    return adminPut(req, c, "IllegalLoginLock", d -> setIllegalLoginLock(d, l, url));
  }

  private FakeResponse setIllegalLoginLock(IsapiXml.Doc d, Lockout l, String url) {
    try {
      boolean enabled =
          Boolean.parseBoolean(d.text("enabled").orElse(Boolean.toString(l.enabled())));
      int times =
          Integer.parseInt(d.text("maxIllegalLoginTimes").orElse(Integer.toString(l.attempts())));
      long secs =
          Long.parseLong(
              d.text("maxIllegalLoginLockTime").orElse(Long.toString(l.lockTime().toSeconds())));
      if (times < 3 || times > 20 || secs < 60 || secs > 86_400) {
        return replies.badParameters(url);
      }
      state.setLockout(new Lockout(enabled, times, Duration.ofSeconds(secs)));
      return replies.ok(url);
    } catch (NumberFormatException e) {
      return replies.badParameters(url);
    }
  }

  /**
   * An administrator's PUT of a {@code root} document, handed to {@code apply}; otherwise the
   * device's answer: wrong method, low privilege, bad XML, or another root.
   */
  private FakeResponse adminPut(
      FakeRequest req,
      UsersResource.Caller c,
      String root,
      java.util.function.Function<IsapiXml.Doc, FakeResponse> apply) {
    String url = req.rawPath();
    if (!req.method().equals("PUT")) {
      return replies.methodNotAllowed(url);
    }
    if (!c.admin()) {
      return replies.lowPrivilege(url);
    }
    IsapiXml.Doc d;
    try {
      d = IsapiXml.parse(req.body());
    } catch (IsapiXml.Malformed e) {
      return replies.badXmlFormat(url);
    }
    if (!d.rootName().equals(root)) {
      return replies.badXmlContent(url);
    }
    return apply.apply(d);
  }

  // ------------------------------------------------------------------ activation

  private FakeResponse challenge(FakeRequest req) {
    String url = req.rawPath();
    if (!req.method().equals("POST")) {
      return replies.methodNotAllowed(url);
    }
    IsapiXml.Doc d;
    try {
      d = IsapiXml.parse(req.body());
    } catch (IsapiXml.Malformed e) {
      return replies.badXmlFormat(url);
    }
    String key = d.text("key").orElse("");
    String c = activation.challenge(key);
    if (c == null) {
      return replies.badParameters(url);
    }
    return replies.xml(200, replies.doc("Challenge").el("key", c).end());
  }

  private FakeResponse activate(FakeRequest req) {
    String url = req.rawPath();
    if (!req.method().equals("PUT")) {
      return replies.methodNotAllowed(url);
    }
    if (activated) {
      return replies.invalidOperation(url);
    }
    IsapiXml.Doc d;
    try {
      d = IsapiXml.parse(req.body());
    } catch (IsapiXml.Malformed e) {
      return replies.badXmlFormat(url);
    }
    char[] pw = activation.password(d.text("password").orElse(""));
    if (pw == null) {
      return replies.badParameters(url);
    }
    try {
      if (!HikPasswords.acceptable("admin", pw, state.rules())) {
        return replies.badParameters(url);
      }
      state.setPassword("admin", pw, false);
      activated = true;
      activation.reset();
      return replies.ok(url);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  // ------------------------------------------------------------------ SADP

  private String probeMatch(String uuid) {
    URI u = baseUrl;
    return Sadp.match(
        uuid,
        state.identity(),
        settings.nvr(),
        activated,
        u == null ? "127.0.0.1" : u.getHost(),
        u == null ? 80 : u.getPort(),
        BOOT_TIME.format(startTime()));
  }
}
