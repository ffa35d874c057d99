package io.nvrkit.lorex.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.spi.DeviceHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RPC2 JSON API ({@code /RPC2_Login}, {@code /RPC2}), used when the CGI is absent or disabled.
 *
 * <p>Password values in {@code userManager.modifyPassword} and {@code addUser} are sent as plain
 * strings inside the session: the research note (§2.2, §8) marks "plain or hashed" as unverified;
 * plain is what the open-source clients' method signatures take. They travel only where the
 * transport allows a new secret (TLS, loopback, or plaintext explicitly allowed).
 *
 * <p>Not thread-safe: the owning session serialises calls.
 */
final class Rpc2Api implements LorexApi {
  private final DeviceHttp http;
  private final DeviceContext ctx;
  private final Rpc2Session rpc;
  private Credentials credentials;

  Rpc2Api(DeviceHttp http, DeviceContext ctx, Credentials credentials) {
    this.http = http;
    this.ctx = ctx;
    this.credentials = credentials;
    this.rpc = new Rpc2Session(http, ctx, credentials);
  }

  @Override
  public String kind() {
    return "rpc2";
  }

  /** Logs in (the caller consulted the guard) and learns the lockout settings. */
  void login() {
    ctx.configure(credentials.user());
    ctx.guard().beforeAttempt(ctx.key(), credentials.user(), ctx.budget(), ctx.device(), "login");
    rpc.login();
    ctx.configure(credentials.user());
    try {
      JsonNode t = config("General");
      general = t;
      JsonNode times = t.path("LockLoginTimes");
      if (times.isIntegralNumber() && times.asInt() > 0 && times.asInt() < 1000) {
        long sec = t.path("LoginFailLockTime").asLong(0);
        ctx.learnLockout(
            credentials.user(),
            !t.path("LockLoginEnable").isBoolean() || t.path("LockLoginEnable").asBoolean(),
            times.asInt(),
            sec > 0 && sec < 86_400 * 7 ? Duration.ofSeconds(sec) : null);
      }
    } catch (NotSupportedException | DeviceRejectedException e) {
      // lockout settings not readable: keep the default budget
    }
  }

  /** Logs in and out once: proves {@code c} on a fresh transport. */
  static void proveLogin(DeviceHttp http, DeviceContext ctx, Credentials c) {
    ctx.configure(c.user());
    ctx.guard().beforeAttempt(ctx.key(), c.user(), ctx.budget(), ctx.device(), "verifyLogin");
    try (Rpc2Session s = new Rpc2Session(http, ctx, c)) {
      s.login();
    }
  }

  @Override
  public void useCredentials(Credentials c) {
    this.credentials = c;
    rpc.credentials(c);
  }

  private JsonNode params(String method, JsonNode params) {
    JsonNode r = rpc.call(method, params, false);
    JsonNode p = r.get("params");
    if (p == null || p.isNull()) {
      throw new ProtocolException("device reply lacks params", ctx.device(), method, null);
    }
    return p;
  }

  private JsonNode config(String name) {
    if (configMissing) {
      throw new NotSupportedException("no configManager on this device", ctx.device(), name, null);
    }
    ObjectNode p = Json.object();
    p.put("name", name);
    JsonNode t;
    try {
      t = params("configManager.getConfig", p).get("table");
    } catch (NotSupportedException e) {
      configMissing = true;
      throw e;
    }
    if (t == null || !t.isObject()) {
      throw new ProtocolException("device config reply lacks a table", ctx.device(), name, null);
    }
    return t;
  }

  private String text(JsonNode n, String field, String op, boolean required) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      if (required) {
        throw new ProtocolException("device reply lacks '" + field + "'", ctx.device(), op, null);
      }
      return null;
    }
    return v.asText().strip();
  }

  private static final List<String> IDENTITY_CALLS =
      List.of(
          "magicBox.getDeviceType",
          "magicBox.getSerialNo",
          "magicBox.getHardwareVersion",
          "magicBox.getSoftwareVersion",
          "magicBox.getVendor",
          "global.getCurrentTime");

  private boolean multicallMissing;
  private JsonNode general;
  private boolean configMissing;

  /**
   * The identity reads, batched in one {@code system.multicall} where the device has it (one round
   * trip instead of six), else one call each. A sub-call the device refuses leaves its field
   * unknown; a required field (model, serial, time) missing is a {@link ProtocolException}.
   */
  private List<JsonNode> identityReplies() {
    if (!multicallMissing) {
      try {
        List<Map.Entry<String, JsonNode>> calls = new ArrayList<>();
        for (String m : IDENTITY_CALLS) {
          calls.add(new java.util.AbstractMap.SimpleEntry<>(m, null));
        }
        if (!configMissing) {
          for (String section : List.of("Network", "NTP")) {
            ObjectNode c = Json.object();
            c.put("name", section);
            calls.add(new java.util.AbstractMap.SimpleEntry<>("configManager.getConfig", c));
          }
        }
        List<JsonNode> replies = rpc.multicall(calls);
        List<JsonNode> params = new ArrayList<>();
        for (JsonNode r : replies) {
          params.add(Rpc2Session.succeeded(r) && r.hasNonNull("params") ? r.get("params") : null);
        }
        if (configMissing) {
          params.add(null);
          params.add(null);
        }
        return params;
      } catch (NotSupportedException | DeviceRejectedException e) {
        multicallMissing = true;
      }
    }
    List<JsonNode> params = new ArrayList<>();
    for (String m : IDENTITY_CALLS) {
      params.add(optional(m));
    }
    for (String section : List.of("Network", "NTP")) {
      JsonNode table = null;
      try {
        table = Json.object().set("table", config(section));
      } catch (NotSupportedException | DeviceRejectedException e) {
        // not readable
      }
      params.add(table);
    }
    return params;
  }

  private JsonNode optional(String method) {
    try {
      return params(method, null);
    } catch (NotSupportedException | DeviceRejectedException e) {
      return null;
    }
  }

  @Override
  public DeviceIdentity identity() {
    Provenance p = Provenance.NETWORK_AUTHENTICATED;
    Instant before = Instant.now();
    List<JsonNode> r = identityReplies();
    Instant readAt = before.plus(Duration.between(before, Instant.now()).dividedBy(2));
    String model = text(r.get(0), "type", "getDeviceType", true);
    String serial = text(r.get(1), "sn", "getSerialNo", true);
    String hw = text(r.get(2), "version", "getHardwareVersion", false);
    JsonNode swN = r.get(3);
    String fw = null;
    String build = null;
    if (swN != null) {
      JsonNode v = swN.get("version");
      if (v != null && v.isObject()) {
        fw = text(v, "Version", "getSoftwareVersion", false);
        build = text(v, "BuildDate", "getSoftwareVersion", false);
      } else if (v != null && v.isTextual()) {
        IdentityParsing.Software s =
            IdentityParsing.software("version=" + v.asText(), ctx.device(), "getSoftwareVersion");
        fw = s.version();
        build = s.build();
      }
    }
    String vendor = text(r.get(4), "Vendor", "getVendor", false);
    String t = text(r.get(5), "time", "getCurrentTime", true);
    LocalDateTime deviceTime = IdentityParsing.time(t, ctx.device(), "getCurrentTime");
    String name = null;
    String mac = null;
    try {
      name =
          text(general != null ? general : config("General"), "MachineName", "getGeneral", false);
    } catch (NotSupportedException | DeviceRejectedException e) {
      // not readable
    }
    JsonNode netParams = r.get(6);
    JsonNode net = netParams == null ? null : netParams.get("table");
    if (net != null && net.isObject()) {
      String ifc = text(net, "DefaultInterface", "getNetwork", false);
      JsonNode nic = ifc == null ? null : net.get(ifc);
      String raw = text(nic, "PhysicalAddress", "getNetwork", false);
      if (raw == null) {
        for (Map.Entry<String, JsonNode> e : net.properties()) {
          if (raw == null) {
            raw = text(e.getValue(), "PhysicalAddress", "getNetwork", false);
          }
        }
      }
      mac = raw == null ? null : IdentityParsing.mac(raw, ctx.device(), "getNetwork");
    }
    if (mac == null && rpc.challengeMac() != null) {
      // the login challenge carries the MAC too (research §1.2)
      mac = IdentityParsing.mac(rpc.challengeMac(), ctx.device(), "login");
    }
    // The zone lives in the NTP section (research §1): a region or GMT offset in TimeZoneDesc or
    // TimeZone; a bare index (its table is unpublished) or free text leaves it unknown.
    JsonNode ntpParams = r.get(7);
    JsonNode ntp = ntpParams == null ? null : ntpParams.get("table");
    String zone = IdentityParsing.zone(text(ntp, "TimeZoneDesc", "getNTP", false));
    if (zone == null) {
      zone = IdentityParsing.zone(text(ntp, "TimeZone", "getNTP", false));
    }
    DeviceIdentity.Builder b = DeviceIdentity.builder();
    if (zone != null) {
      b.set(IdentityField.DEVICE_ZONE, zone, p)
          .clockSkew(
              Duration.ofSeconds(
                  Duration.between(readAt, deviceTime.atZone(java.time.ZoneId.of(zone)).toInstant())
                      .toSeconds()));
    }
    return b.set(IdentityField.MODEL, model, p)
        .set(IdentityField.SERIAL, serial, p)
        .set(IdentityField.HARDWARE_VERSION, hw, p)
        .set(IdentityField.FIRMWARE, fw, p)
        .set(IdentityField.FIRMWARE_BUILD, build, p)
        .set(IdentityField.VENDOR, IdentityParsing.brand(vendor, fw), p)
        .set(IdentityField.MACHINE_NAME, name, p)
        .set(IdentityField.MAC, mac, p)
        .deviceDateTime(deviceTime, p)
        .notReadable(IdentityField.DEVICE_ID)
        .build();
  }

  @Override
  public List<UserAccount> users() {
    String op = "getUserInfoAll";
    JsonNode users = params("userManager.getUserInfoAll", null).get("users");
    if (users == null || !users.isArray() || users.isEmpty()) {
      throw new ProtocolException("device user list has no users", ctx.device(), op, null);
    }
    List<UserAccount> out = new ArrayList<>();
    for (JsonNode u : users) {
      if (!u.isObject()) {
        throw new ProtocolException("device user entry is not an object", ctx.device(), op, null);
      }
      out.add(
          CgiApi.account(
              text(u, "Name", op, false),
              text(u, "Group", op, false),
              text(u, "Reserved", op, false),
              ctx.device(),
              op));
    }
    return List.copyOf(out);
  }

  @Override
  public void modifyPassword(String user, Secret newPassword, Secret oldPassword) {
    ObjectNode p = Json.object();
    p.put("name", user);
    p.put("pwd", newPassword.view().toString());
    p.put("pwdOld", oldPassword.view().toString());
    rpc.call("userManager.modifyPassword", p, true);
  }

  @Override
  public void addUser(String user, Secret password, String group) {
    ObjectNode u = Json.object();
    u.put("Name", user);
    u.put("Password", password.view().toString());
    u.put("Group", group);
    u.put("Sharable", true);
    u.put("Reserved", false);
    u.put("Memo", " ");
    ObjectNode p = Json.object();
    p.set("user", u);
    rpc.call("userManager.addUser", p, true);
  }

  @Override
  public void deleteUser(String user) {
    ObjectNode p = Json.object();
    p.put("name", user);
    rpc.call("userManager.deleteUser", p, false);
  }

  @Override
  public void close() {
    try {
      rpc.close();
    } finally {
      http.close();
    }
  }
}
