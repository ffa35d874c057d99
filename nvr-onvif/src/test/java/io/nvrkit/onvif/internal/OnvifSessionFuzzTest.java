package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.testkit.fuzz.FuzzedDeviceHttp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the ONVIF SOAP responses a session parses: connect (clock, services, capabilities),
 * identity (device information, interfaces, hostname, scopes) and the user list, including SOAP
 * faults and HTTP errors. Each input is the device's sequence of answers ({@link
 * FuzzedDeviceHttp}). Contract: each call returns a value or throws an {@link NvrException};
 * nothing else, in bounded time and a bounded number of requests. Seeds: {@code
 * OnvifSessionFuzzTestInputs/}.
 */
class OnvifSessionFuzzTest {
  private static final DeviceEndpoint DEVICE = DeviceEndpoint.of("http://192.0.2.50:8080");
  private static final PasswordPolicy ANY = PasswordPolicy.builder("fuzz").minLength(1).build();

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void session(byte[] answers) {
    AtomicLong nanos = new AtomicLong(1_000_000_000L);
    Clock wall = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
    OnvifEnv env =
        new OnvifEnv(
            (e, o) -> new FuzzedDeviceHttp(e, answers, "application/soap+xml; charset=utf-8"),
            () -> nanos.addAndGet(1_000_000L),
            wall,
            LockoutLedger.inMemory(wall));
    Credentials admin = Credentials.of("admin", Secret.of("Fuzz-Pw-1"));
    try (OnvifClient c = OnvifClient.connect(DEVICE, admin, ConnectOptions.defaults(), env, ANY)) {
      try {
        assertNotNull(c.identity());
      } catch (NvrException expected) {
        // a typed refusal of this answer; the session stays usable
      }
      assertNotNull(c.users());
    } catch (NvrException expected) {
      // the documented outcome for an answer the adapter cannot use
    }
  }
}
