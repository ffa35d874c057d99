package io.nvrkit.hikvision.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.hikvision.internal.SadpCodec.ProbeMatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes SADP datagrams: anything arriving on UDP 37020 is untrusted (any host on the segment can
 * send one). Contract: {@link SadpCodec#parse} returns a usable ProbeMatch or null, never throws,
 * in bounded time; every match has a serial, a port in range and bounded fields, and turns into a
 * pre-login identity without an exception. Seeds: {@code SadpFuzzTestInputs/}.
 */
class SadpFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void datagram(byte[] datagram) {
    ProbeMatch m = SadpCodec.parse(datagram);
    if (m == null) {
      return;
    }
    assertNotNull(m.serial());
    assertTrue(m.serial().length() <= 128, "serial bounded");
    assertTrue(m.httpPort() >= 0 && m.httpPort() <= 65535, "port " + m.httpPort());
    DeviceIdentity.Builder b = DeviceIdentity.builder();
    HikvisionDriverCore.identityFrom(m, b);
    assertNotNull(b.build());
  }
}
