package io.nvrkit.hikvision.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.testkit.fuzz.FuzzedDeviceHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the ISAPI answers a Hikvision session parses, in the order a session asks for them: the
 * login ({@code illegalLoginLock}), identity ({@code deviceInfo}, {@code System/time}), the user
 * list and a verified password change (the {@code PUT}'s {@code ResponseStatus}, the fresh logins
 * and their {@code userCheck} 401 bodies). Each input is the device's sequence of answers ({@link
 * FuzzedDeviceHttp}), shared by every transport the session opens. Contract: each call returns a
 * value or throws an {@link NvrException}; nothing else, in bounded time and at most {@link
 * FuzzedDeviceHttp#MAX_REQUESTS} requests. Seeds: {@code IsapiSessionFuzzTestInputs/}.
 */
class IsapiSessionFuzzTest {
  private static final DeviceEndpoint DEVICE = DeviceEndpoint.of("http://192.0.2.61");

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void session(byte[] answers) {
    FuzzedDeviceHttp device =
        new FuzzedDeviceHttp(DEVICE, answers, "application/xml; charset=\"UTF-8\"");
    Clock wall = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);
    HikvisionDriverCore core =
        new HikvisionDriverCore(
            new IsapiTransport.Factory((e, o) -> device, LockoutLedger.inMemory(wall), wall),
            HikvisionDriverCore.SADP_PORT,
            Duration.ZERO);
    ConnectOptions options = ConnectOptions.builder().driver(HikvisionDriverCore.DRIVER_ID).build();
    try (NvrClient c =
        core.connect(DEVICE, Credentials.of("admin", Secret.of("Fuzz-Pw-12")), options)) {
      try {
        assertNotNull(c.identity());
      } catch (NvrException expected) {
        // a typed refusal of this answer; the session stays usable
      }
      try {
        assertNotNull(c.users());
      } catch (NvrException expected) {
        // as above
      }
      assertNotNull(
          c.changePassword(PasswordChangeRequest.builder(Secret.of("Nv7-Qx2m-Lr9k")).build()));
    } catch (NvrException expected) {
      // the documented outcome for an answer the adapter cannot use
    }
  }
}
