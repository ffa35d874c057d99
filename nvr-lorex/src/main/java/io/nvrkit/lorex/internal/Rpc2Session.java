package io.nvrkit.lorex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A Dahua RPC2 JSON session: the two-step {@code /RPC2_Login} login with the exact hash of the
 * research note (§2.2), calls on {@code /RPC2} carrying the session, lazy keep-alive and logout.
 *
 * <p>Hash for {@code encryption == "Default"}: {@code HA1 = UPPER(hex(MD5(user:realm:password)))},
 * {@code field = UPPER(hex(MD5(user:random:HA1)))} over UTF-8. {@code "Basic"} sends {@code
 * base64(user:password)}, any other value the plain password; both only where the transport allows
 * a secret to travel (TLS or loopback, or plaintext explicitly allowed).
 *
 * <p>Keep-alive: the device drops an idle session after its {@code keepAliveInterval}; instead of a
 * background thread, a call made after a longer idle period first sends {@code global.keepAlive}. A
 * session the device declares invalid (287637504/287637505) is re-established once with the same,
 * already-proven credentials and the call repeated (the call was not executed by the device).
 *
 * <p>Not thread-safe: the owning session serialises calls.
 */
final class Rpc2Session implements AutoCloseable {
  static final int CHALLENGE = 268632079;
  static final int BAD_USER_OR_PASSWORD = 268632085;
  static final int LOCKED = 268632081;
  static final int USER_NOT_VALID = 268632070;
  static final int PASSWORD_NOT_VALID = 268632071;
  static final int BLACKLISTED = 268632073;
  static final int ALREADY_USED = 268632074;
  static final int BUSY = 268632075;
  static final int SESSION_INVALID_1 = 287637504;
  static final int SESSION_INVALID_2 = 287637505;
  static final int METHOD_NOT_FOUND = 268894210;
  static final int INTERFACE_NOT_FOUND = 268632064;

  /** The longest lock a device report is believed for (as for CGI {@code LoginFailLockTime}). */
  static final long MAX_REPORTED_LOCK_SECONDS = 7L * 86_400;

  private final DeviceHttp http;
  private final DeviceContext ctx;
  private Credentials credentials;
  private JsonNode session;
  private int nextId = 1;
  private Duration keepAlive = Duration.ofSeconds(60);
  private long lastCallNanos;
  private boolean proven;
  private String challengeMac;
  private java.util.function.LongSupplier nanoTime = System::nanoTime;

  /** Replaces the monotonic clock (tests). */
  void nanoTime(java.util.function.LongSupplier clock) {
    this.nanoTime = clock;
  }

  /** The MAC the login challenge carried ({@code params.mac}), or null. */
  String challengeMac() {
    return challengeMac;
  }

  Rpc2Session(DeviceHttp http, DeviceContext ctx, Credentials credentials) {
    this.http = http;
    this.ctx = ctx;
    this.credentials = credentials;
  }

  boolean loggedIn() {
    return session != null;
  }

  void credentials(Credentials c) {
    this.credentials = c;
  }

  /**
   * Logs in (two round trips). The caller has consulted the lockout guard.
   *
   * @throws AuthenticationFailedException wrong user or password (budget learned from {@code
   *     remainLoginTimes})
   * @throws AccountLockedException the account is locked
   */
  void login() {
    String op = "login";
    String user = credentials.user();
    ObjectNode p1 = Json.object();
    p1.put("userName", user);
    p1.put("password", "");
    p1.put("clientType", "Web3.0");
    p1.put("loginType", "Direct");
    ObjectNode req1 = Json.object();
    req1.put("method", "global.login");
    req1.set("params", p1);
    req1.put("id", nextId++);
    JsonNode r1;
    try {
      r1 = post("/RPC2_Login", req1, op, false);
    } catch (DeviceUnreachableException e) {
      // the challenge request carries no password: the device cannot have counted a failed login
      throw new DeviceUnreachableException(
          "the login challenge was not answered", ctx.device(), op, false, e);
    }
    int code1 = errorCode(r1);
    if (code1 == LOCKED) {
      throw locked(r1, user, op);
    }
    if (code1 != CHALLENGE && code1 != 401) {
      if (isTrue(r1.get("result"))) {
        throw new ProtocolException(
            "device accepted a login without a challenge", ctx.device(), op, null);
      }
      throw rejected(code1, op);
    }
    JsonNode params = r1.get("params");
    String random = text(params, "random", op);
    String realm = text(params, "realm", op);
    String encryption =
        params.hasNonNull("encryption") ? params.get("encryption").asText("Default") : "Default";
    JsonNode mac = params.get("mac");
    challengeMac = mac != null && mac.isTextual() ? mac.asText() : null;
    JsonNode s1 = r1.get("session");
    if (s1 == null || s1.isNull() || !(s1.isTextual() || s1.isIntegralNumber())) {
      throw new ProtocolException("login challenge lacks a session", ctx.device(), op, null);
    }
    ObjectNode p2 = Json.object();
    p2.put("userName", user);
    boolean plainSecret = false;
    String field;
    if ("Default".equalsIgnoreCase(encryption)) {
      field = hash(user, realm, random);
    } else if ("Basic".equalsIgnoreCase(encryption)) {
      byte[] up = userColonPassword(user);
      field = Base64.getEncoder().encodeToString(up);
      Arrays.fill(up, (byte) 0);
      plainSecret = true;
    } else {
      field = credentials.secret().view().toString();
      plainSecret = true;
    }
    p2.put("password", field);
    p2.put("clientType", "Web3.0");
    p2.put("loginType", "WatchNet".equalsIgnoreCase(encryption) ? "WatchNet" : "Direct");
    p2.put("authorityType", encryption);
    p2.put("passwordType", encryption);
    ObjectNode req2 = Json.object();
    req2.put("method", "global.login");
    req2.set("params", p2);
    req2.put("id", nextId++);
    req2.set("session", s1);
    JsonNode r2 = post("/RPC2_Login", req2, op, plainSecret);
    if (isTrue(r2.get("result"))) {
      JsonNode s2 = r2.get("session");
      if (s2 == null || s2.isNull() || !(s2.isTextual() || s2.isIntegralNumber())) {
        s2 = s1;
      }
      session = s2;
      JsonNode ka = r2.path("params").path("keepAliveInterval");
      if (ka.isIntegralNumber() && ka.asLong() > 0 && ka.asLong() < 86_400) {
        keepAlive = Duration.ofSeconds(ka.asLong());
      }
      lastCallNanos = nanoTime.getAsLong();
      proven = true;
      ctx.guard().onSuccess(ctx.key(), user);
      return;
    }
    int code2 = errorCode(r2);
    switch (code2) {
      case BAD_USER_OR_PASSWORD, USER_NOT_VALID, PASSWORD_NOT_VALID -> throw wrongPassword(r2, op);
      case LOCKED -> throw locked(r2, user, op);
      default -> throw rejected(code2, op);
    }
  }

  private AuthenticationFailedException wrongPassword(JsonNode r, String op) {
    String user = credentials.user();
    int allowed = ctx.guard().onFailure(ctx.key(), user, ctx.budget());
    JsonNode params = r.path("params");
    JsonNode remain = params.path("remainLoginTimes");
    if (remain.isIntegralNumber()) {
      int left = remain.asInt();
      long lockSec = params.path("remainLockSecond").asLong(0);
      if (left <= 0 && lockSec > 0) {
        Instant until = lockEnd(lockSec);
        ctx.guard().onLocked(ctx.key(), user, until);
        throw new AccountLockedException(
            "the device locked the account after this failed login", ctx.device(), op, until, null);
      }
      allowed = ctx.guard().learnRemaining(ctx.key(), user, Math.max(0, left), ctx.budget());
    }
    return new AuthenticationFailedException(
        "the device refused the user name or password", ctx.device(), op, allowed, null);
  }

  private AccountLockedException locked(JsonNode r, String user, String op) {
    long sec = r.path("params").path("remainLockSecond").asLong(0);
    Instant until = sec > 0 ? lockEnd(sec) : ctx.lockEndFromNow();
    ctx.guard().onLocked(ctx.key(), user, until);
    return new AccountLockedException(
        "the account is locked on the device", ctx.device(), op, until, null);
  }

  /**
   * When a lock the device reports as {@code seconds} long ends. A figure beyond a week is not
   * believed (the device's bytes are untrusted; a huge one would overflow {@link Instant}): the
   * lock is then taken to last the device's known or default lock time, as when none is given.
   */
  private Instant lockEnd(long seconds) {
    return seconds <= MAX_REPORTED_LOCK_SECONDS
        ? Instant.now().plusSeconds(seconds)
        : ctx.lockEndFromNow();
  }

  private NvrException rejected(int code, String op) {
    if (code == BUSY) {
      return new DeviceUnreachableException(
          "the device is busy (error " + code + "); not a wrong password",
          ctx.device(),
          op,
          false,
          null);
    }
    if (code == BLACKLISTED || code == ALREADY_USED) {
      return new DeviceRejectedException(
          "the device refused the login (error " + code + "); not a wrong password",
          ctx.device(),
          op,
          Integer.toString(code),
          null);
    }
    if (code == METHOD_NOT_FOUND || code == INTERFACE_NOT_FOUND) {
      return new NotSupportedException(
          "the device does not support this RPC (error " + code + ")", ctx.device(), op, null);
    }
    if (code == 0) {
      return new ProtocolException(
          "device reply has neither a result nor an error code", ctx.device(), op, null);
    }
    return new DeviceRejectedException(
        "the device refused the request (error " + code + ")",
        ctx.device(),
        op,
        Integer.toString(code),
        null);
  }

  /**
   * Calls a method on {@code /RPC2}.
   *
   * @param method e.g. {@code userManager.getUserInfoAll}
   * @param params the params, or null
   * @param carriesNewSecret whether params carry a new password
   * @return the whole reply object (result was true)
   */
  JsonNode call(String method, JsonNode params, boolean carriesNewSecret) {
    if (session == null) {
      throw new IllegalStateException("not logged in");
    }
    if (!method.equals("global.keepAlive")
        && nanoTime.getAsLong() - lastCallNanos > keepAlive.toNanos()) {
      keepAlive();
    }
    JsonNode r = callOnce(method, params, carriesNewSecret);
    int code = errorCode(r);
    if (!isTrue(r.get("result")) && (code == SESSION_INVALID_1 || code == SESSION_INVALID_2)) {
      if (!proven) {
        throw new ProtocolException(
            "device declared a fresh session invalid", ctx.device(), method, null);
      }
      session = null;
      login();
      r = callOnce(method, params, carriesNewSecret);
      code = errorCode(r);
    }
    if (isTrue(r.get("result"))) {
      return r;
    }
    if (code == BAD_USER_OR_PASSWORD || code == PASSWORD_NOT_VALID) {
      int allowed = ctx.guard().onFailure(ctx.key(), credentials.user(), ctx.budget());
      throw new AuthenticationFailedException(
          "the device refused the password given for this operation",
          ctx.device(),
          method,
          allowed,
          null);
    }
    if (code == SESSION_INVALID_1 || code == SESSION_INVALID_2) {
      throw new ProtocolException(
          "device keeps declaring the session invalid", ctx.device(), method, null);
    }
    throw rejected(code, method);
  }

  /**
   * Batches read-only calls in one {@code system.multicall} round trip. Each element of the result
   * is the sub-call's reply (with {@code result} and {@code params}), matched by id when the device
   * echoes ids, else by position; a missing reply is an empty object.
   *
   * @param methods the methods with their params (null for none)
   * @return the replies, in the order of {@code methods}
   * @throws NotSupportedException if the device has no {@code system.multicall}
   */
  java.util.List<JsonNode> multicall(
      java.util.List<java.util.Map.Entry<String, JsonNode>> methods) {
    com.fasterxml.jackson.databind.node.ArrayNode calls = Json.MAPPER.createArrayNode();
    int first = nextId;
    for (java.util.Map.Entry<String, JsonNode> m : methods) {
      ObjectNode c = Json.object();
      c.put("method", m.getKey());
      c.set("params", m.getValue() == null ? Json.MAPPER.nullNode() : m.getValue());
      c.put("id", nextId++);
      c.set("session", session);
      calls.add(c);
    }
    JsonNode r = call("system.multicall", calls, false);
    JsonNode arr = r.get("params");
    if (arr == null || !arr.isArray() || arr.size() > methods.size()) {
      throw new ProtocolException(
          "device multicall reply is malformed", ctx.device(), "multicall", null);
    }
    java.util.List<JsonNode> out = new java.util.ArrayList<>();
    for (int i = 0; i < methods.size(); i++) {
      out.add(Json.object());
    }
    for (int i = 0; i < arr.size(); i++) {
      JsonNode e = arr.get(i);
      if (!e.isObject()) {
        throw new ProtocolException(
            "device multicall entry is not an object", ctx.device(), "multicall", null);
      }
      int idx = i;
      JsonNode id = e.get("id");
      if (id != null && id.isIntegralNumber()) {
        idx = id.asInt() - first;
        if (idx < 0 || idx >= methods.size()) {
          throw new ProtocolException(
              "device multicall answered an unknown id", ctx.device(), "multicall", null);
        }
      }
      out.set(idx, e);
    }
    return out;
  }

  /** Whether a (sub-)reply reports success. */
  static boolean succeeded(JsonNode reply) {
    return isTrue(reply.get("result"));
  }

  private JsonNode callOnce(String method, JsonNode params, boolean carriesNewSecret) {
    ObjectNode req = Json.object();
    req.put("method", method);
    req.set("params", params == null ? Json.MAPPER.nullNode() : params);
    int id = nextId++;
    req.put("id", id);
    req.set("session", session);
    JsonNode r = post("/RPC2", req, method, carriesNewSecret);
    JsonNode rid = r.get("id");
    if (rid != null && rid.isNumber() && rid.asInt() != id) {
      throw new ProtocolException("device answered another request id", ctx.device(), method, null);
    }
    lastCallNanos = nanoTime.getAsLong();
    return r;
  }

  /** Sends {@code global.keepAlive}. */
  void keepAlive() {
    ObjectNode p = Json.object();
    p.put("timeout", 300);
    p.put("active", true);
    call("global.keepAlive", p, false);
  }

  /** Logs out; never throws. */
  @Override
  public void close() {
    if (session == null) {
      return;
    }
    try {
      callOnce("global.logout", null, false);
    } catch (NvrException e) {
      // the session ends on the device by timeout anyway
    } finally {
      session = null;
    }
  }

  private JsonNode post(String path, ObjectNode body, String op, boolean carriesSecret) {
    byte[] bytes = Json.bytes(body);
    DeviceHttpRequest.Builder b =
        DeviceHttpRequest.post(op, path, "application/json", bytes)
            .secretParams("password", "pwd", "pwdOld", "Password");
    if (carriesSecret) {
      b.carriesNewSecret();
    }
    DeviceHttpResponse resp;
    try {
      resp = http.execute(b.build());
    } finally {
      if (carriesSecret) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    int st = resp.status();
    if (st == 404 || st == 501) {
      throw new NotSupportedException(
          "the device has no RPC2 API (HTTP " + st + ")", ctx.device(), op, null);
    }
    if (st != 200) {
      String why = "the device answered HTTP " + st + " to an RPC2 request";
      // only an error answer carries a typed status: another 2xx is a refusal in a success
      throw st >= 300
          ? new DeviceRejectedException(why, ctx.device(), op, Integer.toString(st), st, null)
          : new DeviceRejectedException(why, ctx.device(), op, Integer.toString(st), null);
    }
    return Json.parseObject(resp.body(), ctx.device(), op);
  }

  private static boolean isTrue(JsonNode result) {
    if (result == null) {
      return false;
    }
    if (result.isBoolean()) {
      return result.asBoolean();
    }
    if (result.isNumber()) {
      return result.asLong() != 0;
    }
    return false;
  }

  private static int errorCode(JsonNode r) {
    JsonNode c = r.path("error").path("code");
    return c.isIntegralNumber() ? c.asInt() : 0;
  }

  private String text(JsonNode params, String name, String op) {
    JsonNode n = params == null ? null : params.get(name);
    if (n == null
        || !n.isTextual() && !n.isNumber()
        || n.asText().isEmpty()
        || n.asText().length() > 256) {
      throw new ProtocolException(
          "login challenge lacks a valid '" + name + "'", ctx.device(), op, null);
    }
    return n.asText();
  }

  private byte[] userColonPassword(String user) {
    byte[] u = (user + ":").getBytes(StandardCharsets.UTF_8);
    byte[] p = credentials.secret().utf8();
    byte[] out = new byte[u.length + p.length];
    System.arraycopy(u, 0, out, 0, u.length);
    System.arraycopy(p, 0, out, u.length, p.length);
    Arrays.fill(p, (byte) 0);
    return out;
  }

  /** The RPC2 "Default" login hash. */
  String hash(String user, String realm, String random) {
    return hash(user, realm, random, credentials.secret().utf8());
  }

  /**
   * {@code UPPER(hex(MD5(user:random:UPPER(hex(MD5(user:realm:password))))))}; wipes {@code pw}.
   */
  static String hash(String user, String realm, String random, byte[] pw) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      md.update((user + ":" + realm + ":").getBytes(StandardCharsets.UTF_8));
      md.update(pw);
      String ha1 = HexFormat.of().formatHex(md.digest()).toUpperCase(Locale.ROOT);
      md.reset();
      md.update((user + ":" + random + ":" + ha1).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest()).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }
}
