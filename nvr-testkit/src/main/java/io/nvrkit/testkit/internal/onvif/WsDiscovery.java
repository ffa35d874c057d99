package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.internal.onvif.SoapWriter.esc;

import io.nvrkit.testkit.internal.engine.Acceptor;
import io.nvrkit.testkit.internal.engine.LoopbackMulticast;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.namespace.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WS-Discovery (2005/04) Target Service for one fake ONVIF device, on loopback only.
 *
 * <p>It answers a Probe whose Types are all among {@code dn:NetworkVideoTransmitter tds:Device} (or
 * empty) and whose Scopes all match the device's scopes (rule {@code rfc3986}, the default, by path
 * segments; or {@code strcmp0}) with a <b>unicast</b> ProbeMatches to the sender's address and
 * port, after a random delay up to {@code maxDelay} (APP_MAX_DELAY is 500 ms), with {@code
 * RelatesTo} = the probe's MessageID, a stable {@code urn:uuid} EPR, XAddrs = the device service
 * URL and an AppSequence. It also answers Resolve for its EPR. Malformed datagrams, other devices'
 * Resolve and non-matching Probes get silence; a Probe with an unsupported MatchBy sent to the
 * unicast port gets a {@code d:MatchingRuleNotSupported} fault (multicast: silence).
 *
 * <p>Sockets: always a unicast UDP port on the fake's loopback address (ephemeral, exposed so tests
 * and clients can probe it directly). In multicast mode it also binds 0.0.0.0:3702 with
 * SO_REUSEADDR (so many fakes can share it) and joins 239.255.255.250 on the loopback interface,
 * where the host allows it; if joining fails, multicast is reported as unavailable and unicast
 * still works. The responders of one fake or fleet share its network loop ({@link Acceptor}).
 *
 * <p>Thread-safe.
 */
public final class WsDiscovery implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WsDiscovery.class);

  /** The WS-Discovery multicast group and port. */
  public static final InetSocketAddress GROUP =
      new InetSocketAddress(address("239.255.255.250"), 3702);

  private static final String PROBE = Ns.WSD + "/Probe";
  private static final String RESOLVE = Ns.WSD + "/Resolve";
  private static final String RFC3986 = Ns.WSD + "/rfc3986";
  private static final String STRCMP0 = Ns.WSD + "/strcmp0";
  private static final Set<QName> TYPES =
      Set.of(new QName(Ns.DN, "NetworkVideoTransmitter"), new QName(Ns.TDS, "Device"));
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the device announces. */
  public interface Target {
    /** The EPR address ({@code urn:uuid:…}). */
    String endpointReference();

    /** Scope URIs. */
    List<String> scopes();

    /** The device service URLs, space-separated. */
    String xaddrs();
  }

  private final Target target;
  private final Duration maxDelay;
  private final Acceptor io;
  private final long instanceId = System.currentTimeMillis() / 1000;
  private final AtomicLong messageNumber = new AtomicLong();
  private DatagramChannel unicast;
  private DatagramChannel multicast;
  private volatile boolean closed;

  /**
   * A responder (not yet listening).
   *
   * @param target what to announce
   * @param maxDelay largest random reply delay
   * @param io the network loop that reads its sockets and delays its replies (the caller's)
   */
  public WsDiscovery(Target target, Duration maxDelay, Acceptor io) {
    this.target = target;
    this.maxDelay = maxDelay;
    this.io = io;
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts listening.
   *
   * @param bind the fake's (loopback) address
   * @param joinMulticast whether to also listen on 239.255.255.250:3702 on the loopback interface
   * @throws IOException if the unicast port cannot be bound
   */
  public synchronized void start(InetAddress bind, boolean joinMulticast) throws IOException {
    unicast = DatagramChannel.open(StandardProtocolFamily.INET);
    unicast.bind(new InetSocketAddress(bind, 0));
    unicast.configureBlocking(false);
    io.registerDatagram(unicast, (data, from) -> onDatagram(data, from, false));
    if (joinMulticast) {
      DatagramChannel m = null;
      try {
        m = LoopbackMulticast.join(GROUP);
        io.registerDatagram(m, (data, from) -> onDatagram(data, from, true));
        multicast = m;
      } catch (IOException | RuntimeException e) {
        LOG.info("WS-Discovery multicast on loopback is not available here: {}", e.toString());
        if (m != null) {
          m.close();
        }
      }
    }
  }

  /**
   * The unicast address probes can be sent to.
   *
   * @return the address, empty if not started
   */
  public synchronized Optional<InetSocketAddress> unicastAddress() {
    try {
      return unicast == null
          ? Optional.empty()
          : Optional.of((InetSocketAddress) unicast.getLocalAddress());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether the multicast group was joined.
   *
   * @return true if listening on 239.255.255.250:3702
   */
  public synchronized boolean multicastJoined() {
    return multicast != null;
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (DatagramChannel c : new DatagramChannel[] {unicast, multicast}) {
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          LOG.debug("closing a discovery socket", e);
        }
      }
    }
  }

  // ------------------------------------------------------------------ protocol

  /** Handles one datagram; never throws. */
  void onDatagram(byte[] data, SocketAddress from, boolean viaMulticast) {
    String reply;
    try {
      reply = answer(SoapReader.parse(data), !viaMulticast);
    } catch (RuntimeException e) {
      LOG.trace("dropped a malformed discovery datagram", e);
      return;
    }
    if (reply == null) {
      return;
    }
    byte[] out = reply.getBytes(StandardCharsets.UTF_8);
    long delay = maxDelay.isZero() ? 0 : (long) (RANDOM.nextDouble() * maxDelay.toMillis());
    io.schedule(() -> send(out, from), delay);
  }

  private void send(byte[] out, SocketAddress to) {
    if (closed) {
      return;
    }
    try {
      unicast.send(ByteBuffer.wrap(out), to);
    } catch (IOException e) {
      LOG.debug("cannot send a discovery reply", e);
    }
  }

  /** The reply to a message, or null for silence. */
  String answer(XmlNode env, boolean unicastRequest) {
    if (!env.is(Ns.SOAP12, "Envelope")) {
      return null;
    }
    XmlNode header = env.child(Ns.SOAP12, "Header").orElse(null);
    XmlNode body = env.child(Ns.SOAP12, "Body").flatMap(XmlNode::firstChild).orElse(null);
    if (header == null || body == null) {
      return null;
    }
    String messageId = header.child(Ns.WSA_2004, "MessageID").map(n -> n.text().strip()).orElse("");
    String action = header.child(Ns.WSA_2004, "Action").map(n -> n.text().strip()).orElse("");
    if (messageId.isEmpty()) {
      return null;
    }
    if (body.is(Ns.WSD, "Probe") && (action.isEmpty() || action.equals(PROBE))) {
      return probe(body, messageId, unicastRequest);
    }
    if (body.is(Ns.WSD, "Resolve") && (action.isEmpty() || action.equals(RESOLVE))) {
      String epr =
          body.child(Ns.WSA_2004, "EndpointReference")
              .flatMap(e -> e.child(Ns.WSA_2004, "Address"))
              .map(n -> n.text().strip())
              .orElse("");
      if (!epr.equals(target.endpointReference())) {
        return null;
      }
      return envelope(
          messageId,
          "ResolveMatches",
          "<d:ResolveMatches><d:ResolveMatch>" + match() + "</d:ResolveMatch></d:ResolveMatches>");
    }
    return null;
  }

  private String probe(XmlNode probe, String messageId, boolean unicastRequest) {
    Optional<XmlNode> types = probe.child(Ns.WSD, "Types");
    if (types.isPresent()) {
      for (String t : tokens(types.get().text())) {
        Optional<QName> q = types.get().resolveQName(t);
        if (q.isEmpty() || !TYPES.contains(q.get())) {
          return null;
        }
      }
    }
    Optional<XmlNode> scopes = probe.child(Ns.WSD, "Scopes");
    if (scopes.isPresent()) {
      String rule = scopes.get().attr("", "MatchBy").orElse(RFC3986).strip();
      if (!rule.equals(RFC3986) && !rule.equals(STRCMP0)) {
        return unicastRequest ? matchingRuleNotSupported(messageId) : null;
      }
      List<String> ours = target.scopes();
      for (String wanted : tokens(scopes.get().text())) {
        boolean any = false;
        for (String have : ours) {
          if (rule.equals(STRCMP0) ? have.equals(wanted) : rfc3986Match(wanted, have)) {
            any = true;
            break;
          }
        }
        if (!any) {
          return null;
        }
      }
    }
    return envelope(
        messageId,
        "ProbeMatches",
        "<d:ProbeMatches><d:ProbeMatch>" + match() + "</d:ProbeMatch></d:ProbeMatches>");
  }

  private String match() {
    return "<wsa:EndpointReference><wsa:Address>"
        + esc(target.endpointReference())
        + "</wsa:Address></wsa:EndpointReference>"
        + "<d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types>"
        + "<d:Scopes>"
        + esc(String.join(" ", target.scopes()))
        + "</d:Scopes><d:XAddrs>"
        + esc(target.xaddrs())
        + "</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion>";
  }

  private String envelope(String relatesTo, String action, String body) {
    return head()
        + "<env:Header><wsa:MessageID>urn:uuid:"
        + UUID.randomUUID()
        + "</wsa:MessageID><wsa:RelatesTo>"
        + esc(relatesTo)
        + "</wsa:RelatesTo><wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
        + "<wsa:Action>"
        + Ns.WSD
        + "/"
        + action
        + "</wsa:Action><d:AppSequence InstanceId=\""
        + instanceId
        + "\" MessageNumber=\""
        + messageNumber.incrementAndGet()
        + "\"/></env:Header><env:Body>"
        + body
        + "</env:Body></env:Envelope>";
  }

  private String matchingRuleNotSupported(String relatesTo) {
    return head()
        + "<env:Header><wsa:MessageID>urn:uuid:"
        + UUID.randomUUID()
        + "</wsa:MessageID><wsa:RelatesTo>"
        + esc(relatesTo)
        + "</wsa:RelatesTo><wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>"
        + "<wsa:Action>http://schemas.xmlsoap.org/ws/2004/08/addressing/fault</wsa:Action></env:Header>"
        + "<env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode>"
        + "<env:Value>d:MatchingRuleNotSupported</env:Value></env:Subcode></env:Code>"
        + "<env:Reason><env:Text xml:lang=\"en\">The matching rule specified is not supported</env:Text></env:Reason>"
        + "<env:Detail><d:SupportedMatchingRules>"
        + RFC3986
        + " "
        + STRCMP0
        + "</d:SupportedMatchingRules></env:Detail></env:Fault></env:Body></env:Envelope>";
  }

  private static String head() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope xmlns:env=\""
        + Ns.SOAP12
        + "\" xmlns:wsa=\""
        + Ns.WSA_2004
        + "\" xmlns:d=\""
        + Ns.WSD
        + "\" xmlns:dn=\""
        + Ns.DN
        + "\" xmlns:tds=\""
        + Ns.TDS
        + "\">";
  }

  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    for (String t : s.strip().split("\\s+")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * RFC 3986 rule of WS-Discovery: scheme and authority equal (case-insensitive), and the probe's
   * path segments a prefix of the target's ({@code …/hardware/D1} does not match {@code
   * …/hardware/D1-566}).
   */
  static boolean rfc3986Match(String wanted, String have) {
    int w = wanted.indexOf("://");
    int h = have.indexOf("://");
    if (w < 0 || h < 0) {
      return wanted.equals(have);
    }
    String[] ws = wanted.substring(w + 3).split("/", -1);
    String[] hs = have.substring(h + 3).split("/", -1);
    if (!wanted.substring(0, w).equalsIgnoreCase(have.substring(0, h))
        || !ws[0].toLowerCase(Locale.ROOT).equals(hs[0].toLowerCase(Locale.ROOT))) {
      return false;
    }
    int n = ws.length;
    while (n > 1 && ws[n - 1].isEmpty()) {
      n--; // a trailing slash adds no segment
    }
    if (n > hs.length) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      if (!ws[i].equals(hs[i])) {
        return false;
      }
    }
    return true;
  }
}
