package io.nvrkit.hikvision;

import io.nvrkit.hikvision.internal.SadpClient;
import io.nvrkit.hikvision.internal.SadpCodec.ProbeMatch;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Finds Hikvision devices on the local network with SADP (multicast {@code 239.255.255.250:37020}),
 * as Hikvision's SADP tool does, and reads what they tell without a login: model, full serial, MAC,
 * firmware, activation state and the device's start time.
 *
 * <pre>{@code
 * for (SadpDevice d : HikvisionDiscovery.probe(Duration.ofSeconds(2))) {
 *   System.out.println(d.model() + " " + d.serial() + " started " + d.startTime());
 * }
 * }</pre>
 *
 * <p>The {@code Probe} is sent three times during the first third of the wait (UDP drops packets);
 * answers are collected until the timeout, de-duplicated by serial, and must echo the probe's UUID
 * when they carry one. Malformed or foreign datagrams are ignored; the firmware's {@code flase} is
 * read as false. Thread-safe: each call uses its own socket.
 */
public final class HikvisionDiscovery {
  /** The SADP IPv4 multicast group and port. */
  public static final InetSocketAddress MULTICAST = new InetSocketAddress("239.255.255.250", 37020);

  private HikvisionDiscovery() {}

  /**
   * Probes the local network by multicast and waits {@code timeout} for answers.
   *
   * @param timeout how long to collect answers (1 to 3 s is typical)
   * @return the devices found, in the order they first answered; empty if none
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws java.io.UncheckedIOException if no UDP socket can be opened or the probe cannot be sent
   */
  public static List<SadpDevice> probe(Duration timeout) {
    return probe(MULTICAST, timeout);
  }

  /**
   * Probes one address (the multicast group, or one device or test responder by unicast) and waits
   * {@code timeout} for answers.
   *
   * @param target where to send the probe
   * @param timeout how long to collect answers
   * @return the devices found, in the order they first answered; empty if none
   * @throws IllegalArgumentException if the timeout is not positive
   * @throws java.io.UncheckedIOException if no UDP socket can be opened or the probe cannot be sent
   */
  public static List<SadpDevice> probe(InetSocketAddress target, Duration timeout) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    return new SadpClient(target).run(timeout).stream().map(HikvisionDiscovery::device).toList();
  }

  static SadpDevice device(ProbeMatch m) {
    return new SadpDevice(
        m.ipv4(),
        m.httpPort(),
        m.model(),
        m.serial(),
        m.mac(),
        m.firmware(),
        m.firmwareBuild(),
        m.bootTime(),
        m.activated(),
        m.passwordResetAbility());
  }
}
