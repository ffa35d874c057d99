package io.nvrkit.testkit.internal.hikvision;

import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.internal.engine.LoopbackMulticast;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SADP responder for one fake Hikvision device: a UDP socket on the fake's (loopback) address,
 * ephemeral port, that answers an XML {@code <Probe>} whose {@code Types} is {@code inquiry} with a
 * unicast {@code <ProbeMatch>} to the sender, echoing the probe's {@code Uuid}. Anything else
 * (malformed XML, a DTD, another type, more than 8 KiB) gets silence, as a device gives.
 *
 * <p>Real devices listen on 239.255.255.250:37020. With {@code multicast} the responder also binds
 * that group and port (SO_REUSEADDR, so many fakes share it) and joins the group <b>on the loopback
 * interface only</b>, where the host allows it: a probe multicast on loopback (as {@code nvrctl
 * discover} sends one) reaches every fake on the machine, and nothing from a real LAN does. The
 * answer still goes by unicast from the fake's own address, as the research note describes. If the
 * host refuses the join, multicast is reported unavailable ({@link #multicastJoined()}) and unicast
 * still works.
 *
 * <p>Thread-safe: one daemon thread per responder serves both sockets; {@link #close()} stops it.
 */
final class Sadp implements AutoCloseable {
  /** The SADP multicast port of real devices. */
  static final int PORT = 37020;

  /** The SADP multicast group and port. */
  static final InetSocketAddress GROUP = new InetSocketAddress("239.255.255.250", PORT);

  private static final Logger LOG = LoggerFactory.getLogger(Sadp.class);
  private static final int MAX_DATAGRAM = 8 * 1024;
  private static final DateTimeFormatter BUILD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);

  private final DatagramChannel unicast;
  private final DatagramChannel multicast;
  private final Selector selector;
  private final Function<String, String> matchFor;
  private final Thread thread;

  /**
   * Opens the socket(s) and starts answering.
   *
   * @param bind the address to bind (the fake's)
   * @param joinMulticast whether to also listen on 239.255.255.250:37020 on the loopback interface
   * @param matchFor the ProbeMatch document for a probe's Uuid (already escaped by the caller)
   * @throws IOException if the unicast socket cannot be bound
   */
  Sadp(InetAddress bind, boolean joinMulticast, Function<String, String> matchFor)
      throws IOException {
    this.matchFor = matchFor;
    this.selector = Selector.open();
    DatagramChannel u = null;
    try {
      u = DatagramChannel.open(StandardProtocolFamily.INET);
      u.bind(new InetSocketAddress(bind, 0));
      u.configureBlocking(false);
      u.register(selector, SelectionKey.OP_READ);
    } catch (IOException | RuntimeException e) {
      if (u != null) {
        u.close();
      }
      selector.close();
      throw e;
    }
    this.unicast = u;
    this.multicast = joinMulticast ? joinGroup() : null;
    int port = ((InetSocketAddress) unicast.getLocalAddress()).getPort();
    this.thread = new Thread(this::serve, "fake-hikvision-sadp-" + port);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** The group socket joined on loopback, or null where the host does not allow it. */
  private DatagramChannel joinGroup() {
    try {
      DatagramChannel m = LoopbackMulticast.join(GROUP);
      try {
        m.register(selector, SelectionKey.OP_READ);
      } catch (IOException | RuntimeException e) {
        m.close();
        throw e;
      }
      return m;
    } catch (IOException | RuntimeException e) {
      LOG.info("SADP multicast on loopback is not available here: {}", e.toString());
      return null;
    }
  }

  InetSocketAddress address() {
    try {
      return (InetSocketAddress) unicast.getLocalAddress();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Whether the responder also listens on 239.255.255.250:37020 (loopback interface).
   *
   * @return true if the group was joined
   */
  boolean multicastJoined() {
    return multicast != null;
  }

  private void serve() {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM + 1);
    while (selector.isOpen()) {
      try {
        selector.select();
        if (!selector.isOpen()) {
          return;
        }
        for (SelectionKey k : selector.selectedKeys()) {
          DatagramChannel ch = (DatagramChannel) k.channel();
          SocketAddress from;
          while ((from = receive(ch, buf)) != null) {
            answer(buf, from);
          }
        }
        selector.selectedKeys().clear();
      } catch (IOException | java.nio.channels.ClosedSelectorException e) {
        return;
      }
    }
  }

  private static SocketAddress receive(DatagramChannel ch, ByteBuffer buf) throws IOException {
    buf.clear();
    SocketAddress from = ch.receive(buf);
    buf.flip();
    return from;
  }

  private void answer(ByteBuffer datagram, SocketAddress from) {
    if (datagram.remaining() > MAX_DATAGRAM) {
      return;
    }
    byte[] data = new byte[datagram.remaining()];
    datagram.get(data);
    String uuid = probeUuid(data);
    if (uuid == null) {
      return;
    }
    byte[] reply = matchFor.apply(uuid).getBytes(StandardCharsets.UTF_8);
    try {
      // from the fake's own address, whichever socket the probe came in on
      unicast.send(ByteBuffer.wrap(reply), from);
    } catch (IOException e) {
      LOG.debug("SADP reply failed: {}", e.getClass().getSimpleName());
    }
  }

  /** The Uuid of an inquiry probe, or null if the datagram is not one. */
  static String probeUuid(byte[] data) {
    IsapiXml.Doc d;
    try {
      d = IsapiXml.parse(data);
    } catch (IsapiXml.Malformed e) {
      return null;
    }
    if (!d.rootName().equals("Probe")) {
      return null;
    }
    String types = d.text("Types").orElse("");
    if (!types.toLowerCase(Locale.ROOT).equals("inquiry")) {
      return null;
    }
    String uuid = d.text("Uuid").orElse("");
    return uuid.length() > 128 ? uuid.substring(0, 128) : uuid;
  }

  /**
   * The ProbeMatch of a device, fields in the order of a captured DS-2CD2385G1-I answer (dashed
   * MAC, {@code SoftwareVersion} without a space before {@code build}, the firmware's {@code flase}
   * typo, {@code BootTime} device-local without zone).
   */
  static String match(
      String uuid,
      FakeIdentity id,
      boolean nvr,
      boolean activated,
      String host,
      int httpPort,
      String bootTime) {
    String build = BUILD.format(id.firmwareBuild());
    return new IsapiXml("ProbeMatch", null, null)
        .el("Uuid", uuid)
        .el("Types", "inquiry")
        .el("DeviceType", nvr ? "207619" : "141945")
        .el("DeviceDescription", id.model())
        .el("DeviceSN", id.serial())
        .el("CommandPort", 8000)
        .el("HttpPort", httpPort)
        .el("MAC", id.mac().toLowerCase(Locale.ROOT).replace(':', '-'))
        .el("IPv4Address", host)
        .el("IPv4SubnetMask", "255.0.0.0")
        .el("IPv4Gateway", "0.0.0.0")
        .el("IPv6Address", "::")
        .el("IPv6Gateway", "::")
        .el("IPv6MaskLen", 64)
        .el("DHCP", "false")
        .el("AnalogChannelNum", 0)
        .el("DigitalChannelNum", nvr ? 8 : 1)
        .el("SoftwareVersion", id.firmware() + "build " + build)
        .el("DSPVersion", (nvr ? "V5.0" : "V7.3") + " build " + build)
        .el("BootTime", bootTime)
        .el("Encrypt", "true")
        .el("ResetAbility", "false")
        .el("DiskNumber", nvr ? 1 : 0)
        .el("Activated", activated)
        .el("PasswordResetAbility", "true")
        .el("PasswordResetModeSecond", "true")
        .el("DetailOEMCode", 1)
        .el("SupportSecurityQuestion", "true")
        .el("SupportHCPlatform", "true")
        .el("HCPlatformEnable", "flase")
        .el("IsModifyVerificationCode", "false")
        .el("Salt", HikDigest.md5(id.serial()) + HikDigest.md5(id.deviceId()))
        .el("DeviceLock", "flase")
        .el("SDKOverTLSPort", 8443)
        .el("SDKServerStatus", "true")
        .el("SDKOverTLSServerStatus", "true")
        .el("SupportMailBox", "true")
        .end();
  }

  @Override
  public void close() {
    for (java.io.Closeable c : new java.io.Closeable[] {selector, unicast, multicast}) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          LOG.debug("closing a SADP socket: {}", e.getClass().getSimpleName());
        }
      }
    }
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
