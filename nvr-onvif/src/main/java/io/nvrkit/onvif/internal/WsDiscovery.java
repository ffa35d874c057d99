package io.nvrkit.onvif.internal;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.onvif.DiscoveredDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WS-Discovery 2005/04 client over SOAP-over-UDP (onvif.md §3): Probe messages for {@code
 * dn:NetworkVideoTransmitter} and for {@code tds:Device} (NVRs often advertise only the latter),
 * sent in {@link #ROUNDS} rounds spread over the first third of the wait (UDP loses packets);
 * ProbeMatches whose RelatesTo names one of our probes (or that carry none) are collected,
 * de-duplicated by endpoint reference with their XAddrs merged; anything else — foreign answers,
 * malformed or hostile datagrams — is ignored. Not thread-safe; one instance per probe.
 */
public final class WsDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(WsDiscovery.class);

  /** Probe rounds. */
  public static final int ROUNDS = 3;

  private static final int MAX_DATAGRAM = 65_535;

  private final InetSocketAddress target;
  private final Set<String> messageIds = new HashSet<>();
  private final Map<String, Found> found = new LinkedHashMap<>();

  private static final class Found {
    final String epr;
    final List<String> xaddrs = new ArrayList<>();
    final List<String> types = new ArrayList<>();
    final List<String> scopes = new ArrayList<>();
    final Set<String> sources = new HashSet<>();

    Found(String epr) {
      this.epr = epr;
    }
  }

  /**
   * A discovery run.
   *
   * @param target the multicast group (239.255.255.250:3702) or a unicast address (tests)
   */
  public WsDiscovery(InetSocketAddress target) {
    this.target = target;
  }

  /**
   * The Probe message.
   *
   * @param messageId {@code uuid:...}
   * @param types the Types value, e.g. {@code dn:NetworkVideoTransmitter}
   * @return the UTF-8 bytes
   */
  public static byte[] probeMessage(String messageId, String types) {
    SoapWriter w = SoapWriter.envelope("wsa", "d", "dn", "tds");
    w.start("env:Header");
    w.element("wsa:MessageID", messageId);
    w.element("wsa:To", "urn:schemas-xmlsoap-org:ws:2005:04:discovery");
    w.element("wsa:Action", "http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe");
    w.end();
    w.start("env:Body").start("d:Probe").element("d:Types", types).end().end();
    return w.toUtf8();
  }

  /**
   * Probes and waits {@code timeout} for answers.
   *
   * @param timeout how long to collect answers
   * @return the devices, in the order they first answered
   */
  public List<DiscoveredDevice> run(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long spacing = Math.max(1, timeout.toNanos() / (3L * ROUNDS));
    try (DatagramSocket socket = open()) {
      byte[] buf = new byte[MAX_DATAGRAM];
      long nextSend = System.nanoTime();
      int sent = 0;
      while (true) {
        long now = System.nanoTime();
        if (sent < ROUNDS && now >= nextSend) {
          sendRound(socket);
          sent++;
          nextSend = now + spacing;
        }
        long until = sent < ROUNDS ? Math.min(nextSend, deadline) : deadline;
        long waitMs = Math.max(1, (until - System.nanoTime()) / 1_000_000);
        if (System.nanoTime() >= deadline) {
          break;
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, waitMs));
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
          socket.receive(p);
        } catch (SocketTimeoutException e) {
          continue;
        }
        accept(
            Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength()),
            p.getAddress());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("WS-Discovery probe failed", e);
    }
    List<DiscoveredDevice> out = new ArrayList<>();
    for (Found f : found.values()) {
      toDevice(f).ifPresent(out::add);
    }
    return out;
  }

  private DatagramSocket open() throws IOException {
    if (target.getAddress() != null && target.getAddress().isMulticastAddress()) {
      MulticastSocket m = new MulticastSocket(0);
      m.setTimeToLive(4);
      return m;
    }
    return new DatagramSocket(0);
  }

  private void sendRound(DatagramSocket socket) throws IOException {
    List<byte[]> messages = new ArrayList<>();
    for (String types : List.of("dn:NetworkVideoTransmitter", "tds:Device")) {
      String id = "uuid:" + UUID.randomUUID();
      messageIds.add(id);
      messages.add(probeMessage(id, types));
    }
    if (!(socket instanceof MulticastSocket)) {
      for (byte[] msg : messages) {
        socket.send(new DatagramPacket(msg, msg.length, target));
      }
      return;
    }
    // a multicast probe goes out on every interface that can carry it (a host with a camera VLAN
    // on a second NIC), not only the default route's
    MulticastSocket m = (MulticastSocket) socket;
    int sentOn = 0;
    for (NetworkInterface ni : multicastInterfaces()) {
      try {
        m.setNetworkInterface(ni);
        for (byte[] msg : messages) {
          m.send(new DatagramPacket(msg, msg.length, target));
        }
        sentOn++;
      } catch (IOException e) {
        LOG.debug("cannot probe on interface {}", ni.getName());
      }
    }
    if (sentOn == 0) {
      for (byte[] msg : messages) {
        socket.send(new DatagramPacket(msg, msg.length, target));
      }
    }
  }

  private static List<NetworkInterface> multicastInterfaces() {
    List<NetworkInterface> out = new ArrayList<>();
    try {
      for (NetworkInterface ni :
          java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (ni.isUp()
            && ni.supportsMulticast()
            && ni.inetAddresses().anyMatch(a -> a instanceof java.net.Inet4Address)) {
          out.add(ni);
        }
      }
    } catch (java.net.SocketException e) {
      // fall back to the default interface
    }
    return out;
  }

  /**
   * Takes one datagram; ignores it silently if it is not a ProbeMatches answering our probes.
   *
   * @param datagram the bytes
   * @param source the sender
   */
  public void accept(byte[] datagram, InetAddress source) {
    XmlElement root;
    try {
      root = SafeXml.parse(datagram);
    } catch (SafeXml.RejectedXmlException e) {
      LOG.debug("ignoring a malformed discovery datagram from {}", source);
      return;
    }
    if (!root.is(Ns.ENV, "Envelope")) {
      return;
    }
    Optional<XmlElement> header = root.child(Ns.ENV, "Header");
    Optional<String> relatesTo =
        header.flatMap(h -> h.child(Ns.WSA, "RelatesTo")).map(XmlElement::text);
    if (relatesTo.isPresent() && !messageIds.contains(relatesTo.get())) {
      return;
    }
    Optional<XmlElement> matches =
        root.child(Ns.ENV, "Body").flatMap(b -> b.child(Ns.DISCOVERY, "ProbeMatches"));
    if (matches.isEmpty()) {
      return;
    }
    for (XmlElement m : matches.get().all(Ns.DISCOVERY, "ProbeMatch")) {
      String epr =
          m.child(Ns.WSA, "EndpointReference")
              .flatMap(e -> e.child(Ns.WSA, "Address"))
              .map(XmlElement::text)
              .orElse("");
      if (epr.isEmpty() || epr.length() > 512) {
        continue;
      }
      Found f = found.computeIfAbsent(epr, Found::new);
      addAll(f.xaddrs, m.childText(Ns.DISCOVERY, "XAddrs").orElse(""));
      addAll(f.types, m.childText(Ns.DISCOVERY, "Types").orElse(""));
      addAll(f.scopes, m.childText(Ns.DISCOVERY, "Scopes").orElse(""));
      if (source != null) {
        f.sources.add(source.getHostAddress());
      }
    }
  }

  private static void addAll(List<String> into, String spaceSeparated) {
    for (String s : spaceSeparated.trim().split("\\s+")) {
      if (!s.isEmpty() && !into.contains(s) && into.size() < 64) {
        into.add(s);
      }
    }
  }

  /**
   * The devices collected so far.
   *
   * @return the devices
   */
  public List<DiscoveredDevice> devices() {
    List<DiscoveredDevice> out = new ArrayList<>();
    for (Found f : found.values()) {
      toDevice(f).ifPresent(out::add);
    }
    return out;
  }

  /**
   * Whether {@link DeviceEndpoint} accepts an advertised address (no query, fragment, user info
   * ...), so that {@link DiscoveredDevice#endpoint()} works for every address we report.
   */
  private static boolean usableEndpoint(String xaddr) {
    try {
      DeviceEndpoint.of(xaddr);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Optional<DiscoveredDevice> toDevice(Found f) {
    List<URI> uris = new ArrayList<>();
    for (String x : f.xaddrs) {
      try {
        URI u = new URI(x);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("http") || scheme.equals("https"))
            && u.getHost() != null
            && usableEndpoint(x)) {
          uris.add(u);
        }
      } catch (URISyntaxException e) {
        // not an address: skip
      }
    }
    if (uris.isEmpty()) {
      return Optional.empty();
    }
    URI chosen = uris.get(0);
    for (URI u : uris) {
      String host =
          u.getHost().startsWith("[")
              ? u.getHost().substring(1, u.getHost().length() - 1)
              : u.getHost();
      if (f.sources.contains(host)) {
        chosen = u;
        break;
      }
    }
    Scopes s = Scopes.decode(f.scopes);
    return Optional.of(
        new DiscoveredDevice(
            f.epr, chosen, uris, f.types, f.scopes, s.hardware(), s.name(), s.mac(), s.serial()));
  }
}
