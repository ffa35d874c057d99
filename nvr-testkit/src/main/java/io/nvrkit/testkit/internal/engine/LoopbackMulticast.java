package io.nvrkit.testkit.internal.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * Opens a discovery responder's multicast socket the way every fake does: bound to the group's port
 * with SO_REUSEADDR (so many fakes share it), the group joined on the <b>loopback interface
 * only</b>, so probes sent on loopback reach the fakes and nothing from a real LAN does. Stateless.
 */
public final class LoopbackMulticast {
  private LoopbackMulticast() {}

  /**
   * A non-blocking channel listening on {@code group}, joined on loopback.
   *
   * @param group the group address and port, e.g. 239.255.255.250:3702
   * @return the channel; the caller closes it
   * @throws IOException if the host does not allow it (no loopback interface, join refused)
   */
  public static DatagramChannel join(InetSocketAddress group) throws IOException {
    NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
    if (lo == null) {
      throw new IOException("no loopback interface");
    }
    DatagramChannel m = open();
    try {
      try {
        // Linux/macOS: bound to the group address, the socket sees only group traffic, never a
        // unicast datagram from the network to the group's port
        m.bind(group);
      } catch (IOException e) {
        m.close();
        m = open();
        m.bind(new InetSocketAddress(group.getPort()));
      }
      m.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
      m.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      m.join(group.getAddress(), lo);
      m.configureBlocking(false);
      return m;
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private static DatagramChannel open() throws IOException {
    DatagramChannel c = DatagramChannel.open(StandardProtocolFamily.INET);
    c.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    return c;
  }
}
