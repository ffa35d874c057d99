package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LorexRpc2Test {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PW = "Old-Passw0rd";
  FakeClock clock;
  FakeNvr nvr;

  @BeforeEach
  void start() {
    clock = FakeClock.fixed(Instant.parse("2026-01-05T14:03:07Z"), ZoneId.of("America/Toronto"));
    nvr =
        FakeNvr.lorex()
            .user("admin", PW, AccountLevel.ADMINISTRATOR)
            .lockout(Lockout.after(3, Duration.ofSeconds(600)))
            .clock(clock)
            .start();
  }

  @AfterEach
  void stop() {
    nvr.close();
  }

  JsonNode rpc(String path, String body) throws Exception {
    RawHttp.Response r = RawHttp.post(nvr.port(), path, "application/json", body);
    assertEquals(200, r.status());
    return JSON.readTree(r.body());
  }

  JsonNode firstStep(String user) throws Exception {
    return rpc(
        "/RPC2_Login",
        "{\"method\":\"global.login\",\"params\":{\"userName\":\""
            + user
            + "\",\"password\":\"\",\"clientType\":\"Web3.0\",\"loginType\":\"Direct\"},\"id\":1}");
  }

  static String hash(String user, String password, String realm, String random) {
    String ha1 = RawHttp.md5(user + ":" + realm + ":" + password).toUpperCase(Locale.ROOT);
    return RawHttp.md5(user + ":" + random + ":" + ha1).toUpperCase(Locale.ROOT);
  }

  String secondStepBody(String user, String hash, JsonNode session) {
    return "{\"method\":\"global.login\",\"params\":{\"userName\":\""
        + user
        + "\",\"password\":\""
        + hash
        + "\",\"clientType\":\"Web3.0\",\"loginType\":\"Direct\",\"authorityType\":\"Default\","
        + "\"passwordType\":\"Default\"},\"id\":2,\"session\":"
        + session
        + "}";
  }

  JsonNode login(String user, String password) throws Exception {
    JsonNode c = firstStep(user);
    String h =
        hash(user, password, c.at("/params/realm").asText(), c.at("/params/random").asText());
    return rpc("/RPC2_Login", secondStepBody(user, h, c.get("session")));
  }

  @Test
  void firstStepIsTheLoginChallenge() throws Exception {
    JsonNode c = firstStep("admin");
    assertEquals(268632079, c.at("/error/code").asInt());
    assertEquals("Component error: login challenge!", c.at("/error/message").asText());
    assertEquals("Default", c.at("/params/encryption").asText());
    assertEquals("Login to ND021811019863", c.at("/params/realm").asText());
    assertEquals("3CEF8C6101C0", c.at("/params/mac").asText());
    assertTrue(c.at("/params/random").asText().matches("[0-9]+"));
    assertFalse(c.get("result").asBoolean());
    assertTrue(c.get("session").isNumber());
    assertNotEquals(
        c.at("/params/random").asText(), firstStep("admin").at("/params/random").asText());
  }

  @Test
  void secondStepWithTheDocumentedHashOpensASession() throws Exception {
    JsonNode ok = login("admin", PW);
    assertTrue(ok.get("result").asBoolean(), ok.toString());
    assertEquals(60, ok.at("/params/keepAliveInterval").asInt());
    JsonNode s = ok.get("session");
    assertEquals(1, nvr.activeSessions());
    JsonNode sn =
        rpc(
            "/RPC2",
            "{\"method\":\"magicBox.getSerialNo\",\"params\":null,\"id\":3,\"session\":" + s + "}");
    assertEquals("ND021811019863", sn.at("/params/sn").asText());
    JsonNode vendor =
        rpc("/RPC2", "{\"method\":\"magicBox.getVendor\",\"id\":4,\"session\":" + s + "}");
    assertEquals("Lorex", vendor.at("/params/Vendor").asText());
    JsonNode users =
        rpc("/RPC2", "{\"method\":\"userManager.getUserInfoAll\",\"id\":5,\"session\":" + s + "}");
    assertEquals("admin", users.at("/params/users/0/Name").asText());
    assertFalse(users.toString().contains(PW));
    JsonNode general =
        rpc(
            "/RPC2",
            "{\"method\":\"configManager.getConfig\",\"params\":{\"name\":\"General\"},\"id\":10,\"session\":"
                + s
                + "}");
    assertEquals(3, general.at("/params/table/LockLoginTimes").asInt());
    assertEquals(600, general.at("/params/table/LoginFailLockTime").asInt());
    JsonNode ka =
        rpc(
            "/RPC2",
            "{\"method\":\"global.keepAlive\",\"params\":{\"timeout\":300,\"active\":true},\"id\":6,\"session\":"
                + s
                + "}");
    assertTrue(ka.get("result").asBoolean());
    clock.advance(Duration.ofSeconds(299));
    assertTrue(
        rpc("/RPC2", "{\"method\":\"global.getCurrentTime\",\"id\":7,\"session\":" + s + "}")
            .get("result")
            .asBoolean());
    JsonNode out = rpc("/RPC2", "{\"method\":\"global.logout\",\"id\":8,\"session\":" + s + "}");
    assertTrue(out.get("result").asBoolean());
    assertEquals(0, nvr.activeSessions());
    JsonNode bad =
        rpc("/RPC2", "{\"method\":\"magicBox.getSerialNo\",\"id\":9,\"session\":" + s + "}");
    assertEquals(287637505, bad.at("/error/code").asInt());
  }

  @Test
  void sessionExpiresWithoutKeepAlive() throws Exception {
    JsonNode s = login("admin", PW).get("session");
    clock.advance(Duration.ofSeconds(121));
    JsonNode bad =
        rpc("/RPC2", "{\"method\":\"magicBox.getSerialNo\",\"id\":3,\"session\":" + s + "}");
    assertEquals(287637505, bad.at("/error/code").asInt());
    assertEquals("Invalid session in request data!", bad.at("/error/message").asText());
  }

  @Test
  void wrongPasswordCountsDownThenLocksAndTheLockCoversTheCgiToo() throws Exception {
    JsonNode f1 = login("admin", "wrong");
    assertEquals(268632085, f1.at("/error/code").asInt());
    assertEquals("Component error: User or password not valid!", f1.at("/error/message").asText());
    assertEquals(2, f1.at("/params/remainLoginTimes").asInt());
    assertEquals(0, f1.at("/params/remainLockSecond").asInt());
    assertEquals(1, login("admin", "wrong").at("/params/remainLoginTimes").asInt());
    JsonNode f3 = login("admin", "wrong");
    assertEquals(268632085, f3.at("/error/code").asInt());
    assertEquals(0, f3.at("/params/remainLoginTimes").asInt());
    assertEquals(600, f3.at("/params/remainLockSecond").asInt());
    JsonNode locked = login("admin", PW);
    assertEquals(268632081, locked.at("/error/code").asInt());
    assertEquals(
        401,
        RawHttp.digestGet(nvr.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", "admin", PW)
            .status());
    clock.advance(Duration.ofSeconds(600));
    assertTrue(login("admin", PW).get("result").asBoolean());
  }

  @Test
  void aCapturedSecondStepCannotBeReplayed() throws Exception {
    JsonNode c = firstStep("admin");
    String body =
        secondStepBody(
            "admin",
            hash("admin", PW, c.at("/params/realm").asText(), c.at("/params/random").asText()),
            c.get("session"));
    assertTrue(rpc("/RPC2_Login", body).get("result").asBoolean());
    JsonNode replay = rpc("/RPC2_Login", body);
    assertFalse(replay.get("result").asBoolean());
    assertEquals(287637505, replay.at("/error/code").asInt());
  }

  @Test
  void userManagerModifyPasswordOverRpc() throws Exception {
    JsonNode s = login("admin", PW).get("session");
    JsonNode weak =
        rpc(
            "/RPC2",
            "{\"method\":\"userManager.modifyPassword\",\"params\":{\"name\":\"admin\",\"pwd\":\"weak\",\"pwdOld\":\""
                + PW
                + "\"},\"id\":3,\"session\":"
                + s
                + "}");
    assertFalse(weak.get("result").asBoolean());
    JsonNode wrongOld =
        rpc(
            "/RPC2",
            "{\"method\":\"userManager.modifyPassword\",\"params\":{\"name\":\"admin\",\"pwd\":\"Good-Passw0rd\",\"pwdOld\":\"x\"},\"id\":4,\"session\":"
                + s
                + "}");
    assertEquals(268632071, wrongOld.at("/error/code").asInt());
    JsonNode ok =
        rpc(
            "/RPC2",
            "{\"method\":\"userManager.modifyPassword\",\"params\":{\"name\":\"admin\",\"pwd\":\"Good-Passw0rd\",\"pwdOld\":\""
                + PW
                + "\"},\"id\":5,\"session\":"
                + s
                + "}");
    assertTrue(ok.get("result").asBoolean());
    assertTrue(nvr.accepts("admin", Secret.of("Good-Passw0rd")));
    assertEquals(3, nvr.journal("modifyPassword").size());
    assertFalse(nvr.journal().toString().contains("Good-Passw0rd"));
    JsonNode unknown = rpc("/RPC2", "{\"method\":\"foo.bar\",\"id\":6,\"session\":" + s + "}");
    assertEquals(268894210, unknown.at("/error/code").asInt());
  }

  @Test
  void stringSessionProfile() throws Exception {
    try (FakeNvr n =
        FakeNvr.lorex().lorexProfile(LorexProfile.builder().stringSession(true).build()).start()) {
      RawHttp.Response r =
          RawHttp.post(
              n.port(),
              "/RPC2_Login",
              "application/json",
              "{\"method\":\"global.login\",\"params\":{\"userName\":\"admin\",\"password\":\"\"},\"id\":1}");
      assertTrue(JSON.readTree(r.body()).get("session").isTextual());
    }
  }
}
