package io.nvrkit.testkit.internal.hikvision;

import io.nvrkit.testkit.FakeIdentity;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
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
 * <p>Real devices listen on 239.255.255.250:37020; this responder does not join the group (tests
 * send a unicast probe to {@link #address()}), so fakes never disturb a real LAN.
 *
 * <p>Thread-safe: one daemon thread per responder; {@link #close()} stops it.
 */
final class Sadp implements AutoCloseable {
  /** The SADP multicast port of real devices. */
  static final int PORT = 37020;

  private static final Logger LOG = LoggerFactory.getLogger(Sadp.class);
  private static final int MAX_DATAGRAM = 8 * 1024;
  private static final DateTimeFormatter BUILD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);

  private final DatagramSocket socket;
  private final Function<String, String> matchFor;
  private final Thread thread;

  /**
   * Opens the socket and starts answering.
   *
   * @param bind the address to bind (the fake's)
   * @param matchFor the ProbeMatch document for a probe's Uuid (already escaped by the caller)
   * @throws SocketException if the socket cannot be bound
   */
  Sadp(InetAddress bind, Function<String, String> matchFor) throws SocketException {
    this.socket = new DatagramSocket(new InetSocketAddress(bind, 0));
    this.matchFor = matchFor;
    this.thread = new Thread(this::serve, "fake-hikvision-sadp-" + socket.getLocalPort());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void serve() {
    byte[] buf = new byte[MAX_DATAGRAM + 1];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      if (p.getLength() > MAX_DATAGRAM) {
        continue;
      }
      byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
      String uuid = probeUuid(data);
      if (uuid == null) {
        continue;
      }
      byte[] reply = matchFor.apply(uuid).getBytes(StandardCharsets.UTF_8);
      try {
        socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
      } catch (IOException e) {
        LOG.debug("SADP reply failed: {}", e.getClass().getSimpleName());
      }
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
    socket.close();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
