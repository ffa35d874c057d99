package io.nvrkit.hikvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.testkit.FakeNvr;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link HikvisionDiscovery} against the testkit's Hikvision fake: by unicast to its SADP port, and
 * by multicast to 239.255.255.250:37020 where this host delivers multicast on loopback (skipped
 * with a visible warning where it does not).
 */
class HikvisionFakeDiscoveryTest {
  @Test
  void unicastProbeFindsTheFake() {
    try (FakeNvr fake = FakeNvr.hikvision().start()) {
      List<SadpDevice> found =
          HikvisionDiscovery.probe(fake.discoveryAddress().orElseThrow(), Duration.ofSeconds(2));
      assertEquals(1, found.size(), found.toString());
      assertEquals(fake.identity().serial(), found.get(0).serial());
      assertEquals(fake.port(), found.get(0).httpPort());
      assertTrue(found.get(0).startTime() != null, "the start time support asks for");
    }
  }

  @Test
  void multicastProbeFindsTheFakeOnLoopback() {
    try (FakeNvr fake = FakeNvr.hikvision().start()) {
      skipWithoutMulticast(fake);
      List<SadpDevice> found = HikvisionDiscovery.probe(Duration.ofMillis(1500));
      // fakes of other tests on this machine may answer too: this one is known by its HTTP port
      Optional<SadpDevice> mine =
          found.stream()
              .filter(d -> d.httpPort() == fake.port() && "127.0.0.1".equals(d.address()))
              .findFirst();
      assertTrue(mine.isPresent(), "the fake did not answer the multicast probe: " + found);
      assertEquals(fake.identity().serial(), mine.get().serial());
    }
  }

  /** Skips, with a visible warning, where the host does not allow multicast on loopback. */
  static void skipWithoutMulticast(FakeNvr fake) {
    if (!fake.discoveryMulticast()) {
      System.err.println(
          "WARNING: multicast on loopback is not available on this host; SADP multicast test"
              + " SKIPPED");
    }
    Assumptions.assumeTrue(fake.discoveryMulticast(), "no multicast on loopback");
  }
}
