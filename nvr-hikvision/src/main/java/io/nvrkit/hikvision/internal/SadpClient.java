package io.nvrkit.hikvision.internal;

import io.nvrkit.hikvision.internal.SadpCodec.ProbeMatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends SADP probes and collects {@code ProbeMatch} answers for a bounded time. The probe is sent
 * three times during the first third of the wait (UDP drops packets); answers are de-duplicated by
 * serial number and must echo the probe's UUID when they carry one. A multicast probe goes out on
 * every up IPv4 interface that can carry it, the loopback interface included (a device emulator or
 * the testkit's fake on this machine; Linux does not flag {@code lo} as multicast-capable but
 * delivers group traffic on it), so a second NIC on a camera VLAN is probed too, not only the
 * default route's. Each run uses its own socket; thread-safe.
 */
public final class SadpClient {
  private final InetSocketAddress target;

  /**
   * A client probing {@code target} (the multicast group or one device).
   *
   * @param target where to send the probe
   */
  public SadpClient(InetSocketAddress target) {
    this.target = target;
  }

  /**
   * Probes and waits.
   *
   * @param timeout how long to collect answers
   * @return the matches, in the order they first answered
   * @throws UncheckedIOException if no socket can be opened or nothing can be sent
   */
  public List<ProbeMatch> run(Duration timeout) {
    String id = SadpCodec.newProbeId();
    byte[] probe = SadpCodec.probe(id);
    Map<String, ProbeMatch> found = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    long resendEvery = Math.max(1, timeout.toNanos() / 9);
    boolean group = target.getAddress() != null && target.getAddress().isMulticastAddress();
    try (DatagramSocket s = group ? new MulticastSocket(0) : new DatagramSocket()) {
      byte[] buf = new byte[SadpCodec.MAX_DATAGRAM + 1];
      int sent = 0;
      int drained = 0;
      long nextSend = System.nanoTime();
      while (true) {
        long now = System.nanoTime();
        if (sent < 3 && now >= nextSend) {
          send(s, new DatagramPacket(probe, probe.length, target));
          sent++;
          nextSend = now + resendEvery;
        }
        long left = deadline - now;
        if (left <= 0) {
          // answers already queued count; read them without waiting further
          if (++drained > 256) {
            break;
          }
          s.setSoTimeout(1);
        } else {
          long wait = sent < 3 ? Math.min(left, Math.max(0, nextSend - now)) : left;
          s.setSoTimeout((int) Math.max(1, wait / 1_000_000));
        }
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          s.receive(p);
        } catch (SocketTimeoutException e) {
          if (left <= 0) {
            break;
          }
          continue;
        }
        if (p.getLength() > SadpCodec.MAX_DATAGRAM) {
          continue;
        }
        byte[] data = new byte[p.getLength()];
        System.arraycopy(p.getData(), p.getOffset(), data, 0, p.getLength());
        ProbeMatch m = SadpCodec.parse(data);
        if (m == null || (m.uuid() != null && !m.uuid().equalsIgnoreCase(id))) {
          continue;
        }
        if (m.ipv4() == null) {
          m = withSender(m, p.getAddress().getHostAddress());
        }
        found.putIfAbsent(m.serial(), m);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("SADP probe failed: " + e.getClass().getSimpleName(), e);
    }
    return new ArrayList<>(found.values());
  }

  /** Sends one probe: by unicast, or on every interface that can carry a multicast one. */
  private static void send(DatagramSocket s, DatagramPacket probe) throws IOException {
    if (!(s instanceof MulticastSocket m)) {
      s.send(probe);
      return;
    }
    m.setTimeToLive(1); // SADP is link-local: the probe never leaves the attached networks
    int sentOn = 0;
    for (NetworkInterface ni : multicastInterfaces()) {
      try {
        m.setNetworkInterface(ni);
        m.send(probe);
        sentOn++;
      } catch (IOException e) {
        // this interface cannot carry it; the others still get the probe
      }
    }
    if (sentOn == 0) {
      m.send(probe); // the default route's interface
    }
  }

  private static List<NetworkInterface> multicastInterfaces() {
    List<NetworkInterface> out = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (ni.isUp()
            && !ni.isPointToPoint() // VPN and tunnel links: no recorder answers SADP there
            && (ni.supportsMulticast() || ni.isLoopback())
            && ni.inetAddresses().anyMatch(a -> a instanceof Inet4Address)) {
          out.add(ni);
        }
      }
    } catch (SocketException e) {
      // fall back to the default interface
    }
    return out;
  }

  private static ProbeMatch withSender(ProbeMatch m, String ip) {
    return new ProbeMatch(
        m.uuid(),
        m.model(),
        m.serial(),
        m.mac(),
        ip,
        m.httpPort(),
        m.firmware(),
        m.firmwareBuild(),
        m.bootTime(),
        m.activated(),
        m.passwordResetAbility(),
        m.passwordResetMode());
  }
}
