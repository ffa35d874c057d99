package io.nvrkit.lorex.internal;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpRequest.AuthScheme;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP CGI API ({@code /cgi-bin/*.cgi}, HTTP Digest).
 *
 * <p>Answer mapping (research note §3.4), in one place ({@link #check}):
 *
 * <ul>
 *   <li>2xx with {@code key=value} lines or {@code OK}: success;
 *   <li>2xx with an {@code Error…} body: {@link NotSupportedException} when a config section or
 *       endpoint is absent ({@code getting param}, {@code Not Implemented}), else {@link
 *       DeviceRejectedException} (vendor code {@code Error});
 *   <li>2xx with a JSON body (the RPC "Invalid session" error some firmware sends to a CGI): {@link
 *       ProtocolException};
 *   <li>400: {@link DeviceRejectedException} (vendor code {@code 400}); 404/501: {@link
 *       NotSupportedException}; other 4xx/5xx: {@link DeviceRejectedException} (vendor code the
 *       status); every one with its {@link DeviceRejectedException#httpStatus() HTTP status};
 *   <li>401 after the digest challenge was answered: see {@link #unauthorized}.
 * </ul>
 *
 * <p>Not thread-safe: the owning session serialises calls.
 */
final class CgiApi implements LorexApi {
  private static final Pattern USER_KEY = Pattern.compile("users?\\[(\\d{1,4})\\]\\.([A-Za-z]+)");

  private final DeviceHttp http;
  private final DeviceContext ctx;
  private Credentials credentials;
  private boolean proven;
  private Map<String, String> general;

  CgiApi(DeviceHttp http, DeviceContext ctx, Credentials credentials) {
    this.http = http;
    this.ctx = ctx;
    this.credentials = credentials;
  }

  @Override
  public String kind() {
    return "cgi";
  }

  @Override
  public void useCredentials(Credentials c) {
    this.credentials = c;
  }

  /** Thrown by {@link #login()} when the device has no usable CGI (404, 501, 403). */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Unavailable(int status) {
      super("CGI unavailable: HTTP " + status, null, false, false);
      this.status = status;
    }
  }

  /**
   * Logs in by reading {@code General} (one request; it also carries the lockout settings and the
   * machine name).
   *
   * @throws Unavailable when the CGI is absent or disabled (the caller switches to RPC2)
   */
  void login() {
    String op = "login";
    CgiQuery q = CgiQuery.of("configManager.cgi", "getConfig").param("name", "General");
    DeviceHttpResponse r = send(q, op, false);
    int st = r.status();
    if (st == 404 || st == 501 || st == 403) {
      throw new Unavailable(st);
    }
    if (st == 400) {
      return; // authenticated (the digest was accepted), but the firmware has no General section
    }
    try {
      Map<String, String> kv = kv(r, op);
      general = kv;
      learnLockout(kv);
    } catch (NotSupportedException e) {
      // "Error -1 getting param": authenticated; the section is not readable
    }
  }

  private void learnLockout(Map<String, String> kv) {
    String enable = kv.get("table.General.LockLoginEnable");
    String times = kv.get("table.General.LockLoginTimes");
    String lock = kv.get("table.General.LoginFailLockTime");
    if (times == null) {
      return;
    }
    try {
      int n = Integer.parseInt(times.strip());
      long sec = lock == null ? -1 : Long.parseLong(lock.strip());
      boolean en = enable == null || !enable.strip().equalsIgnoreCase("false");
      if (n > 0 && n < 1000) {
        ctx.learnLockout(
            credentials.user(),
            en,
            n,
            sec > 0 && sec < 86_400 * 7 ? Duration.ofSeconds(sec) : null);
      }
    } catch (NumberFormatException e) {
      throw new ProtocolException(
          "device lockout settings are malformed", ctx.device(), "login", null);
    }
  }

  @Override
  public DeviceIdentity identity() {
    DeviceIdentity.Builder b = DeviceIdentity.builder();
    Provenance p = Provenance.NETWORK_AUTHENTICATED;
    Map<String, String> sys = tryKv(CgiQuery.of("magicBox.cgi", "getSystemInfo"), "getSystemInfo");
    String model = sys == null ? null : blankToNull(sys.get("deviceType"));
    if (model == null) {
      model = required(CgiQuery.of("magicBox.cgi", "getDeviceType"), "getDeviceType", "type");
    }
    String serial = sys == null ? null : blankToNull(sys.get("serialNumber"));
    if (serial == null) {
      serial = required(CgiQuery.of("magicBox.cgi", "getSerialNo"), "getSerialNo", "sn");
    }
    String hw = sys == null ? null : blankToNull(sys.get("hardwareVersion"));
    if (hw == null) {
      Map<String, String> h =
          tryKv(CgiQuery.of("magicBox.cgi", "getHardwareVersion"), "getHardwareVersion");
      hw = h == null ? null : blankToNull(h.get("version"));
    }
    IdentityParsing.Software sw = null;
    try {
      DeviceHttpResponse r =
          get(CgiQuery.of("magicBox.cgi", "getSoftwareVersion"), "getSoftwareVersion");
      sw =
          IdentityParsing.software(
              CgiReply.text(r.body(), ctx.device(), "getSoftwareVersion"),
              ctx.device(),
              "getSoftwareVersion");
    } catch (NotSupportedException e) {
      // firmware without the call: leave the firmware unknown
    } catch (DeviceRejectedException e) {
      if (!"400".equals(e.vendorCode().orElse("")) && !"Error".equals(e.vendorCode().orElse(""))) {
        throw e;
      }
    }
    String vendor = null;
    if (sw == null || IdentityParsing.oemCode(sw.version()) == null) {
      // the OEM code in the firmware string names the brand; ask only when it is absent
      Map<String, String> ven = tryKv(CgiQuery.of("magicBox.cgi", "getVendor"), "getVendor");
      vendor = ven == null ? null : blankToNull(ven.get("vendor"));
    }
    String name = general == null ? null : blankToNull(general.get("table.General.MachineName"));
    if (name == null) {
      Map<String, String> mn =
          tryKv(CgiQuery.of("magicBox.cgi", "getMachineName"), "getMachineName");
      name = mn == null ? null : blankToNull(mn.get("name"));
    }
    Instant before = Instant.now();
    String timeText =
        required(CgiQuery.of("global.cgi", "getCurrentTime"), "getCurrentTime", "result");
    Instant after = Instant.now();
    LocalDateTime deviceTime = IdentityParsing.time(timeText, ctx.device(), "getCurrentTime");
    Map<String, String> net =
        tryKv(CgiQuery.of("configManager.cgi", "getConfig").param("name", "Network"), "getNetwork");
    String mac = net == null ? null : macOf(net);
    Map<String, String> ntp =
        tryKv(CgiQuery.of("configManager.cgi", "getConfig").param("name", "NTP"), "getNTP");
    String zone = null;
    if (ntp != null) {
      zone = IdentityParsing.zone(ntp.get("table.NTP.TimeZoneDesc"));
      if (zone == null) {
        zone = IdentityParsing.zone(ntp.get("table.NTP.TimeZone"));
      }
    }
    b.set(IdentityField.MODEL, model, p)
        .set(IdentityField.SERIAL, serial, p)
        .set(IdentityField.HARDWARE_VERSION, hw, p)
        .set(IdentityField.MACHINE_NAME, name, p)
        .set(IdentityField.MAC, mac, p)
        .deviceDateTime(deviceTime, p)
        .set(IdentityField.DEVICE_ZONE, zone, p);
    if (sw != null) {
      b.set(IdentityField.FIRMWARE, sw.version(), p)
          .set(IdentityField.FIRMWARE_BUILD, sw.build(), p);
    }
    b.set(IdentityField.VENDOR, IdentityParsing.brand(vendor, sw == null ? null : sw.version()), p);
    b.notReadable(IdentityField.DEVICE_ID);
    if (zone != null) {
      Instant mid = before.plus(Duration.between(before, after).dividedBy(2));
      Instant dev = deviceTime.atZone(ZoneId.of(zone)).toInstant();
      b.clockSkew(Duration.ofSeconds(Duration.between(mid, dev).toSeconds()));
    }
    return b.build();
  }

  private String macOf(Map<String, String> net) {
    String ifc = blankToNull(net.get("table.Network.DefaultInterface"));
    String v = ifc == null ? null : net.get("table.Network." + ifc.strip() + ".PhysicalAddress");
    if (v == null) {
      for (Map.Entry<String, String> e : net.entrySet()) {
        if (e.getKey().endsWith(".PhysicalAddress") && !e.getValue().isBlank()) {
          v = e.getValue();
          break;
        }
      }
    }
    return v == null || v.isBlank() ? null : IdentityParsing.mac(v, ctx.device(), "getNetwork");
  }

  @Override
  public List<UserAccount> users() {
    String op = "getUserInfoAll";
    Map<String, String> kv = kv(get(CgiQuery.of("userManager.cgi", op), op), op);
    Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : kv.entrySet()) {
      Matcher m = USER_KEY.matcher(e.getKey());
      if (m.matches()) {
        byIndex
            .computeIfAbsent(Integer.parseInt(m.group(1)), i -> new TreeMap<>())
            .put(m.group(2), e.getValue().strip());
      }
    }
    if (byIndex.isEmpty()) {
      throw new ProtocolException("device user list has no users", ctx.device(), op, null);
    }
    List<UserAccount> out = new ArrayList<>();
    for (Map<String, String> u : byIndex.values()) {
      out.add(account(u.get("Name"), u.get("Group"), u.get("Reserved"), ctx.device(), op));
    }
    return List.copyOf(out);
  }

  static UserAccount account(String name, String group, String reserved, String device, String op) {
    if (name == null || name.isBlank() || name.length() > 128) {
      throw new ProtocolException("device user entry lacks a valid name", device, op, null);
    }
    String g = group == null ? "" : group.strip();
    AccountLevel level =
        switch (g.toLowerCase(Locale.ROOT)) {
          case "admin" -> AccountLevel.ADMINISTRATOR;
          case "user" -> AccountLevel.USER;
          default -> AccountLevel.OTHER;
        };
    return new UserAccount(name.strip(), level, g, "true".equalsIgnoreCase(strip(reserved)));
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  @Override
  public void modifyPassword(String user, Secret newPassword, Secret oldPassword) {
    CgiQuery q =
        CgiQuery.of("userManager.cgi", "modifyPassword")
            .param("name", user)
            .secret("pwd", newPassword)
            .secret("pwdOld", oldPassword);
    set(q, "modifyPassword");
  }

  @Override
  public void addUser(String user, Secret password, String group) {
    CgiQuery q =
        CgiQuery.of("userManager.cgi", "addUser")
            .param("user.Name", user)
            .secret("user.Password", password)
            .param("user.Group", group)
            .param("user.Sharable", "true")
            .param("user.Reserved", "false");
    set(q, "addUser");
  }

  @Override
  public void deleteUser(String user) {
    set(CgiQuery.of("userManager.cgi", "deleteUser").param("name", user), "deleteUser");
  }

  @Override
  public void close() {
    http.close();
  }

  // ---- requests ------------------------------------------------------------------------------

  private void set(CgiQuery q, String op) {
    DeviceHttpResponse r = send(q, op, q.secretNames().length > 0);
    check(r, op);
    if (!CgiReply.isOk(r.body())) {
      throw new ProtocolException(
          "device did not answer OK to " + op + "; the change may or may not be applied",
          ctx.device(),
          op,
          null);
    }
  }

  private String required(CgiQuery q, String op, String key) {
    return CgiReply.require(kv(get(q, op), op), key, ctx.device(), op);
  }

  /**
   * An optional read: null when the firmware lacks it (404/501, {@code Error... getting param}, or
   * the 400/{@code Error} that older firmware gives for an unknown action or section). A server
   * error (5xx) or a malformed answer is not "absent" and propagates.
   */
  private Map<String, String> tryKv(CgiQuery q, String op) {
    try {
      return kv(get(q, op), op);
    } catch (NotSupportedException e) {
      return null;
    } catch (DeviceRejectedException e) {
      String code = e.vendorCode().orElse("");
      if (code.equals("400") || code.equals("Error")) {
        return null;
      }
      throw e;
    }
  }

  private Map<String, String> kv(DeviceHttpResponse r, String op) {
    check(r, op);
    return CgiReply.parse(r.body(), ctx.device(), op);
  }

  private DeviceHttpResponse get(CgiQuery q, String op) {
    DeviceHttpResponse r = send(q, op, false);
    check(r, op);
    return r;
  }

  /** Sends one authenticated request; handles 401 here so that every path counts failures. */
  DeviceHttpResponse send(CgiQuery q, String op, boolean carriesSecret) {
    String user = credentials.user();
    boolean reserved = !proven;
    if (reserved) {
      ctx.beforeAttempt(user, op);
    }
    Set<AuthScheme> schemes =
        ctx.options().allowBasicAuth()
            ? EnumSet.of(AuthScheme.DIGEST, AuthScheme.BASIC)
            : EnumSet.of(AuthScheme.DIGEST);
    DeviceHttpRequest.Builder b =
        DeviceHttpRequest.get(op, q.build())
            .credentials(credentials)
            .auth(schemes)
            .secretParams(q.secretNames());
    if (carriesSecret) {
      b.carriesNewSecret();
    }
    DeviceHttpResponse r;
    try {
      r = http.execute(b.build());
    } catch (RuntimeException e) {
      if (reserved) {
        ctx.guard().releaseAttempt(ctx.key(), user); // no verdict on the credentials
      } else if (!carriesSecret
          && e instanceof DeviceUnreachableException lost
          && lost.credentialsPossiblySent()) {
        // the device accepted these credentials earlier in this session: they are right, and a
        // right password is never a counted failure
        throw new DeviceUnreachableException(
            op + " went unanswered (the credentials were accepted earlier in this session)",
            ctx.device(),
            op,
            false,
            e);
      }
      throw e;
    }
    if (r.status() == 401) {
      throw unauthorized(r, op, reserved);
    }
    if (reserved && r.status() >= 200 && r.status() < 300) {
      proven = true;
      ctx.guard().onSuccess(ctx.key(), user);
      ctx.configure(user);
    } else if (reserved) {
      ctx.guard().releaseAttempt(ctx.key(), user);
    }
    return r;
  }

  /**
   * A 401 that remains after the digest challenge was answered. Told apart, in this order:
   *
   * <ol>
   *   <li>a body that mentions a lock: {@link AccountLockedException} (end = now + the device's
   *       {@code LoginFailLockTime} when known);
   *   <li>a body that mentions the connection limit ({@code connection}, {@code exceed}, {@code too
   *       many}, {@code busy}): {@link DeviceUnreachableException}, retryable, not counted as a
   *       failed login (the credentials were not judged);
   *   <li>credentials this session has already used successfully: most likely the connection limit,
   *       so {@link DeviceUnreachableException}; it is still counted against the budget and the
   *       session stops trusting its credentials, so repeated calls cannot lock the account if the
   *       password was in fact changed elsewhere;
   *   <li>otherwise a wrong user name or password: {@link AuthenticationFailedException}, counted.
   * </ol>
   */
  private NvrException unauthorized(DeviceHttpResponse r, String op, boolean reserved) {
    String user = credentials.user();
    String body =
        new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (body.contains("lock")) {
      Instant until = ctx.lockEndFromNow();
      ctx.guard().onLocked(ctx.key(), user, until);
      return new AccountLockedException(
          "the account is locked on the device", ctx.device(), op, until, null);
    }
    if (body.contains("connection")
        || body.contains("exceed")
        || body.contains("too many")
        || body.contains("busy")) {
      if (reserved) {
        ctx.guard().releaseAttempt(ctx.key(), user);
      }
      return new DeviceUnreachableException(
          "the device refused the request because its connection limit is reached"
              + " (not counted as a wrong password)",
          ctx.device(),
          op,
          false,
          null);
    }
    int allowed = ctx.guard().onFailure(ctx.key(), user, ctx.budget());
    if (proven) {
      proven = false;
      return new DeviceUnreachableException(
          "the device refused credentials it accepted earlier in this session (most likely its"
              + " connection limit; if the password was changed elsewhere, reconnect)",
          ctx.device(),
          op,
          null);
    }
    return new AuthenticationFailedException(
        "the device refused the user name or password", ctx.device(), op, allowed, null);
  }

  /** Maps a non-401 answer; returns normally for a usable 2xx answer. */
  void check(DeviceHttpResponse r, String op) {
    int st = r.status();
    if (st >= 200 && st < 300) {
      String t = new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).strip();
      if (t.startsWith("{")) {
        String code = "";
        try {
          code =
              " (code "
                  + Json.parseObject(r.body(), ctx.device(), op).path("error").path("code").asLong()
                  + ")";
        } catch (ProtocolException e) {
          // not even JSON
        }
        throw new ProtocolException(
            "device answered a JSON session error to a CGI request" + code, ctx.device(), op, null);
      }
      String lower = t.toLowerCase(Locale.ROOT);
      if (lower.startsWith("error")) {
        if (lower.contains("getting param") || lower.contains("not implemented")) {
          throw new NotSupportedException(
              "the device does not provide " + op, ctx.device(), op, null);
        }
        throw new DeviceRejectedException(
            "the device answered Error to " + op, ctx.device(), op, "Error", null);
      }
      return;
    }
    if (st == 404 || st == 501) {
      throw new NotSupportedException(
          "the device does not implement " + op + " (HTTP " + st + ")", ctx.device(), op, null);
    }
    if (st == 400) {
      throw new DeviceRejectedException(
          "the device refused " + op + " (Bad Request)", ctx.device(), op, "400", st, null);
    }
    if (st >= 400 && st < 600) {
      throw new DeviceRejectedException(
          "the device answered HTTP " + st + " to " + op,
          ctx.device(),
          op,
          Integer.toString(st),
          st,
          null);
    }
    throw new ProtocolException(
        "the device answered an unexpected HTTP " + st, ctx.device(), op, null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
