package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.onvif.DiscoveredDevice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes WS-Discovery: a datagram from the network is taken by {@link WsDiscovery#accept} (which
 * silently ignores what is not a ProbeMatches) and turned into {@link DiscoveredDevice}s. Contract:
 * never throws, in bounded time; every device found has an http(s) address that {@link
 * DiscoveredDevice#endpoint()} accepts. Datagrams longer than a UDP payload (65,507 bytes) cannot
 * arrive and are skipped. Seeds: {@code WsDiscoveryFuzzTestInputs/}.
 */
class WsDiscoveryFuzzTest {
  private static final InetAddress SOURCE = InetAddress.getLoopbackAddress();

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void datagram(byte[] datagram) {
    if (datagram.length > 65_507) {
      return;
    }
    WsDiscovery d = new WsDiscovery(new InetSocketAddress(SOURCE, 3702));
    d.accept(datagram, SOURCE);
    for (DiscoveredDevice dev : d.devices()) {
      assertNotNull(dev.endpointReference());
      assertNotNull(dev.endpoint());
      String scheme = dev.xaddr().getScheme().toLowerCase(java.util.Locale.ROOT);
      assertTrue(scheme.equals("http") || scheme.equals("https"), "scheme " + scheme);
    }
  }
}
