package io.nvrkit.hikvision.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.Secret;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP round trips per API call (every request the device receives, challenge rounds included).
 * These numbers are the README's table; the assertions keep them from growing.
 */
class RoundTripsTest {
  static final String OLD = "Old-Pass-4821";
  static final String NEW = "Tq7#vKp2!mZ9xR4w";
  static final String WITH_CAM =
      Bodies.USER_LIST.replace(
          "</UserList>",
          "<User><id>4</id><userName>cam1</userName><userLevel>Viewer</userLevel></User>\r\n"
              + "</UserList>");

  @RegisterExtension
  WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private long requests() {
    return wm.getAllServeEvents().size();
  }

  private MappingBuilder users(MappingBuilder b, String state, String next) {
    b = b.atPriority(1).andMatching(new IsapiStubs.DigestMatcher("admin", OLD));
    var s = b.inScenario("users").whenScenarioStateIs(state);
    return next == null ? s : s.willSetStateTo(next);
  }

  @Test
  void roundTripsPerCall() {
    IsapiStubs stubs = new IsapiStubs(wm);
    HikvisionDriverCore core = IsapiStubs.core(IsapiStubs.isolated());
    wm.stubFor(
        get(urlPathEqualTo("/SDK/activateStatus"))
            .atPriority(0)
            .willReturn(IsapiStubs.xml(200, Bodies.ACTIVATED)));
    stubs.authed("GET", "/ISAPI/Security/illegalLoginLock", OLD, 200, Bodies.ILLEGAL_LOGIN_LOCK);
    stubs.authed("GET", "/ISAPI/System/deviceInfo", OLD, 200, Bodies.NVR_DEVICE_INFO);
    stubs.authed("GET", "/ISAPI/System/time", OLD, 200, Bodies.TIME_CST8);
    stubs.authed(
        "GET",
        "/ISAPI/Security/userCheck",
        OLD,
        IsapiStubs.STARTED,
        null,
        IsapiStubs.xml(200, Bodies.USERCHECK_200));
    stubs.authed(
        "GET",
        "/ISAPI/Security/userCheck",
        NEW,
        "changed",
        null,
        IsapiStubs.xml(200, Bodies.USERCHECK_200));
    stubs.authed(
        "PUT",
        "/ISAPI/Security/users/1",
        OLD,
        IsapiStubs.STARTED,
        "changed",
        IsapiStubs.xml(200, Bodies.OK));
    String list = "/ISAPI/Security/users";
    wm.stubFor(
        users(get(urlPathEqualTo(list)), IsapiStubs.STARTED, null)
            .willReturn(IsapiStubs.xml(200, Bodies.USER_LIST)));
    wm.stubFor(
        users(WireMock.post(urlPathEqualTo(list)), IsapiStubs.STARTED, "created")
            .willReturn(IsapiStubs.xml(200, Bodies.OK)));
    wm.stubFor(
        users(get(urlPathEqualTo(list)), "created", null)
            .willReturn(IsapiStubs.xml(200, WITH_CAM)));
    wm.stubFor(
        users(WireMock.delete(urlPathEqualTo(list + "/4")), "created", "deleted")
            .willReturn(IsapiStubs.xml(200, Bodies.OK)));
    wm.stubFor(
        users(get(urlPathEqualTo(list)), "deleted", null)
            .willReturn(IsapiStubs.xml(200, Bodies.USER_LIST)));
    stubs.refuseOthers(Bodies.userCheck401(4));

    Map<String, Long> rt = new LinkedHashMap<>();
    long t = requests();
    core.probe(stubs.endpoint(), IsapiStubs.fastOptions());
    rt.put("probe", requests() - t);
    t = requests();
    core.connect(stubs.endpoint(), IsapiStubs.admin(OLD), IsapiStubs.fastOptions()).close();
    rt.put("connect (first in this JVM)", requests() - t);
    t = requests();
    NvrClient c = core.connect(stubs.endpoint(), IsapiStubs.admin(OLD), IsapiStubs.fastOptions());
    rt.put("connect", requests() - t);
    t = requests();
    c.identity();
    rt.put("identity", requests() - t);
    t = requests();
    c.users();
    rt.put("users", requests() - t);
    t = requests();
    c.createUser("cam1", Secret.of("Vw-Cam#7781!xQ"), AccountLevel.USER);
    rt.put("createUser", requests() - t);
    t = requests();
    c.deleteUser("cam1");
    rt.put("deleteUser", requests() - t);
    t = requests();
    PasswordChangeResult ch =
        c.changePassword(PasswordChangeRequest.builder(Secret.of(NEW)).build());
    rt.put("changePassword (verified)", requests() - t);
    c.close();

    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put("probe", 1L);
    expected.put("connect (first in this JVM)", 2L);
    expected.put("connect", 2L);
    expected.put("identity", 2L);
    expected.put("users", 1L);
    expected.put("createUser", 3L);
    expected.put("deleteUser", 3L);
    expected.put("changePassword (verified)", 6L);
    assertEquals(expected, rt);
    assertEquals(6, ch.roundTrips(), "the change reports what it cost");
  }
}
