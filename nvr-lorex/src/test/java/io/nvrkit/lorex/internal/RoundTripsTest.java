package io.nvrkit.lorex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.testkit.FakeNvr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips per API call against the fake recorder, whose Digest nonces are single-use like the
 * firmware's. These numbers are the README's table; the assertions keep them from growing.
 */
class RoundTripsTest {
  /** Counts every transport the driver opens (sessions, verification logins, probes). */
  static final class Counting {
    final List<DeviceHttp> opened = new ArrayList<>();

    synchronized DeviceHttp open(io.nvrkit.core.DeviceEndpoint e, ConnectOptions o) {
      DeviceHttp h = DahuaStubs.http(e, o);
      opened.add(h);
      return h;
    }

    synchronized long total() {
      return opened.stream().mapToLong(DeviceHttp::roundTrips).sum();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cgi", "rpc2"})
  void measure(String api) {
    FakeNvr.Builder b = DahuaStubs.over(api, FakeNvr.lorex());
    Map<String, Long> rt = new LinkedHashMap<>();
    Counting counting = new Counting();
    LorexDriverCore core = new LorexDriverCore(counting::open, DahuaStubs.freshGuard());
    try (FakeNvr nvr = b.start()) {
      long t = counting.total();
      assertTrue(core.probe(nvr.endpoint(), ConnectOptions.defaults()).recognised());
      rt.put("probe", counting.total() - t);
      t = counting.total();
      NvrClient c =
          core.connect(
              nvr.endpoint(),
              Credentials.of("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)),
              ConnectOptions.defaults());
      rt.put("connect", counting.total() - t);
      t = counting.total();
      c.identity();
      rt.put("identity (first call)", counting.total() - t);
      t = counting.total();
      c.identity();
      rt.put("identity", counting.total() - t);
      t = counting.total();
      c.users();
      rt.put("users", counting.total() - t);
      t = counting.total();
      PasswordChangeResult ch =
          c.changePassword(
              PasswordChangeRequest.builder(Secret.of("Blue-Harbor-7319-Kite")).build());
      rt.put("changePassword (verified)", counting.total() - t);
      assertEquals(rt.get("changePassword (verified)"), (long) ch.roundTrips(), "reported = seen");
      t = counting.total();
      c.createUser("viewer2", Secret.of("Green-Meadow-4482-Owl"), AccountLevel.USER);
      rt.put("createUser (verified)", counting.total() - t);
      t = counting.total();
      c.deleteUser("viewer2");
      rt.put("deleteUser (verified)", counting.total() - t);
      t = counting.total();
      c.close();
      rt.put("close", counting.total() - t);
    }
    StringBuilder table = new StringBuilder("round trips (" + api + "):\n");
    rt.forEach((k, v) -> table.append(String.format("| %-28s | %3d |%n", k, v)));
    System.out.println(table);
    Map<String, Long> max =
        api.equals("cgi")
            ? Map.of(
                "probe",
                1L,
                "connect",
                2L,
                "identity",
                10L,
                "users",
                2L,
                "changePassword (verified)",
                4L,
                "createUser (verified)",
                4L,
                "deleteUser (verified)",
                4L,
                "close",
                0L)
            : Map.of(
                "probe",
                1L,
                "connect",
                5L,
                "identity",
                1L,
                "users",
                1L,
                "changePassword (verified)",
                4L,
                "createUser (verified)",
                4L,
                "deleteUser (verified)",
                2L,
                "close",
                1L);
    max.forEach(
        (k, v) -> assertTrue(rt.get(k) <= v, k + " took " + rt.get(k) + " round trips, max " + v));
  }
}
