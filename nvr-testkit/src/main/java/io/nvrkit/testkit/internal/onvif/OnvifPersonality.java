package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.internal.onvif.SoapWriter.el;
import static io.nvrkit.testkit.internal.onvif.SoapWriter.esc;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.internal.engine.Acceptor;
import io.nvrkit.testkit.internal.engine.DeviceSetup;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import io.nvrkit.testkit.internal.engine.Personality;
import io.nvrkit.testkit.internal.state.DeviceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The ONVIF personality of the fake NVR: the SOAP 1.2 Device Management service at {@value
 * #DEVICE_PATH}, with the device's own authentication (WS-UsernameToken PasswordDigest and/or HTTP
 * Digest), access classes, user store semantics and faults as in {@code research/onvif.md} §5.
 *
 * <p>HTTP-level choices (documented because real devices differ):
 *
 * <ul>
 *   <li>Only {@code POST} on {@value #DEVICE_PATH}; other methods → 405 with {@code Allow: POST};
 *       other paths → 404 (plain text).
 *   <li>{@code Content-Type}: {@code application/soap+xml} (with or without {@code charset} and
 *       {@code action} parameters) is the SOAP 1.2 media type. {@code text/xml} (SOAP 1.1's media
 *       type) and a missing Content-Type are tolerated and the envelope decides: a SOAP 1.1
 *       envelope gets a SOAP 1.2 {@code env:VersionMismatch} fault (HTTP 500) with an {@code
 *       env:Upgrade} header, as gSOAP-based firmware answers. Any other media type → 415 without a
 *       SOAP body (CORE "HTTP errors").
 *   <li>No {@code SOAPAction} header is needed; the {@code action} parameter is not checked against
 *       the body (devices dispatch on the body element).
 *   <li>Faults: {@code env:Sender} → HTTP 400, {@code env:Receiver}, {@code env:VersionMismatch},
 *       {@code env:MustUnderstand} → HTTP 500 (SOAP 1.2 HTTP binding).
 * </ul>
 *
 * <p>Authentication precedence (CORE "Authentication over HTTP and HTTPS"): an {@code
 * Authorization: Digest} header is checked first (failure → 401 with fresh challenges, {@code
 * stale=true} for an expired nonce); then a WS-UsernameToken, if present, must be valid too
 * (failure → 400 {@code env:Sender/ter:NotAuthorized}). A request with no credentials for a
 * protected operation gets 401 + challenges when Digest is enabled, otherwise 400 NotAuthorized. A
 * WS nonce is recorded as used only after the request passed HTTP-level authentication and the
 * token verified, so a client that answers a 401 by resending the same body with an {@code
 * Authorization} header (agsh/onvif) is not refused as a replay. Only wrong passwords count towards
 * lockout; a stale Created or a replayed nonce does not.
 *
 * <p>Thread-safe.
 */
public final class OnvifPersonality implements Personality {
  /** The device service path. */
  public static final String DEVICE_PATH = "/onvif/device_service";

  /**
   * The other services GetServices lists (namespace → path). They exist so that clients that expect
   * several services (agsh/onvif fails on a one-element list) work; every request to them is
   * authenticated as READ_MEDIA and answered with {@code env:Receiver/ter:ActionNotSupported}, as
   * an Axis door controller does for Media.
   */
  static final Map<String, String> OTHER_SERVICES =
      Map.of(
          Ns.MEDIA,
          "/onvif/media_service",
          "http://www.onvif.org/ver10/events/wsdl",
          "/onvif/event_service");

  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

  private final OnvifDevice device;
  private final OnvifSettings settings;
  private final OnvifUsers users;
  private final OnvifClock clock;
  private final OnvifAnswers answers;
  private final NonceCache wsNonces;
  private final HttpDigest httpDigest;
  private final Acceptor io;

  /**
   * The request this thread parsed last, for {@link #handle} to reuse: one slot per thread (not per
   * device: a connection thread serves many devices), emptied once used.
   */
  private static final ThreadLocal<Parsed> LAST_PARSE = new ThreadLocal<>();

  private volatile URI baseUrl;
  private Acceptor ownIo;

  /** The TZ text a client set, with the zone it stood for (echoed while that zone is in force). */
  private WsDiscovery discovery;

  /**
   * A personality over a device that runs its own network loop for discovery (closed by {@link
   * #stopped()}).
   *
   * @param device the device state
   * @param settings behaviour
   */
  public OnvifPersonality(OnvifDevice device, OnvifSettings settings) {
    this(device, settings, null);
  }

  /**
   * A personality over a device.
   *
   * @param device the device state
   * @param settings behaviour
   * @param io the owner's network loop for the discovery responder, or null to run its own
   */
  public OnvifPersonality(OnvifDevice device, OnvifSettings settings, Acceptor io) {
    this.io = io;
    this.device = device;
    this.settings = settings;
    this.users = new OnvifUsers(device, settings);
    this.clock = new OnvifClock(device);
    this.answers = new OnvifAnswers(device, settings, this::scopeItems);
    this.wsNonces = new NonceCache(settings.createdWindow().multipliedBy(2));
    this.httpDigest = settings.httpDigest() ? new HttpDigest(settings) : null;
  }

  /**
   * The personality the engine creates (see {@code Personalities}): over the fake's shared state,
   * with the setup's ONVIF profile, on the setup's network loop.
   *
   * @param state the device state
   * @param setup the settings
   * @throws IllegalArgumentException if the profile does not fit the device's password rules
   */
  public OnvifPersonality(DeviceState state, DeviceSetup setup) {
    this(
        new StateOnvifDevice(state),
        OnvifSettings.of(
            setup.onvifProfile(), state.rules().maxLength(), state.identity().serial()),
        setup.io());
  }

  /**
   * Starts the WS-Discovery responder (unless off), announcing {@code baseUrl} + {@value
   * #DEVICE_PATH}.
   */
  @Override
  public synchronized void started(URI baseUrl) {
    this.baseUrl = baseUrl;
    if (settings.discovery().equals("off") || discovery != null) {
      return;
    }
    WsDiscovery d =
        new WsDiscovery(
            new WsDiscovery.Target() {
              @Override
              public String endpointReference() {
                return OnvifPersonality.this.endpointReference();
              }

              @Override
              public List<String> scopes() {
                return scopeItems();
              }

              @Override
              public String xaddrs() {
                return OnvifPersonality.this.baseUrl + DEVICE_PATH;
              }
            },
            settings.discoveryMaxDelay(),
            loop());
    try {
      d.start(InetAddress.getByName(baseUrl.getHost()), settings.discovery().equals("multicast"));
    } catch (IOException e) {
      d.close();
      throw new UncheckedIOException("cannot start the WS-Discovery responder", e);
    }
    discovery = d;
  }

  /** Stops the WS-Discovery responder. */
  @Override
  public synchronized void stopped() {
    if (discovery != null) {
      discovery.close();
      discovery = null;
    }
    if (ownIo != null) {
      ownIo.close();
      ownIo = null;
    }
  }

  private Acceptor loop() {
    if (io != null) {
      return io;
    }
    if (ownIo == null) {
      ownIo = new Acceptor("onvif-discovery");
    }
    return ownIo;
  }

  /**
   * The UDP address of the WS-Discovery responder, if running.
   *
   * @return the unicast address
   */
  public synchronized Optional<InetSocketAddress> discoveryAddress() {
    return discovery == null ? Optional.empty() : discovery.unicastAddress();
  }

  /**
   * Whether the responder also listens on 239.255.255.250:3702 (loopback interface).
   *
   * @return true if the multicast group was joined
   */
  public synchronized boolean discoveryMulticast() {
    return discovery != null && discovery.multicastJoined();
  }

  /** The settings. */
  public OnvifSettings settings() {
    return settings;
  }

  @Override
  public String name() {
    return "onvif";
  }

  /** The stable WS-Addressing endpoint reference of this device ({@code urn:uuid:…}). */
  public String endpointReference() {
    return endpointReference(device.serial());
  }

  static String endpointReference(String serial) {
    return "urn:uuid:"
        + UUID.nameUUIDFromBytes(("nvrkit-onvif:" + serial).getBytes(StandardCharsets.UTF_8));
  }

  /** The scopes of this device, as GetScopes and WS-Discovery report them. */
  public List<String> scopeItems() {
    List<String> s = new ArrayList<>();
    s.add("onvif://www.onvif.org/type/video_encoder");
    s.add("onvif://www.onvif.org/type/Network_Video_Transmitter");
    s.add("onvif://www.onvif.org/Profile/Streaming");
    s.add("onvif://www.onvif.org/hardware/" + uriSegment(device.model()));
    s.add("onvif://www.onvif.org/name/" + uriSegment(device.friendlyName()));
    s.add("onvif://www.onvif.org/location/country/any");
    if (!device.mac().isEmpty()) {
      s.add("onvif://www.onvif.org/MAC/" + uriSegment(device.mac()));
    }
    return s;
  }

  /** Number of scope items that are fixed (the rest are configurable). */
  static final int FIXED_SCOPES = 4;

  static String uriSegment(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String operationOf(FakeRequest request) {
    if (!isServicePath(request.rawPath()) || !"POST".equals(request.method())) {
      return null;
    }
    try {
      XmlNode root = parse(request);
      return root.child(Ns.SOAP12, "Body")
          .flatMap(XmlNode::firstChild)
          .map(n -> n.local)
          .orElse(null);
    } catch (SoapFault e) {
      return null;
    }
  }

  @Override
  public boolean carriesCredentials(FakeRequest request) {
    return request.header("authorization").isPresent() || contains(request.body(), USERNAME_TOKEN);
  }

  private static final String USERNAME_TOKEN = "UsernameToken";

  /** Whether the bytes hold the ASCII text {@code needle}. */
  private static boolean contains(byte[] haystack, String needle) {
    outer:
    for (int i = 0; i + needle.length() <= haystack.length; i++) {
      for (int j = 0; j < needle.length(); j++) {
        if (haystack[i + j] != (byte) needle.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public FakeResponse connectionLimitResponse(FakeRequest request) {
    if (httpDigest != null) {
      return unauthorized(false);
    }
    return fault(SoapFault.notAuthorized("Sender not Authorized. Too many connections."));
  }

  @Override
  public FakeResponse handle(FakeRequest request) {
    if (!isServicePath(request.rawPath())) {
      return FakeResponse.text(404, "Not Found", "text/plain; charset=utf-8", "Not Found\n");
    }
    if (!"POST".equals(request.method())) {
      return FakeResponse.text(
              405, "Method Not Allowed", "text/plain; charset=utf-8", "Method Not Allowed\n")
          .withHeader("Allow", "POST");
    }
    Optional<String> ct = request.header("content-type");
    if (ct.isPresent()) {
      String media = ct.get().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!media.equals("application/soap+xml") && !media.equals("text/xml")) {
        return FakeResponse.text(
            415, "Unsupported Media Type", "text/plain; charset=utf-8", "Unsupported Media Type\n");
      }
    }
    try {
      return dispatch(request);
    } catch (SoapFault f) {
      return fault(f);
    } catch (Unauthorized u) {
      return unauthorized(u.stale);
    }
  }

  private static boolean isServicePath(String path) {
    return path.equals(DEVICE_PATH) || OTHER_SERVICES.containsValue(path);
  }

  /** 401 with one challenge per algorithm. */
  private FakeResponse unauthorized(boolean stale) {
    FakeResponse r = new FakeResponse(401, "Unauthorized", List.of(), new byte[0]);
    for (String c : httpDigest.challenges(device.now(), stale)) {
      r = r.withHeader("WWW-Authenticate", c);
    }
    return r;
  }

  static FakeResponse fault(SoapFault f) {
    int status = f.httpStatus();
    return FakeResponse.text(
        status,
        status == 400 ? "Bad Request" : "Internal Server Error",
        SoapWriter.CONTENT_TYPE,
        SoapWriter.fault(f));
  }

  private static FakeResponse ok(Caller caller, String bodyXml) {
    FakeResponse r =
        FakeResponse.text(200, "OK", SoapWriter.CONTENT_TYPE, SoapWriter.envelope(null, bodyXml));
    return caller.name() == null ? r : r.withUser(caller.name());
  }

  /** Thrown to answer 401 with challenges. */
  private static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean stale;

    Unauthorized(boolean stale) {
      super(null, null, false, false);
      this.stale = stale;
    }
  }

  /** Who is calling. */
  record Caller(String name, AccountLevel level) {
    static final Caller ANONYMOUS = new Caller(null, AccountLevel.ANONYMOUS);

    boolean isAdmin() {
      return level == AccountLevel.ADMINISTRATOR;
    }
  }

  /**
   * The request's SOAP document. The engine asks {@link #operationOf} before {@link #handle}, on
   * the same thread with the same request: the second call reuses the first one's parse.
   */
  private XmlNode parse(FakeRequest request) {
    Parsed last = LAST_PARSE.get();
    if (last != null && last.body() == request.body()) {
      return last.root();
    }
    LAST_PARSE.remove(); // another request's: never kept past this one
    XmlNode root = SoapReader.parse(request.body());
    LAST_PARSE.set(new Parsed(request.body(), root));
    return root;
  }

  /** A request body and its document. */
  private record Parsed(byte[] body, XmlNode root) {}

  private FakeResponse dispatch(FakeRequest request) {
    XmlNode root = parse(request);
    LAST_PARSE.remove(); // the body may hold a password (SetUser): nothing keeps it after this
    if (!root.is(Ns.SOAP12, "Envelope")) {
      throw new SoapFault(
          SoapFault.VERSION_MISMATCH,
          List.of(),
          root.is(Ns.SOAP11, "Envelope")
              ? "SOAP 1.1 is not supported; use SOAP 1.2"
              : "The root element is not a SOAP 1.2 Envelope",
          "<env:Upgrade><env:SupportedEnvelope qname=\"env:Envelope\"/></env:Upgrade>");
    }
    XmlNode header = null;
    XmlNode body = null;
    for (XmlNode c : root.children) {
      if (c.is(Ns.SOAP12, "Header") && header == null && body == null) {
        header = c;
      } else if (c.is(Ns.SOAP12, "Body") && body == null) {
        body = c;
      } else {
        throw SoapFault.wellFormed("Unexpected element in the Envelope");
      }
    }
    if (body == null) {
      throw SoapFault.wellFormed("The Envelope has no Body");
    }
    if (header != null) {
      checkMustUnderstand(header);
    }
    XmlNode op = body.firstChild().orElseThrow(() -> SoapFault.wellFormed("The Body is empty"));
    if (!request.rawPath().equals(DEVICE_PATH)) {
      authenticate(request, header, OnvifAccess.READ_MEDIA);
      throw SoapFault.actionNotSupported("Optional Action Not Implemented");
    }
    if (!op.ns.equals(Ns.TDS)) {
      throw SoapFault.actionNotSupported("Optional Action Not Implemented");
    }
    OnvifAccess access = OnvifAccess.of(op.local);
    Caller caller = authenticate(request, header, access);
    String name = op.local;
    if (name.equals("SetUser") && !caller.isAdmin() && settings.modifyPassword()) {
      // ModifyPassword: a user may change their own password; checked in setUser
    } else if (!allowed(access, caller)) {
      throw SoapFault.notAuthorized("Sender not Authorized");
    }
    if (!OnvifAccess.implemented(name)) {
      throw SoapFault.actionNotSupported("Optional Action Not Implemented");
    }
    String base = baseUrl(request);
    switch (name) {
      case "GetSystemDateAndTime":
        return ok(caller, clock.systemDateAndTime());
      case "GetHostname":
        return ok(
            caller,
            "<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP>"
                + el("tt:Name", device.hostname())
                + "</tds:HostnameInformation></tds:GetHostnameResponse>");
      case "GetServices":
        return ok(caller, answers.services(base, op));
      case "GetServiceCapabilities":
        return ok(
            caller,
            "<tds:GetServiceCapabilitiesResponse><tds:Capabilities>"
                + answers.serviceCapabilities()
                + "</tds:Capabilities></tds:GetServiceCapabilitiesResponse>");
      case "GetCapabilities":
        return ok(caller, answers.capabilities(base, op));
      case "GetWsdlUrl":
        return ok(
            caller,
            "<tds:GetWsdlUrlResponse><tds:WsdlUrl>http://www.onvif.org/ver10/device/wsdl/devicemgmt.wsdl</tds:WsdlUrl></tds:GetWsdlUrlResponse>");
      case "GetEndpointReference":
        return ok(
            caller,
            "<tds:GetEndpointReferenceResponse>"
                + el("tds:GUID", endpointReference())
                + "</tds:GetEndpointReferenceResponse>");
      case "GetDeviceInformation":
        return ok(
            caller,
            "<tds:GetDeviceInformationResponse>"
                + el("tds:Manufacturer", device.manufacturer())
                + el("tds:Model", device.model())
                + el("tds:FirmwareVersion", device.firmware())
                + el("tds:SerialNumber", device.serial())
                + el("tds:HardwareId", device.hardwareId())
                + "</tds:GetDeviceInformationResponse>");
      case "GetNetworkInterfaces":
        return ok(caller, answers.networkInterfaces(request));
      case "GetScopes":
        return ok(caller, answers.scopes());
      case "GetUsers":
        return ok(caller, users());
      case "CreateUsers":
        users.createUsers(op);
        return ok(caller, "<tds:CreateUsersResponse/>");
      case "SetUser":
        users.setUser(op, caller);
        return ok(caller, "<tds:SetUserResponse/>");
      case "DeleteUsers":
        users.deleteUsers(op);
        return ok(caller, "<tds:DeleteUsersResponse/>");
      case "SetSystemDateAndTime":
        clock.setSystemDateAndTime(op);
        return ok(caller, "<tds:SetSystemDateAndTimeResponse/>");
      default:
        throw SoapFault.actionNotSupported("Optional Action Not Implemented");
    }
  }

  private static final Set<String> UNDERSTOOD_HEADER_NS = Set.of(Ns.WSSE, Ns.WSA_2004, Ns.WSA_2005);

  private static void checkMustUnderstand(XmlNode header) {
    for (XmlNode h : header.children) {
      String mu = h.attr(Ns.SOAP12, "mustUnderstand").orElse("false").strip();
      if ((mu.equals("true") || mu.equals("1")) && !UNDERSTOOD_HEADER_NS.contains(h.ns)) {
        String hdr =
            "<env:NotUnderstood xmlns:nu=\""
                + esc(h.ns)
                + "\" qname=\""
                + (h.ns.isEmpty() ? "" : "nu:")
                + esc(h.local)
                + "\"/>";
        throw new SoapFault(
            SoapFault.MUST_UNDERSTAND,
            List.of(),
            "One or more mandatory SOAP header blocks not understood",
            hdr);
      }
    }
  }

  private static boolean allowed(OnvifAccess access, Caller caller) {
    AccountLevel l = caller.level();
    switch (access) {
      case PRE_AUTH:
        return true;
      case READ_SYSTEM:
      case READ_MEDIA:
        return l == AccountLevel.ADMINISTRATOR
            || l == AccountLevel.OPERATOR
            || l == AccountLevel.USER
            || l == AccountLevel.OTHER;
      case READ_SYSTEM_SENSITIVE:
      case ACTUATE:
        return l == AccountLevel.ADMINISTRATOR || l == AccountLevel.OPERATOR;
      default:
        return l == AccountLevel.ADMINISTRATOR;
    }
  }

  // ---------------------------------------------------------------- authentication

  private Caller authenticate(FakeRequest request, XmlNode header, OnvifAccess access) {
    if (access == OnvifAccess.PRE_AUTH && !settings.preAuthNeedsAuth()) {
      return Caller.ANONYMOUS;
    }
    Instant now = device.now();
    Caller httpCaller = null;
    Optional<String> authz = request.header("authorization");
    if (httpDigest != null
        && authz.isPresent()
        && authz.get().regionMatches(true, 0, "Digest ", 0, 7)) {
      HttpDigest.Result r =
          httpDigest.verify(authz.get(), request.method(), request.rawTarget(), now);
      if (r.outcome() == HttpDigest.Outcome.STALE) {
        throw new Unauthorized(true);
      }
      if (r.outcome() != HttpDigest.Outcome.READY) {
        throw new Unauthorized(false);
      }
      OnvifDevice.Login login = device.login(r.username(), r.proof());
      if (login.outcome() != OnvifDevice.Outcome.OK || !httpDigest.markUsed(r.replayKey(), now)) {
        throw new Unauthorized(false);
      }
      httpCaller = caller(r.username());
    }
    Optional<UsernameToken> token =
        settings.usernameToken() ? UsernameToken.from(header) : Optional.empty();
    if (token.isPresent()) {
      Caller ws = verify(token.get(), now);
      return httpCaller != null ? httpCaller : ws;
    }
    if (httpCaller != null) {
      return httpCaller;
    }
    if (httpDigest != null) {
      throw new Unauthorized(false);
    }
    throw SoapFault.notAuthorized("Sender not Authorized");
  }

  private Caller verify(UsernameToken t, Instant now) {
    switch (t.precheck(now, settings)) {
      case OK:
        break;
      case STALE:
        throw SoapFault.notAuthorized("Sender not Authorized. Wsse authorized time check failed.");
      default:
        throw SoapFault.notAuthorized(
            "Sender not Authorized. An error was discovered processing the <wsse:Security> header.");
    }
    OnvifDevice.Login login = device.login(t.username, t::matches);
    switch (login.outcome()) {
      case OK:
        break;
      case LOCKED:
        throw SoapFault.notAuthorized("Sender not Authorized. The account is locked.");
      default:
        throw SoapFault.notAuthorized(
            login.remainingAttempts() >= 0
                ? "Sender not Authorized. Invalid username or password! You still have "
                    + login.remainingAttempts()
                    + " attempt(s)."
                : "Sender not Authorized. Invalid username or password!");
    }
    if (!wsNonces.markUsed(t.nonceKey(), now)) {
      throw SoapFault.notAuthorized("Sender not Authorized. The nonce has already been used.");
    }
    return caller(t.username);
  }

  private Caller caller(String user) {
    for (OnvifDevice.Account a : device.accounts()) {
      if (a.name().equals(user)) {
        return new Caller(a.name(), a.level());
      }
    }
    throw SoapFault.notAuthorized("Sender not Authorized");
  }

  // ---------------------------------------------------------------- read operations

  private String baseUrl(FakeRequest request) {
    String host = request.header("host").map(String::strip).orElse("");
    if (!HOST.matcher(host).matches()) {
      URI listening = baseUrl;
      if (listening != null) {
        return listening.toString(); // no usable Host header (HTTP/1.0): the address listened on
      }
      host = "127.0.0.1";
    }
    return (request.tls() ? "https://" : "http://") + host;
  }

  private String users() {
    StringBuilder sb = new StringBuilder("<tds:GetUsersResponse>");
    for (OnvifDevice.Account a : device.accounts()) {
      sb.append("<tds:User>")
          .append(el("tt:Username", a.name()))
          .append(el("tt:UserLevel", OnvifUsers.levelName(a.level())))
          .append("</tds:User>");
    }
    return sb.append("</tds:GetUsersResponse>").toString();
  }
}
