package io.nvrkit.testkit.internal.lorex;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.LorexProfile;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import io.nvrkit.testkit.internal.state.Account;
import io.nvrkit.testkit.internal.state.DeviceState;
import io.nvrkit.testkit.internal.state.LoginResult;
import io.nvrkit.testkit.internal.state.Session;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Dahua JSON-RPC API: the two-step {@code global.login} on {@code /RPC2_Login} and the session
 * calls on {@code /RPC2} (research note §2.2, §3.3).
 *
 * <p>Step 1 answers error 268632079 with {@code encryption:"Default"}, a fresh {@code random}, the
 * realm {@code Login to <serial>} and the MAC (upper case, no colons). Step 2 expects {@code
 * UPPER(MD5(user:random:UPPER(MD5(user:realm:password))))}; each challenge is good for one answer
 * only, so a captured login cannot be replayed. A wrong answer gives 268632085 with {@code
 * remainLoginTimes}/{@code remainLockSecond} (the failure that locks the account reports 0 times
 * left and the lock duration), a locked account 268632081 (checked at step 2; a step-1 refusal seen
 * in one mock is not reproduced). A bad or expired session on {@code /RPC2} gives 287637505.
 *
 * <p>Choices where the note is silent: sessions expire after 120 s without a call unless {@code
 * global.keepAlive} sets another timeout; {@code userManager.modifyPassword} and {@code addUser}
 * take plain passwords; errors of user management use 268894211 (invalid param), 268632071 (wrong
 * old password) and 268632070 (unknown user). Passwords are never returned.
 */
final class Rpc2 {
  static final int LOGIN_CHALLENGE = 268632079;
  static final int BAD_CREDENTIALS = 268632085;
  static final int LOCKED = 268632081;
  static final int USER_NOT_VALID = 268632070;
  static final int PASSWORD_NOT_VALID = 268632071;
  static final int INVALID_SESSION = 287637505;
  static final int INVALID_REQUEST = 268894209;
  static final int METHOD_NOT_FOUND = 268894210;
  static final int INVALID_PARAM = 268894211;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CHALLENGE_LIFETIME = Duration.ofSeconds(60);
  private static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(120);
  private static final int MAX_CHALLENGES = 1024;

  private final DeviceState state;
  private final LorexProfile profile;
  private final Map<String, Challenge> challenges = new LinkedHashMap<>();

  private record Challenge(String user, String random, Instant issued) {}

  Rpc2(DeviceState state, LorexProfile profile) {
    this.state = state;
    this.profile = profile;
  }

  String operationOf(FakeRequest req) {
    try {
      JsonNode n = JSON.readTree(req.body());
      String m = n == null ? null : n.path("method").asText(null);
      if (m == null) {
        return null;
      }
      int dot = m.lastIndexOf('.');
      return dot >= 0 ? m.substring(dot + 1) : m;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  FakeResponse handle(FakeRequest req, boolean loginEndpoint) {
    if (!req.method().equals("POST")) {
      return LorexPersonality.badRequest();
    }
    JsonNode n;
    try {
      n = JSON.readTree(req.body());
    } catch (java.io.IOException e) {
      n = null;
    }
    if (n == null || !n.isObject() || !n.path("method").isTextual()) {
      return reply(error(INVALID_REQUEST, "Invalid request!", F.nullNode(), null, null), "");
    }
    if (loginEndpoint) {
      if (!n.path("method").asText().equals("global.login")) {
        return reply(
            error(METHOD_NOT_FOUND, "Method not found!", n.get("id"), null, n.get("session")), "");
      }
      return login(n, req);
    }
    String sid = n.path("session").asText("");
    Optional<Session> s = sid.isEmpty() ? Optional.empty() : state.touchSession(sid);
    if (s.isEmpty()) {
      return reply(
          error(
              INVALID_SESSION,
              "Invalid session in request data!",
              n.get("id"),
              null,
              n.get("session")),
          "");
    }
    ObjectNode out = call(n, s.get());
    return reply(out, s.get().user());
  }

  // ------------------------------------------------------------------ login

  private FakeResponse login(JsonNode n, FakeRequest req) {
    JsonNode p = n.path("params");
    JsonNode id = n.get("id");
    String user = p.path("userName").asText("");
    if (user.isEmpty()) {
      return reply(error(INVALID_PARAM, "Invalid param!", id, null, n.get("session")), "");
    }
    String sessionText = n.path("session").asText("");
    String answer = p.path("password").asText("");
    Challenge ch;
    synchronized (challenges) {
      ch = sessionText.isEmpty() ? null : challenges.remove(sessionText);
    }
    if (ch == null || answer.isEmpty()) {
      if (!sessionText.isEmpty() && !sessionText.equals("0") && !answer.isEmpty()) {
        // An answer to a challenge that is unknown, used or expired: a replayed packet.
        return reply(
            error(INVALID_SESSION, "Invalid session in request data!", id, null, n.get("session")),
            "");
      }
      return challenge(user, id);
    }
    Instant now = state.clock().now();
    if (!ch.user().equals(user) || now.isAfter(ch.issued().plus(CHALLENGE_LIFETIME))) {
      return reply(
          error(INVALID_SESSION, "Invalid session in request data!", id, null, n.get("session")),
          "");
    }
    String realm = "Login to " + state.identity().serial();
    byte[] given = answer.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    LoginResult r =
        state.login(
            user,
            pw -> {
              String ha1 =
                  DigestAuth.md5Hex(user + ":" + realm + ":", pw, "").toUpperCase(Locale.ROOT);
              String hash =
                  DigestAuth.md5Hex(user + ":" + ch.random() + ":" + ha1).toUpperCase(Locale.ROOT);
              return MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII), given);
            });
    Arrays.fill(given, (byte) 0);
    switch (r.outcome()) {
      case OK:
        {
          String client =
              req.remote() == null ? "127.0.0.1" : req.remote().getAddress().getHostAddress();
          Session s = state.openSession(user, client, DEFAULT_SESSION_TIMEOUT);
          ObjectNode out = F.objectNode();
          out.set("id", id == null ? F.nullNode() : id);
          out.putObject("params").put("keepAliveInterval", 60);
          out.put("result", true);
          out.set("session", sessionNode(s.id()));
          return reply(out, user);
        }
      case LOCKED:
        {
          ObjectNode params = F.objectNode();
          params.put("remainLockSecond", r.remainingLockSeconds());
          params.put("remainLoginTimes", 0);
          return reply(error(LOCKED, "User has been locked!", id, params, n.get("session")), "");
        }
      case FAILED_NOW_LOCKED:
      case FAILED:
      default:
        {
          ObjectNode params = F.objectNode();
          params.put("remainLockSecond", r.remainingLockSeconds());
          params.put("remainLoginTimes", r.remainingAttempts());
          return reply(
              error(
                  BAD_CREDENTIALS,
                  "Component error: User or password not valid!",
                  id,
                  params,
                  n.get("session")),
              "");
        }
    }
  }

  private FakeResponse challenge(String user, JsonNode id) {
    String random = Integer.toString(1_000_000 + RANDOM.nextInt(9_000_000));
    String session = Integer.toString(1_000_000_000 + RANDOM.nextInt(1_000_000_000));
    synchronized (challenges) {
      while (challenges.size() >= MAX_CHALLENGES) {
        Iterator<String> it = challenges.keySet().iterator();
        it.next();
        it.remove();
      }
      challenges.put(session, new Challenge(user, random, state.clock().now()));
    }
    FakeIdentity ident = state.identity();
    byte[] auth = new byte[20];
    RANDOM.nextBytes(auth);
    ObjectNode params = F.objectNode();
    params.put("authorization", HexFormat.of().formatHex(auth));
    params.put("encryption", "Default");
    params.put("mac", ident.mac().replace(":", "").toUpperCase(Locale.ROOT));
    params.put("random", random);
    params.put("realm", "Login to " + ident.serial());
    return reply(
        error(
            LOGIN_CHALLENGE, "Component error: login challenge!", id, params, sessionNode(session)),
        "");
  }

  private JsonNode sessionNode(String id) {
    return profile.stringSession() ? F.textNode(id) : F.numberNode(Long.parseLong(id));
  }

  // ------------------------------------------------------------------ session calls

  private ObjectNode call(JsonNode n, Session s) {
    String method = n.path("method").asText();
    JsonNode id = n.get("id");
    JsonNode p = n.path("params");
    JsonNode sessionOut = sessionNode(s.id());
    if (method.equals("system.multicall")) {
      ArrayNode results = F.arrayNode();
      if (p.isArray()) {
        for (JsonNode c : p) {
          results.add(call(c, s));
        }
      }
      return result(id, true, results, sessionOut);
    }
    FakeIdentity ident = state.identity();
    boolean admin =
        state.account(s.user()).map(a -> a.level() == AccountLevel.ADMINISTRATOR).orElse(false);
    switch (method) {
      case "global.keepAlive":
        {
          long timeout = p.path("timeout").asLong(DEFAULT_SESSION_TIMEOUT.getSeconds());
          if (timeout < 1) {
            timeout = DEFAULT_SESSION_TIMEOUT.getSeconds();
          }
          state.keepAlive(s.id(), Duration.ofSeconds(timeout));
          return result(id, true, F.objectNode().put("timeout", timeout), sessionOut);
        }
      case "global.logout":
        state.closeSession(s.id());
        return result(id, true, null, sessionOut);
      case "global.getCurrentTime":
        return result(
            id,
            true,
            F.objectNode()
                .put("time", LorexPersonality.formatTime(state.clock().localDateTime(), true)),
            sessionOut);
      case "magicBox.getSerialNo":
        return result(id, true, F.objectNode().put("sn", ident.serial()), sessionOut);
      case "magicBox.getDeviceType":
        return result(id, true, F.objectNode().put("type", ident.model()), sessionOut);
      case "magicBox.getDeviceClass":
        return result(id, true, F.objectNode().put("type", "NVR"), sessionOut);
      case "magicBox.getHardwareVersion":
        return result(id, true, F.objectNode().put("version", ident.hardwareVersion()), sessionOut);
      case "magicBox.getVendor":
        return result(id, true, F.objectNode().put("Vendor", ident.vendor()), sessionOut);
      case "magicBox.getMachineName":
        return result(id, true, F.objectNode().put("name", ident.machineName()), sessionOut);
      case "magicBox.getSoftwareVersion":
        {
          ObjectNode v = F.objectNode();
          v.put("Build", ident.firmwareBuild().toString().replace("-", ""));
          v.put("BuildDate", ident.firmwareBuild().toString());
          v.put("SecurityBaseLineVersion", "2.0.0");
          v.put("Version", ident.firmware());
          v.put("WebVersion", "3.2.1.1");
          ObjectNode out = F.objectNode();
          out.set("version", v);
          return result(id, true, out, sessionOut);
        }
      case "configManager.getConfig":
        {
          String name = p.path("name").asText("");
          io.nvrkit.testkit.Lockout l = state.lockout();
          ObjectNode table = F.objectNode();
          if (name.equals("General")) {
            table.put("LocalNo", 8);
            table.put("LockLoginEnable", l.enabled());
            table.put("LockLoginTimes", l.attempts());
            table.put("LoginFailLockTime", l.lockTime().getSeconds());
            table.put("MachineAddress", "");
            table.put("MachineName", ident.machineName());
          } else if (name.equals("Network")) {
            table.put("DefaultInterface", "eth0");
            table.put("Domain", "dahua");
            table.put("Hostname", ident.machineName());
            ObjectNode eth0 = table.putObject("eth0");
            eth0.put("DefaultGateway", "127.0.0.1");
            eth0.put("DhcpEnable", false);
            eth0.put("IPAddress", "127.0.0.1");
            eth0.put("MTU", 1500);
            eth0.put("PhysicalAddress", ident.mac());
            eth0.put("SubnetMask", "255.0.0.0");
          } else if (name.equals("NTP")) {
            // as the CGI's NTP section: the zone described as the GMT offset of the moment
            String offset = state.clock().zone().getRules().getOffset(state.clock().now()).getId();
            table.put("Enable", false);
            table.put("TimeZoneDesc", "GMT" + (offset.equals("Z") ? "+00:00" : offset));
          } else {
            return error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
          }
          ObjectNode out = F.objectNode();
          out.set("table", table);
          return result(id, true, out, sessionOut);
        }
      case "userManager.getUserInfoAll":
        {
          ArrayNode users = F.arrayNode();
          for (Account a : state.accounts()) {
            users.add(userJson(a));
          }
          ObjectNode out = F.objectNode();
          out.set("users", users);
          return result(id, true, out, sessionOut);
        }
      case "userManager.getUserInfo":
        {
          Optional<Account> a = state.account(p.path("name").asText(""));
          if (a.isEmpty()) {
            return error(USER_NOT_VALID, "User not valid!", id, null, sessionOut);
          }
          ObjectNode out = F.objectNode();
          out.set("user", userJson(a.get()));
          return result(id, true, out, sessionOut);
        }
      case "userManager.getActiveUserInfoAll":
        {
          ArrayNode users = F.arrayNode();
          int i = 1;
          for (Session x : state.sessions()) {
            ObjectNode u = F.objectNode();
            u.put("ClientAddress", x.clientAddress());
            u.put("ClientType", "Web3.0");
            u.put(
                "Group",
                state.account(x.user()).map(a -> LorexPersonality.group(a.level())).orElse("user"));
            u.put("Id", i++);
            u.put(
                "LoginTime",
                LorexPersonality.formatTime(
                    LocalDateTime.ofInstant(x.loginTime(), state.clock().zone()), true));
            u.put("Name", x.user());
            users.add(u);
          }
          ObjectNode out = F.objectNode();
          out.set("users", users);
          return result(id, true, out, sessionOut);
        }
      case "userManager.getGroupInfoAll":
        {
          ArrayNode groups = F.arrayNode();
          groups.add(
              F.objectNode().put("Id", 1).put("Name", "admin").put("Memo", "administrator group"));
          groups.add(F.objectNode().put("Id", 2).put("Name", "user").put("Memo", "user group"));
          ObjectNode out = F.objectNode();
          out.set("group", groups);
          return result(id, true, out, sessionOut);
        }
      case "userManager.addUser":
      case "userManager.addUserPlain":
        {
          if (!admin) {
            return error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
          }
          JsonNode u = p.path("user");
          String name = u.path("Name").asText("");
          String pw = u.path("Password").asText("");
          AccountLevel level = LorexPersonality.level(u.path("Group").asText(""));
          if (name.isEmpty() || pw.isEmpty() || level == null) {
            return error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
          }
          char[] c = pw.toCharArray();
          try {
            DeviceState.Change r =
                state.addUser(
                    name,
                    c,
                    level,
                    u.path("Reserved").asBoolean(false),
                    u.path("Sharable").asBoolean(true),
                    u.path("Memo").asText(""));
            return r == DeviceState.Change.OK
                ? result(id, true, null, sessionOut)
                : error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
          } finally {
            Arrays.fill(c, '\0');
          }
        }
      case "userManager.deleteUser":
        {
          String name = p.path("name").asText("");
          if (!admin || name.equals(s.user())) {
            return error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
          }
          DeviceState.Change r = state.deleteUser(name);
          if (r == DeviceState.Change.NO_SUCH_USER) {
            return error(USER_NOT_VALID, "User not valid!", id, null, sessionOut);
          }
          return r == DeviceState.Change.OK
              ? result(id, true, null, sessionOut)
              : error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
        }
      case "userManager.modifyUser":
        {
          String name = p.path("name").asText("");
          JsonNode u = p.path("user");
          if (!admin || name.isEmpty() || !u.isObject()) {
            return error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
          }
          AccountLevel level = null;
          if (u.has("Group")) {
            level = LorexPersonality.level(u.path("Group").asText(""));
            if (level == null) {
              return error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
            }
          }
          DeviceState.Change r =
              state.modifyUser(
                  name,
                  level,
                  u.has("Reserved") ? u.path("Reserved").asBoolean() : null,
                  u.has("Sharable") ? u.path("Sharable").asBoolean() : null,
                  u.has("Memo") ? u.path("Memo").asText() : null);
          return r == DeviceState.Change.OK
              ? result(id, true, null, sessionOut)
              : error(USER_NOT_VALID, "User not valid!", id, null, sessionOut);
        }
      case "userManager.modifyPassword":
        {
          String name = p.path("name").asText("");
          String pwd = p.path("pwd").asText("");
          String old = p.path("pwdOld").asText("");
          if (name.isEmpty()
              || pwd.isEmpty()
              || old.isEmpty()
              || (!admin && !name.equals(s.user()))) {
            return error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
          }
          char[] nw = pwd.toCharArray();
          char[] o = old.toCharArray();
          try {
            DeviceState.Change r = state.changePassword(name, o, nw);
            switch (r) {
              case OK:
                return result(id, true, null, sessionOut);
              case NO_SUCH_USER:
                return error(USER_NOT_VALID, "User not valid!", id, null, sessionOut);
              case WRONG_OLD_PASSWORD:
                return error(PASSWORD_NOT_VALID, "Password not valid!", id, null, sessionOut);
              default:
                return error(INVALID_PARAM, "Invalid param!", id, null, sessionOut);
            }
          } finally {
            Arrays.fill(nw, '\0');
            Arrays.fill(o, '\0');
          }
        }
      default:
        return error(METHOD_NOT_FOUND, "Method not found!", id, null, sessionOut);
    }
  }

  private static ObjectNode userJson(Account a) {
    ObjectNode u = F.objectNode();
    u.put("Anonymous", false);
    ArrayNode auth = u.putArray("AuthorityList");
    a.authorities().forEach(auth::add);
    u.put("Group", LorexPersonality.group(a.level()));
    u.put("Id", a.id());
    u.put("Memo", a.memo().isEmpty() ? a.name() + " 's account" : a.memo());
    u.put("Name", a.name());
    u.put("PasswordModifiedTime", a.passwordModified().toString());
    u.put("PwdScore", 80);
    u.put("Reserved", a.reserved());
    u.put("Sharable", a.sharable());
    return u;
  }

  // ------------------------------------------------------------------ JSON

  private static ObjectNode result(JsonNode id, boolean result, JsonNode params, JsonNode session) {
    ObjectNode out = F.objectNode();
    out.set("id", id == null ? F.nullNode() : id);
    if (params != null) {
      out.set("params", params);
    }
    out.put("result", result);
    if (session != null) {
      out.set("session", session);
    }
    return out;
  }

  private static ObjectNode error(
      int code, String message, JsonNode id, JsonNode params, JsonNode session) {
    ObjectNode out = F.objectNode();
    ObjectNode e = out.putObject("error");
    e.put("code", code);
    e.put("message", message);
    out.set("id", id == null ? F.nullNode() : id);
    if (params != null) {
      out.set("params", params);
    }
    out.put("result", false);
    if (session != null && !session.isMissingNode()) {
      out.set("session", session);
    }
    return out;
  }

  private static FakeResponse reply(ObjectNode body, String user) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    FakeResponse r =
        new FakeResponse(
            200,
            "OK",
            List.of(Map.entry("Content-Type", "application/json;charset=utf-8")),
            bytes,
            user);
    return LorexPersonality.withSecurityHeaders(r);
  }
}
