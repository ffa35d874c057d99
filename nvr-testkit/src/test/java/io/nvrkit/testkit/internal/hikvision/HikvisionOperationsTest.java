package io.nvrkit.testkit.internal.hikvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.DevicePasswordRules;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.PersonalityKind;
import io.nvrkit.testkit.internal.engine.DeviceSetup;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.state.AccountSpec;
import io.nvrkit.testkit.internal.state.DeviceState;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ISAPI request → operation table the integrator wires to the neutral fault type. */
class HikvisionOperationsTest {
  final HikvisionPersonality p =
      new HikvisionPersonality(
          new DeviceState(
              FakeIdentity.hikvisionDefaults(),
              List.of(
                  new AccountSpec(
                      "admin", "Admin12345".toCharArray(), AccountLevel.ADMINISTRATOR, true)),
              Lockout.hikvisionDefault(),
              DevicePasswordRules.hikvision(),
              FakeClock.fixed(Instant.parse("2026-07-01T00:00:00Z"), ZoneId.of("UTC"))),
          new DeviceSetup(PersonalityKind.HIKVISION, null, Map.of()));

  static FakeRequest req(String method, String target, String body) {
    return new FakeRequest(
        method,
        target,
        Map.of("authorization", List.of("Digest username=\"admin\"")),
        body.getBytes(StandardCharsets.UTF_8),
        new InetSocketAddress("127.0.0.1", 5000),
        false);
  }

  @Test
  void everyAccountRequestMapsToItsNeutralOperation() {
    assertEquals(
        DeviceOperation.LOGIN, p.neutralOperationOf(req("GET", "/ISAPI/Security/userCheck", "")));
    assertEquals(
        DeviceOperation.IDENTITY, p.neutralOperationOf(req("GET", "/ISAPI/System/deviceinfo", "")));
    assertEquals(
        DeviceOperation.SET_TIME, p.neutralOperationOf(req("PUT", "/ISAPI/System/time", "")));
    assertEquals(
        DeviceOperation.USERS, p.neutralOperationOf(req("GET", "/ISAPI/Security/users", "")));
    assertEquals(
        DeviceOperation.USERS, p.neutralOperationOf(req("GET", "/ISAPI/Security/users/3", "")));
    assertEquals(
        DeviceOperation.CREATE_USER,
        p.neutralOperationOf(req("POST", "/ISAPI/Security/users", "")));
    assertEquals(
        DeviceOperation.CHANGE_PASSWORD,
        p.neutralOperationOf(
            req(
                "PUT",
                "/ISAPI/Security/users/1",
                "<User><id>1</id><password>x</password></User>")));
    assertEquals(
        DeviceOperation.MODIFY_USER,
        p.neutralOperationOf(
            req("PUT", "/ISAPI/Security/users/2", "<User><userLevel>Operator</userLevel></User>")));
    assertEquals(
        DeviceOperation.DELETE_USER,
        p.neutralOperationOf(req("DELETE", "/ISAPI/Security/users/2", "")));
    assertEquals(
        DeviceOperation.OTHER, p.neutralOperationOf(req("GET", "/SDK/activateStatus", "")));
    assertEquals(
        DeviceOperation.OTHER, p.neutralOperationOf(req("PUT", "/ISAPI/System/activate", "")));
    assertEquals(
        DeviceOperation.SETTINGS,
        p.neutralOperationOf(req("GET", "/ISAPI/Security/illegalLoginLock", "")));
    assertEquals(DeviceOperation.OTHER, p.neutralOperationOf(req("GET", "/ISAPI/Nothing", "")));
    assertEquals("modifyUser", p.operationOf(req("PUT", "/isapi/security/USERS/1", "")));
  }

  @Test
  void theAnonymousFirstRoundOfDigestIsNoOperation() {
    FakeRequest anonymous =
        new FakeRequest(
            "PUT",
            "/ISAPI/Security/users/1",
            Map.of(),
            new byte[0],
            new InetSocketAddress("127.0.0.1", 5000),
            false);
    assertNull(p.operationOf(anonymous));
    assertEquals("activateStatus", p.operationOf(req("GET", "/SDK/activateStatus", "")));
  }

  @Test
  void posixZonesRoundTrip() {
    Instant now = Instant.parse("2026-07-01T00:00:00Z");
    assertEquals(
        "CST-1:00:00DST01:00:00,M3.5.0/02:00:00,M10.5.0/03:00:00",
        HikTime.posix(ZoneId.of("Europe/Madrid"), now));
    assertEquals(
        "CST-10:00:00DST01:00:00,M10.1.0/02:00:00,M4.1.0/03:00:00",
        HikTime.posix(ZoneId.of("Australia/Sydney"), now));
    assertEquals("CST+0:00:00", HikTime.posix(ZoneId.of("UTC"), now));
    assertEquals(ZoneId.of("+08:00"), HikTime.parse("CST-8:00:00", now).orElseThrow());
    assertEquals(
        "CST+5:00:00DST01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00",
        HikTime.posix(
            HikTime.parse("CST+5:00:00DST01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00", now)
                .orElseThrow(),
            now));
  }

  @Test
  void passwordLevelsFollowTheManuals() {
    assertEquals(0, HikPasswords.level("admin", "abcdefgh".toCharArray()));
    assertEquals(0, HikPasswords.level("operator1", "1ROTAREPO".toCharArray()));
    assertEquals(1, HikPasswords.level("admin", "abcd1234".toCharArray()));
    assertEquals(2, HikPasswords.level("admin", "abcdEFGH".toCharArray()));
    assertEquals(3, HikPasswords.level("admin", "abcd-1234".toCharArray()));
  }
}
