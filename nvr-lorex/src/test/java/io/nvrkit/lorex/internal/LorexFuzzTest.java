package io.nvrkit.lorex.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.testkit.fuzz.FuzzedDeviceHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes everything the Lorex (Dahua-family) adapter parses from a device: CGI {@code key=value}
 * replies and RPC2 JSON replies, through a session that logs in, reads the identity and lists the
 * users. Each input is the device's sequence of answers ({@link FuzzedDeviceHttp}). Contract: each
 * call returns a value or throws an {@link NvrException}; nothing else, in bounded time and a
 * bounded number of requests. Seeds: {@code LorexFuzzTestInputs/}.
 */
class LorexFuzzTest {
  private static final DeviceEndpoint DEVICE = DeviceEndpoint.of("http://192.0.2.40");
  private static final byte[] CGI_ABSENT = "@404\n\n~~\n".getBytes(StandardCharsets.US_ASCII);

  /** The CGI API: the first answer is the {@code General} config read that serves as login. */
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void cgi(byte[] answers) {
    session(answers);
  }

  /** The RPC2 API: the CGI answers 404, so the rest of the answers go to {@code /RPC2_Login}. */
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void rpc2(byte[] answers) {
    byte[] all = Arrays.copyOf(CGI_ABSENT, CGI_ABSENT.length + answers.length);
    System.arraycopy(answers, 0, all, CGI_ABSENT.length, answers.length);
    session(all);
  }

  private static void session(byte[] answers) {
    LorexDriverCore core =
        new LorexDriverCore(
            (e, o) -> new FuzzedDeviceHttp(e, answers, "text/plain;charset=utf-8"),
            LockoutLedger.inMemory(Clock.systemUTC()));
    ConnectOptions options = ConnectOptions.builder().driver(LorexDriverCore.DRIVER_ID).build();
    try (NvrClient c =
        core.connect(DEVICE, Credentials.of("admin", Secret.of("Fuzz-Pw-1")), options)) {
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
