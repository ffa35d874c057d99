package io.nvrkit.onvif;

import io.nvrkit.onvif.internal.WsDiscovery;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Finds ONVIF devices on the local network with WS-Discovery (SOAP-over-UDP, multicast {@code
 * 239.255.255.250:3702}).
 *
 * <pre>{@code
 * for (DiscoveredDevice d : OnvifDiscovery.probe(Duration.ofSeconds(3))) {
 *   System.out.println(d.hardware().orElse("?") + " " + d.xaddr());
 * }
 * }</pre>
 *
 * <p>The Probe (for {@code dn:NetworkVideoTransmitter} and for {@code tds:Device}) is sent three
 * times during the first third of the wait, because UDP drops packets; answers are collected until
 * the timeout, de-duplicated by endpoint reference (a device on two interfaces answers twice), and
 * for each device the advertised address whose host sent the answer is chosen. Malformed or foreign
 * datagrams are ignored. Answers are unauthenticated: use them to find devices, then connect.
 *
 * <p>Thread-safe: each call uses its own socket.
 */
public final class OnvifDiscovery {
  /** The WS-Discovery IPv4 multicast group and port. */
  public static final InetSocketAddress MULTICAST = new InetSocketAddress("239.255.255.250", 3702);

  private OnvifDiscovery() {}

  /**
   * Probes the local network by multicast and waits {@code timeout} for answers.
   *
   * @param timeout how long to collect answers (1 to 3 s is typical; devices answer within 0.5 s)
   * @return the devices found, in the order they first answered; empty if none
   * @throws java.io.UncheckedIOException if no UDP socket can be opened or the probe cannot be sent
   */
  public static List<DiscoveredDevice> probe(Duration timeout) {
    return probe(MULTICAST, timeout);
  }

  /**
   * Probes one address (the multicast group, or a single device or test responder by unicast) and
   * waits {@code timeout} for answers.
   *
   * @param target where to send the Probe
   * @param timeout how long to collect answers
   * @return the devices found, in the order they first answered; empty if none
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws java.io.UncheckedIOException if no UDP socket can be opened or the probe cannot be sent
   */
  public static List<DiscoveredDevice> probe(InetSocketAddress target, Duration timeout) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    return new WsDiscovery(target).run(timeout);
  }
}
