package io.nvrkit.hikvision.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.core.NvrException;
import io.nvrkit.hikvision.internal.IsapiDocs.DeviceInfo;
import io.nvrkit.hikvision.internal.IsapiDocs.DeviceTime;
import io.nvrkit.hikvision.internal.IsapiDocs.Malformed;
import io.nvrkit.hikvision.internal.IsapiDocs.ResponseStatus;
import io.nvrkit.hikvision.internal.IsapiDocs.User;
import io.nvrkit.hikvision.internal.IsapiDocs.UserCheck;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes each ISAPI document the Hikvision adapter reads, one parser per target: {@code
 * deviceInfo}, {@code System/time} (with its POSIX zone applied), the user list, the {@code
 * userCheck} body of a 401 and {@code ResponseStatus} (with its mapping to the typed exceptions).
 * Contract: a value (or null where the parser documents "not one of these") or {@link Malformed};
 * never another exception, in bounded time. Seeds: {@code IsapiDocsFuzzTestInputs/}.
 */
class IsapiDocsFuzzTest {
  private static final Instant[] INSTANTS = {
    Instant.parse("2026-01-15T12:00:00Z"),
    Instant.parse("2026-07-15T12:00:00Z"),
    Instant.parse("2026-03-08T07:00:00Z"),
    Instant.EPOCH
  };

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void deviceInfo(byte[] body) {
    try {
      DeviceInfo info = IsapiDocs.deviceInfo(body);
      assertNotNull(info);
      bounded(info.model());
      bounded(info.serial());
      bounded(info.deviceName());
    } catch (Malformed expected) {
      // the documented refusal
    }
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void time(byte[] body) {
    try {
      DeviceTime t = IsapiDocs.time(body);
      assertNotNull(t.localTime());
      if (t.timeZone() != null) {
        for (Instant i : INSTANTS) {
          assertNotNull(t.timeZone().offsetAt(i));
          assertNotNull(t.timeZone().displayed(i));
        }
      }
    } catch (Malformed expected) {
      // the documented refusal
    }
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void users(byte[] body) {
    try {
      List<User> users = IsapiDocs.users(body);
      for (User u : users) {
        assertNotNull(u.account().name());
        bounded(u.account().name());
      }
    } catch (Malformed expected) {
      // the documented refusal
    }
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void userCheck(byte[] body) {
    UserCheck c = IsapiDocs.userCheck(body);
    if (c != null) {
      c.unlockSeconds().ifPresent(s -> assertTrue(s >= 0 && s <= 7 * 86_400, "unlock " + s));
      c.retriesLeft().ifPresent(r -> assertTrue(r >= 0 && r <= 1000, "retries " + r));
    }
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void responseStatus(byte[] body) {
    ResponseStatus rs = IsapiDocs.responseStatus(body);
    if (rs != null) {
      bounded(rs.statusString());
    }
    IsapiErrors.failureIn2xx(body);
    for (int http : new int[] {400, 403, 404, 500, 503}) {
      NvrException e = IsapiErrors.map(http, body, http == 400, "http://192.0.2.60", "fuzz");
      assertNotNull(e);
      assertNotNull(e.getMessage());
    }
  }

  private static void bounded(String s) {
    assertTrue(s == null || s.length() <= 256, "an unbounded field reached the caller");
  }
}
