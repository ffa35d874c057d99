package io.nvrkit.testkit.internal.lorex;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.LorexProfile;
import io.nvrkit.testkit.internal.engine.DeviceSetup;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import io.nvrkit.testkit.internal.engine.Personality;
import io.nvrkit.testkit.internal.state.Account;
import io.nvrkit.testkit.internal.state.DeviceState;
import io.nvrkit.testkit.internal.state.LoginResult;
import io.nvrkit.testkit.internal.state.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The Lorex (Dahua-family firmware) personality: the HTTP CGI under {@code /cgi-bin/} with Digest
 * MD5, and the JSON-RPC API at {@code /RPC2_Login} and {@code /RPC2} (see {@link Rpc2}). It
 * reproduces the facts of the research note {@code dahua-lorex.md} §7; where the note says
 * "unverified", the choice made is written next to the code that makes it.
 *
 * <p>Nothing is answered before authentication except the 401 challenge and the RPC login
 * challenge; there is no master password, no reset algorithm and no replayable login. Thread-safe.
 */
public final class LorexPersonality implements Personality {
  static final String TEXT = "text/plain;charset=utf-8";
  static final String BAD_REQUEST = "Error\r\nBad Request!\r\n";
  private static final Duration REBOOT_TIME = Duration.ofSeconds(105);
  private static final DateTimeFormatter FIRMWARE_TIME =
      DateTimeFormatter.ofPattern("uuuu-M-d HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter PADDED_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);
  private static final DateTimeFormatter LENIENT_TIME =
      DateTimeFormatter.ofPattern("uuuu-M-d H:m:s", Locale.ROOT);

  private final DeviceState state;
  private final LorexProfile profile;
  private final DigestAuth digest = new DigestAuth();
  private final Rpc2 rpc;
  private volatile Instant rebootUntil;

  /**
   * A personality over {@code state}.
   *
   * @param state the device state
   * @param setup the settings (its Lorex profile is used)
   */
  public LorexPersonality(DeviceState state, DeviceSetup setup) {
    this.state = state;
    this.profile = setup.lorexProfile() == null ? LorexProfile.defaults() : setup.lorexProfile();
    this.rpc = new Rpc2(state, profile);
  }

  @Override
  public String name() {
    return "lorex";
  }

  @Override
  public String operationOf(FakeRequest request) {
    String path = request.rawPath();
    if (path.equals("/RPC2_Login")) {
      return "login";
    }
    if (path.equals("/RPC2")) {
      return rpc.operationOf(request);
    }
    if (path.startsWith("/cgi-bin/")) {
      if (request.header("authorization").isEmpty()) {
        // The unauthenticated first round trip of Digest only fetches a challenge: it is not the
        // operation yet, so a fault scripted for "modifyPassword" hits the request that carries
        // credentials.
        return null;
      }
      try {
        String action = FirmwareQuery.parse(request.rawQuery()).get("action");
        if (action != null) {
          return action;
        }
      } catch (FirmwareQuery.Malformed e) {
        return null;
      }
      String file = path.substring(9);
      return file.endsWith(".cgi") ? file.substring(0, file.length() - 4) : file;
    }
    return null;
  }

  @Override
  public FakeResponse connectionLimitResponse(FakeRequest request) {
    // RR #603: a full device answers 401 even to valid credentials ("Exceeded maximum number of
    // connections"); it is an ordinary challenge, indistinguishable from a wrong password except
    // that it does not count toward the lockout.
    return unauthorized("");
  }

  @Override
  public FakeResponse handle(FakeRequest req) {
    Instant now = state.clock().now();
    Instant r = rebootUntil;
    if (r != null && now.isBefore(r)) {
      return FakeResponse.reset();
    }
    String path = req.rawPath();
    if (path.equals("/RPC2_Login") || path.equals("/RPC2")) {
      return rpc.handle(req, path.equals("/RPC2_Login"));
    }
    if (!path.startsWith("/cgi-bin/")) {
      return withSecurityHeaders(
          FakeResponse.text(404, "Not Found", TEXT, "Error\r\nNot Found!\r\n"));
    }
    String file = path.substring(9);
    if (profile.audioCgiReboots() && file.equals("audio.cgi")) {
      // AIOD docs/hardware.md: a plain GET audio.cgi reboots a Lorex E891AB for about 105 s.
      rebootUntil = now.plus(REBOOT_TIME);
      digest.clear();
      return FakeResponse.reset();
    }
    Object auth = authenticate(req, now);
    if (auth instanceof FakeResponse) {
      return (FakeResponse) auth;
    }
    String user = (String) auth;
    Map<String, String> q;
    try {
      q = FirmwareQuery.parse(req.rawQuery());
    } catch (FirmwareQuery.Malformed e) {
      return badRequest().withUser(user);
    }
    String action = q.getOrDefault("action", "");
    if (profile.unsupported().contains(action)) {
      return missing().withUser(user);
    }
    FakeResponse resp;
    switch (file) {
      case "magicBox.cgi":
        resp = magicBox(action);
        break;
      case "global.cgi":
        resp = global(action, q);
        break;
      case "configManager.cgi":
        resp = configManager(action, q, req);
        break;
      case "userManager.cgi":
        resp = userManager(action, q, user);
        break;
      default:
        resp = missing();
    }
    return resp.withUser(user);
  }

  // ------------------------------------------------------------------ authentication

  String realm() {
    return "Login to " + state.identity().serial();
  }

  /** The user name, or the 401 to send. */
  private Object authenticate(FakeRequest req, Instant now) {
    String h = req.header("authorization").orElse(null);
    boolean basicHeader = h != null && h.regionMatches(true, 0, "Basic ", 0, 6);
    if (profile.cgiAuth() == LorexProfile.CgiAuth.BASIC_ONLY) {
      return basicHeader ? basic(h) : unauthorized("");
    }
    if (basicHeader && profile.cgiAuth() == LorexProfile.CgiAuth.DIGEST_OR_BASIC) {
      return basic(h);
    }
    DigestAuth.Credentials c = DigestAuth.parse(h);
    if (c == null) {
      return unauthorized("");
    }
    String realm = realm();
    Predicate<char[]> check = pw -> DigestAuth.matches(c, req.method(), realm, pw);
    boolean fresh = digest.consume(c, now);
    boolean uriOk = c.uri().equals(req.rawTarget());
    if (!fresh || !uriOk) {
      // A reused, unknown or expired nonce, or a uri that is not the request target: 401 with a
      // new challenge. Counted as a failed login only if the proof is wrong for the password too
      // (the note leaves this open; python-amcrest's requests-based client re-sends a used nonce
      // and works on real devices, so a right password over a stale nonce cannot count).
      if (state.wouldAccept(c.username(), check)) {
        return unauthorized("");
      }
    }
    LoginResult r = state.login(c.username(), fresh && uriOk ? check : pw -> false);
    if (r.ok()) {
      return c.username();
    }
    return unauthorized(
        r.outcome() == LoginResult.Outcome.FAILED ? "" : "Error\r\nUser Locked!\r\n");
  }

  private Object basic(String header) {
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return unauthorized("");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return unauthorized("");
    }
    String user = decoded.substring(0, colon);
    char[] pw = decoded.substring(colon + 1).toCharArray();
    try {
      LoginResult r = state.login(user, cand -> DeviceState.equal(cand, pw));
      if (r.ok()) {
        return user;
      }
      return unauthorized(
          r.outcome() == LoginResult.Outcome.FAILED ? "" : "Error\r\nUser Locked!\r\n");
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  /**
   * A 401 with a fresh challenge. The body of a plain 401 is not captured anywhere; this fake sends
   * none. For a locked account it sends {@code Error\r\nUser Locked!\r\n} (the note: no real
   * capture exists; key on the status, not on this text).
   */
  private FakeResponse unauthorized(String body) {
    String challenge =
        profile.cgiAuth() == LorexProfile.CgiAuth.BASIC_ONLY
            ? "Basic realm=\"Device_CGI\""
            : digest.challenge(realm(), state.clock().now());
    return withSecurityHeaders(
        FakeResponse.text(401, "Unauthorized", TEXT, body)
            .withHeader("WWW-Authenticate", challenge));
  }

  // ------------------------------------------------------------------ CGI actions

  private FakeResponse magicBox(String action) {
    FakeIdentity id = state.identity();
    switch (action) {
      case "getDeviceType":
        return ok(kv("type", id.model()));
      case "getSerialNo":
        return ok(kv("sn", id.serial()));
      case "getSoftwareVersion":
        return ok(kv("version", id.firmware() + ",build:" + id.firmwareBuild()));
      case "getHardwareVersion":
        return ok(kv("version", id.hardwareVersion()));
      case "getMachineName":
        return ok(kv("name", id.machineName()));
      case "getVendor":
        return ok(kv("vendor", id.vendor()));
      case "getDeviceClass":
        return ok(kv("type", "NVR"));
      case "getSystemInfo":
        return ok(
            kv("appAutoStart", "true")
                + kv("deviceType", id.model())
                + kv("hardwareVersion", id.hardwareVersion())
                + kv("processor", "HI3536C")
                + kv("serialNumber", id.serial())
                + kv("updateSerial", id.model())
                + kv("updateSerialCloudUpgrade", id.model() + ":07:01:8D:13:8E:00:00:00:00:600"));
      default:
        return missing();
    }
  }

  private FakeResponse global(String action, Map<String, String> q) {
    switch (action) {
      case "getCurrentTime":
        return ok(kv("result", formatTime(state.clock().localDateTime(), profile.paddedTime())));
      case "setCurrentTime":
        String t = q.get("time");
        if (t == null) {
          return badRequest();
        }
        try {
          state.clock().setLocal(LocalDateTime.parse(t.trim(), LENIENT_TIME));
        } catch (DateTimeParseException e) {
          return badRequest();
        }
        return ok("OK\r\n");
      default:
        return missing();
    }
  }

  static String formatTime(LocalDateTime t, boolean padded) {
    return (padded ? PADDED_TIME : FIRMWARE_TIME).format(t.withNano(0));
  }

  private FakeResponse configManager(String action, Map<String, String> q, FakeRequest req) {
    if (action.equals("getConfig")) {
      String name = q.get("name");
      if (name == null) {
        return badRequest();
      }
      FakeIdentity id = state.identity();
      Lockout l = state.lockout();
      switch (name) {
        case "General":
          return ok(
              kv("table.General.MachineName", id.machineName())
                  + kv("table.General.LocalNo", "8")
                  + kv("table.General.MachineAddress", "")
                  + kv("table.General.LockLoginEnable", String.valueOf(l.enabled()))
                  + kv("table.General.LockLoginTimes", String.valueOf(l.attempts()))
                  + kv(
                      "table.General.LoginFailLockTime",
                      String.valueOf(l.lockTime().getSeconds())));
        case "Network":
          String ip = "127.0.0.1";
          return ok(
              kv("table.Network.DefaultInterface", "eth0")
                  + kv("table.Network.Domain", "dahua")
                  + kv("table.Network.Hostname", id.machineName())
                  + kv("table.Network.eth0.DefaultGateway", "127.0.0.1")
                  + kv("table.Network.eth0.DhcpEnable", "false")
                  + kv("table.Network.eth0.IPAddress", ip)
                  + kv("table.Network.eth0.MTU", "1500")
                  + kv("table.Network.eth0.PhysicalAddress", id.mac())
                  + kv("table.Network.eth0.SubnetMask", "255.0.0.0"));
        case "NTP":
          // The zone lives in the NTP section; TimeZone is an index whose table is unpublished and
          // TimeZoneDesc free text; this fake describes its zone as the GMT offset of the moment.
          String offset = state.clock().zone().getRules().getOffset(state.clock().now()).getId();
          return ok(
              kv("table.NTP.Address", "time.windows.com")
                  + kv("table.NTP.Enable", "false")
                  + kv("table.NTP.Port", "123")
                  + kv("table.NTP.TimeZoneDesc", "GMT" + (offset.equals("Z") ? "+00:00" : offset))
                  + kv("table.NTP.UpdatePeriod", "10"));
        default:
          // AIOD parsers.py [real]: a config section the firmware lacks answers 200 with this text.
          return ok("Error: Error -1 getting param in name=" + name + "\r\n");
      }
    }
    if (action.equals("setConfig")) {
      return setConfig(q);
    }
    return missing();
  }

  private FakeResponse setConfig(Map<String, String> q) {
    Lockout l = state.lockout();
    boolean enabled = l.enabled();
    int times = l.attempts();
    long seconds = l.lockTime().getSeconds();
    String machineName = null;
    try {
      for (Map.Entry<String, String> e : q.entrySet()) {
        String v = e.getValue().trim();
        switch (e.getKey()) {
          case "action":
            break;
          case "General.LockLoginEnable":
            enabled = Boolean.parseBoolean(v);
            break;
          case "General.LockLoginTimes":
            times = Integer.parseInt(v);
            break;
          case "General.LoginFailLockTime":
            seconds = Long.parseLong(v);
            break;
          case "General.MachineName":
            machineName = v;
            break;
          default:
            // Other settings are accepted and ignored, as an empty value is (AIOD config.py).
            break;
        }
      }
      Lockout nl = new Lockout(enabled, times, Duration.ofSeconds(seconds));
      if (machineName != null) {
        state.setIdentity(state.identity().toBuilder().machineName(machineName).build());
      }
      state.setLockout(nl);
    } catch (IllegalArgumentException e) {
      return badRequest();
    }
    return ok("OK\r\n");
  }

  private FakeResponse userManager(String action, Map<String, String> q, String caller) {
    boolean admin =
        state.account(caller).map(a -> a.level() == AccountLevel.ADMINISTRATOR).orElse(false);
    switch (action) {
      case "getUserInfoAll":
        {
          StringBuilder b = new StringBuilder();
          int i = 0;
          for (Account a : state.accounts()) {
            appendUser(b, "users[" + i++ + "]", a);
          }
          return ok(b.toString());
        }
      case "getUserInfo":
        {
          Optional<Account> a = Optional.ofNullable(q.get("name")).flatMap(state::account);
          if (a.isEmpty()) {
            return badRequest();
          }
          StringBuilder b = new StringBuilder();
          appendUser(b, "user", a.get());
          return ok(b.toString());
        }
      case "getActiveUserInfoAll":
        {
          StringBuilder b = new StringBuilder();
          int i = 0;
          for (Session s : state.sessions()) {
            String p = "users[" + i++ + "]";
            Optional<Account> a = state.account(s.user());
            b.append(kv(p + ".ClientAddress", s.clientAddress()))
                .append(kv(p + ".ClientType", "Web3.0"))
                .append(kv(p + ".Group", a.map(x -> group(x.level())).orElse("user")))
                .append(kv(p + ".Id", String.valueOf(i)))
                .append(
                    kv(
                        p + ".LoginTime",
                        formatTime(
                            LocalDateTime.ofInstant(s.loginTime(), state.clock().zone()), true)))
                .append(kv(p + ".Name", s.user()));
          }
          return ok(b.toString());
        }
      case "getGroupInfoAll":
        return ok(groupLines("group[0]", "admin", 1) + groupLines("group[1]", "user", 2));
      case "getGroupInfo":
        {
          String g = q.get("name");
          if ("admin".equals(g)) {
            return ok(groupLines("group", "admin", 1));
          }
          if ("user".equals(g)) {
            return ok(groupLines("group", "user", 2));
          }
          return badRequest();
        }
      case "addUser":
        {
          if (!admin) {
            return badRequest();
          }
          String name = q.get("user.Name");
          String pw = q.get("user.Password");
          AccountLevel level = level(q.get("user.Group"));
          if (name == null || pw == null || level == null) {
            return badRequest();
          }
          char[] p = pw.toCharArray();
          try {
            DeviceState.Change c =
                state.addUser(
                    name,
                    p,
                    level,
                    Boolean.parseBoolean(q.getOrDefault("user.Reserved", "false")),
                    Boolean.parseBoolean(q.getOrDefault("user.Sharable", "true")),
                    q.getOrDefault("user.Memo", ""));
            return c == DeviceState.Change.OK ? ok("OK\r\n") : badRequest();
          } finally {
            Arrays.fill(p, '\0');
          }
        }
      case "deleteUser":
        {
          String name = q.get("name");
          if (!admin || name == null || name.equals(caller)) {
            return badRequest();
          }
          return state.deleteUser(name) == DeviceState.Change.OK ? ok("OK\r\n") : badRequest();
        }
      case "modifyUser":
        {
          String name = q.get("name");
          if (!admin || name == null) {
            return badRequest();
          }
          AccountLevel level = null;
          if (q.containsKey("user.Group")) {
            level = level(q.get("user.Group"));
            if (level == null) {
              return badRequest();
            }
          }
          Boolean reserved =
              q.containsKey("user.Reserved") ? Boolean.valueOf(q.get("user.Reserved")) : null;
          Boolean sharable =
              q.containsKey("user.Sharable") ? Boolean.valueOf(q.get("user.Sharable")) : null;
          // An empty value never reaches here (ignored by the query decoder), so "user.Memo=" is
          // answered OK and changes nothing, as on the firmware; a single space clears the memo.
          String memo = q.containsKey("user.Memo") ? q.get("user.Memo").trim() : null;
          return state.modifyUser(name, level, reserved, sharable, memo) == DeviceState.Change.OK
              ? ok("OK\r\n")
              : badRequest();
        }
      case "modifyPassword":
        {
          String name = q.get("name");
          String pwd = q.get("pwd");
          String old = q.get("pwdOld");
          if (name == null || pwd == null || old == null) {
            return badRequest();
          }
          if (!admin && !name.equals(caller)) {
            return badRequest();
          }
          char[] n = pwd.toCharArray();
          char[] o = old.toCharArray();
          try {
            // The exact rejection text for a wrong old password or a policy violation is not
            // captured (note §8): both answer the standard 400 body. A wrong pwdOld is not counted
            // as a failed login.
            return state.changePassword(name, o, n) == DeviceState.Change.OK
                ? ok("OK\r\n")
                : badRequest();
          } finally {
            Arrays.fill(n, '\0');
            Arrays.fill(o, '\0');
          }
        }
      case "modifyPasswordByManager":
        {
          // Parameter names disagree between clients (note §2.1): both name and userName work.
          String name = q.getOrDefault("name", q.get("userName"));
          String pwd = q.get("pwd");
          String manager = q.get("managerName");
          String managerPwd = q.get("managerPwd");
          if (name == null || pwd == null || manager == null || managerPwd == null) {
            return badRequest();
          }
          boolean managerIsAdmin =
              state
                  .account(manager)
                  .map(a -> a.level() == AccountLevel.ADMINISTRATOR)
                  .orElse(false);
          char[] mp = managerPwd.toCharArray();
          char[] n = pwd.toCharArray();
          try {
            if (!managerIsAdmin || !state.accepts(manager, mp)) {
              return badRequest();
            }
            return state.setPassword(name, n, true) == DeviceState.Change.OK
                ? ok("OK\r\n")
                : badRequest();
          } finally {
            Arrays.fill(mp, '\0');
            Arrays.fill(n, '\0');
          }
        }
      default:
        return missing();
    }
  }

  private void appendUser(StringBuilder b, String p, Account a) {
    int k = 0;
    for (String auth : a.authorities()) {
      b.append(kv(p + ".AuthorityList[" + k++ + "]", auth));
    }
    b.append(kv(p + ".Group", group(a.level())))
        .append(kv(p + ".Id", String.valueOf(a.id())))
        .append(kv(p + ".Memo", a.memo().isEmpty() ? a.name() + " 's account" : a.memo()))
        .append(kv(p + ".Name", a.name()))
        .append(kv(p + ".Reserved", String.valueOf(a.reserved())))
        .append(kv(p + ".Sharable", String.valueOf(a.sharable())));
  }

  private static String groupLines(String p, String name, int id) {
    List<String> auths =
        name.equals("admin")
            ? List.of(
                "AuthUserMag",
                "AuthSysCfg",
                "AuthSysInfo",
                "AuthManuCtr",
                "AuthBackup",
                "AuthMonitor",
                "AuthPlayback",
                "AuthPeriphery",
                "AuthEventMag")
            : List.of("AuthSysInfo", "AuthMonitor", "AuthPlayback");
    StringBuilder b = new StringBuilder();
    int k = 0;
    for (String a : auths) {
      b.append(kv(p + ".AuthorityList[" + k++ + "]", a));
    }
    b.append(kv(p + ".Id", String.valueOf(id)))
        .append(kv(p + ".Memo", name.equals("admin") ? "administrator group" : "user group"))
        .append(kv(p + ".Name", name));
    return b.toString();
  }

  static String group(AccountLevel level) {
    return level == AccountLevel.ADMINISTRATOR ? "admin" : "user";
  }

  static AccountLevel level(String group) {
    if ("admin".equals(group)) {
      return AccountLevel.ADMINISTRATOR;
    }
    if ("user".equals(group)) {
      return AccountLevel.USER;
    }
    return null;
  }

  // ------------------------------------------------------------------ bodies

  static String kv(String key, String value) {
    return key + "=" + value + "\r\n";
  }

  private static FakeResponse ok(String body) {
    return withSecurityHeaders(FakeResponse.text(200, "OK", TEXT, body));
  }

  static FakeResponse badRequest() {
    return withSecurityHeaders(FakeResponse.text(400, "Bad Request", TEXT, BAD_REQUEST));
  }

  private FakeResponse missing() {
    switch (profile.missingEndpoint()) {
      case NOT_IMPLEMENTED_501:
        return withSecurityHeaders(
            FakeResponse.text(501, "Not Implemented", TEXT, "Error\r\nNot Implemented!"));
      case ERROR_200:
        return ok(BAD_REQUEST);
      case INVALID_SESSION_200:
        return ok(
            "{\"error\":{\"code\":287637505,\"message\":\"Invalid session in request data!\"},"
                + "\"result\":false}");
      case BAD_REQUEST_400:
      default:
        return badRequest();
    }
  }

  /** The headers of the real capture (rroller/dahua#101), in their odd case; no Server header. */
  static FakeResponse withSecurityHeaders(FakeResponse r) {
    List<Map.Entry<String, String>> h = new ArrayList<>();
    for (Map.Entry<String, String> e : r.headers()) {
      // the capture spells it "Content-type"
      h.add(
          e.getKey().equalsIgnoreCase("content-type")
              ? Map.entry("Content-type", e.getValue())
              : e);
    }
    h.add(Map.entry("X-XSS-Protection", "1;mode=block"));
    h.add(Map.entry("X-Frame-Options", "SAMEORIGIN"));
    h.add(Map.entry("Content-Security-Policy", "script-src 'self' 'unsafe-inline' 'unsafe-eval'"));
    h.add(Map.entry("Strict-Transport-Security", "max-age=604800; includeSubDomains"));
    h.add(Map.entry("CONNECTION", "close"));
    h.add(Map.entry("Set-Cookie", "secure; HttpOnly"));
    h.add(Map.entry("CONTENT-LENGTH", ""));
    return new FakeResponse(r.status(), r.reason(), h, r.body(), r.user());
  }
}
