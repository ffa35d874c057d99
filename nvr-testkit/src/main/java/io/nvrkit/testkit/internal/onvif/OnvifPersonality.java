package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.internal.onvif.SoapWriter.el;
import static io.nvrkit.testkit.internal.onvif.SoapWriter.esc;

import io.nvrkit.core.AccountLevel;
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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** ONVIF access classes (CORE "Access classes for service requests"). */
  enum Access {
    PRE_AUTH,
    READ_SYSTEM,
    READ_SYSTEM_SENSITIVE,
    READ_SYSTEM_SECRET,
    WRITE_SYSTEM,
    UNRECOVERABLE,
    READ_MEDIA,
    ACTUATE
  }

  private static final Map<String, Access> ACCESS = new HashMap<>();
  private static final Set<String> IMPLEMENTED =
      Set.of(
          "GetSystemDateAndTime",
          "GetHostname",
          "GetServices",
          "GetServiceCapabilities",
          "GetCapabilities",
          "GetWsdlUrl",
          "GetEndpointReference",
          "GetDeviceInformation",
          "GetNetworkInterfaces",
          "GetScopes",
          "GetUsers",
          "CreateUsers",
          "SetUser",
          "DeleteUsers",
          "SetSystemDateAndTime");

  static {
    for (String op :
        List.of(
            "GetSystemDateAndTime",
            "GetHostname",
            "GetServices",
            "GetServiceCapabilities",
            "GetCapabilities",
            "GetWsdlUrl",
            "GetEndpointReference")) {
      ACCESS.put(op, Access.PRE_AUTH);
    }
    for (String op :
        List.of(
            "GetDeviceInformation",
            "GetNetworkInterfaces",
            "GetScopes",
            "GetDNS",
            "GetNTP",
            "GetNetworkProtocols",
            "GetNetworkDefaultGateway",
            "GetDiscoveryMode",
            "GetZeroConfiguration",
            "GetRelayOutputs",
            "GetDynamicDNS",
            "GetIPAddressFilter")) {
      ACCESS.put(op, Access.READ_SYSTEM);
    }
    for (String op :
        List.of("GetUsers", "GetSystemLog", "GetSystemSupportInformation", "GetSystemBackup")) {
      ACCESS.put(op, Access.READ_SYSTEM_SECRET);
    }
    ACCESS.put("SetSystemDateAndTime", Access.WRITE_SYSTEM);
    for (String op : List.of("SetRelayOutputState", "SendAuxiliaryCommand")) {
      ACCESS.put(op, Access.ACTUATE);
    }
    for (String op :
        List.of(
            "SystemReboot",
            "SetSystemFactoryDefault",
            "UpgradeSystemFirmware",
            "StartFirmwareUpgrade",
            "RestoreSystem",
            "StartSystemRestore")) {
      ACCESS.put(op, Access.UNRECOVERABLE);
    }
  }

  private final OnvifDevice device;
  private final OnvifSettings settings;
  private final NonceCache wsNonces;
  private final HttpDigest httpDigest;
  private volatile URI baseUrl;

  /** The TZ text a client set, with the zone it stood for (echoed while that zone is in force). */
  private volatile Map.Entry<ZoneId, String> clientTz;

  private WsDiscovery discovery;

  /**
   * A personality over a device.
   *
   * @param device the device state
   * @param settings behaviour
   */
  public OnvifPersonality(OnvifDevice device, OnvifSettings settings) {
    this.device = device;
    this.settings = settings;
    this.wsNonces = new NonceCache(settings.createdWindow().multipliedBy(2));
    this.httpDigest = settings.httpDigest() ? new HttpDigest(settings) : null;
  }

  /**
   * The personality the engine creates (see {@code Personalities}): over the fake's shared state,
   * with {@code onvif.*} options from the setup.
   *
   * @param state the device state
   * @param setup the settings
   * @throws IllegalArgumentException for a malformed {@code onvif.*} option
   */
  public OnvifPersonality(DeviceState state, DeviceSetup setup) {
    this(
        new StateOnvifDevice(state),
        OnvifSettings.fromOptions(
            setup.options(), state.rules().maxLength(), state.identity().serial()));
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
            settings.discoveryMaxDelay());
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
  private static final int FIXED_SCOPES = 4;

  static String uriSegment(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String operationOf(FakeRequest request) {
    if (!isServicePath(request.rawPath()) || !"POST".equals(request.method())) {
      return null;
    }
    try {
      XmlNode root = SoapReader.parse(request.body());
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

  private static final byte[] USERNAME_TOKEN =
      "UsernameToken".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
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
  private record Caller(String name, AccountLevel level) {
    static final Caller ANONYMOUS = new Caller(null, AccountLevel.ANONYMOUS);

    boolean isAdmin() {
      return level == AccountLevel.ADMINISTRATOR;
    }
  }

  private FakeResponse dispatch(FakeRequest request) {
    XmlNode root = SoapReader.parse(request.body());
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
      authenticate(request, header, Access.READ_MEDIA);
      throw SoapFault.actionNotSupported("Optional Action Not Implemented");
    }
    if (!op.ns.equals(Ns.TDS)) {
      throw SoapFault.actionNotSupported("Optional Action Not Implemented");
    }
    Access access =
        ACCESS.getOrDefault(
            op.local, op.local.startsWith("Get") ? Access.READ_SYSTEM : Access.WRITE_SYSTEM);
    Caller caller = authenticate(request, header, access);
    String name = op.local;
    if (name.equals("SetUser") && !caller.isAdmin() && settings.modifyPassword()) {
      // ModifyPassword: a user may change their own password; checked in setUser
    } else if (!allowed(access, caller)) {
      throw SoapFault.notAuthorized("Sender not Authorized");
    }
    if (!IMPLEMENTED.contains(name)) {
      throw SoapFault.actionNotSupported("Optional Action Not Implemented");
    }
    String base = baseUrl(request);
    switch (name) {
      case "GetSystemDateAndTime":
        return ok(caller, systemDateAndTime());
      case "GetHostname":
        return ok(
            caller,
            "<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP>"
                + el("tt:Name", device.hostname())
                + "</tds:HostnameInformation></tds:GetHostnameResponse>");
      case "GetServices":
        return ok(caller, services(base, op));
      case "GetServiceCapabilities":
        return ok(
            caller,
            "<tds:GetServiceCapabilitiesResponse><tds:Capabilities>"
                + serviceCapabilities()
                + "</tds:Capabilities></tds:GetServiceCapabilitiesResponse>");
      case "GetCapabilities":
        return ok(caller, capabilities(base, op));
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
        return ok(caller, networkInterfaces(request));
      case "GetScopes":
        return ok(caller, scopes());
      case "GetUsers":
        return ok(caller, users());
      case "CreateUsers":
        createUsers(op);
        return ok(caller, "<tds:CreateUsersResponse/>");
      case "SetUser":
        setUser(op, caller);
        return ok(caller, "<tds:SetUserResponse/>");
      case "DeleteUsers":
        deleteUsers(op);
        return ok(caller, "<tds:DeleteUsersResponse/>");
      case "SetSystemDateAndTime":
        setSystemDateAndTime(op);
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

  private static boolean allowed(Access access, Caller caller) {
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

  private Caller authenticate(FakeRequest request, XmlNode header, Access access) {
    if (access == Access.PRE_AUTH && !settings.preAuthNeedsAuth()) {
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

  private String systemDateAndTime() {
    Instant now = device.now();
    ZoneId zone = device.zone();
    LocalDateTime utc = LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
    LocalDateTime local = LocalDateTime.ofInstant(now, zone);
    return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
        + "<tt:DateTimeType>Manual</tt:DateTimeType>"
        + el("tt:DaylightSavings", Boolean.toString(zone.getRules().isDaylightSavings(now)))
        + "<tt:TimeZone>"
        + el("tt:TZ", tzText(zone, now))
        + "</tt:TimeZone>"
        + "<tt:UTCDateTime>"
        + dateTime(utc)
        + "</tt:UTCDateTime><tt:LocalDateTime>"
        + dateTime(local)
        + "</tt:LocalDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
  }

  private String tzText(ZoneId zone, Instant now) {
    Map.Entry<ZoneId, String> set = clientTz;
    return set != null && set.getKey().equals(zone) ? set.getValue() : PosixTz.of(zone, now);
  }

  private static String dateTime(LocalDateTime t) {
    return "<tt:Time>"
        + el("tt:Hour", Integer.toString(t.getHour()))
        + el("tt:Minute", Integer.toString(t.getMinute()))
        + el("tt:Second", Integer.toString(t.getSecond()))
        + "</tt:Time><tt:Date>"
        + el("tt:Year", Integer.toString(t.getYear()))
        + el("tt:Month", Integer.toString(t.getMonthValue()))
        + el("tt:Day", Integer.toString(t.getDayOfMonth()))
        + "</tt:Date>";
  }

  private String serviceCapabilities() {
    StringBuilder sec = new StringBuilder("<tds:Security");
    sec.append(" TLS1.0=\"false\" TLS1.1=\"false\" TLS1.2=\"true\"")
        .append(" OnboardKeyGeneration=\"false\" AccessPolicyConfig=\"false\"")
        .append(" DefaultAccessPolicy=\"true\" Dot1X=\"false\" RemoteUserHandling=\"false\"")
        .append(" X.509Token=\"false\" SAMLToken=\"false\" KerberosToken=\"false\"")
        .append(" UsernameToken=\"")
        .append(settings.usernameToken())
        .append("\" HttpDigest=\"")
        .append(settings.httpDigest())
        .append("\" RELToken=\"false\"")
        .append(" MaxUsers=\"")
        .append(settings.maxUsers())
        .append("\" MaxUserNameLength=\"")
        .append(settings.maxUserNameLength())
        .append("\" MaxPasswordLength=\"")
        .append(settings.maxPasswordLength())
        .append('"');
    if (settings.modifyPassword()) {
      sec.append(" SecurityPolicies=\"ModifyPassword\"");
    }
    if (settings.httpDigest()) {
      sec.append(" HashingAlgorithms=\"")
          .append(String.join(" ", settings.digestAlgorithms()))
          .append('"');
    }
    sec.append("/>");
    return "<tds:Network IPFilter=\"false\" ZeroConfiguration=\"false\" IPVersion6=\"false\""
        + " DynDNS=\"false\" Dot11Configuration=\"false\" HostnameFromDHCP=\"false\" NTP=\"0\"/>"
        + sec
        + "<tds:System DiscoveryResolve=\""
        + !settings.discovery().equals("off")
        + "\" DiscoveryBye=\"false\" RemoteDiscovery=\"false\""
        + " SystemBackup=\"false\" SystemLogging=\"false\" FirmwareUpgrade=\"false\""
        + " HttpFirmwareUpgrade=\"false\" HttpSystemBackup=\"false\" HttpSystemLogging=\"false\""
        + " HttpSupportInformation=\"false\"/>";
  }

  private String services(String base, XmlNode op) {
    boolean include =
        op.child(Ns.TDS, "IncludeCapability")
            .map(n -> n.text().strip())
            .map(v -> v.equals("true") || v.equals("1"))
            .orElse(false);
    return "<tds:GetServicesResponse><tds:Service>"
        + el("tds:Namespace", Ns.TDS)
        + el("tds:XAddr", base + DEVICE_PATH)
        + (include
            ? "<tds:Capabilities><tds:Capabilities>"
                + serviceCapabilities()
                + "</tds:Capabilities></tds:Capabilities>"
            : "")
        + "<tds:Version><tt:Major>16</tt:Major><tt:Minor>12</tt:Minor></tds:Version>"
        + "</tds:Service>"
        + otherService(base, Ns.MEDIA)
        + otherService(base, "http://www.onvif.org/ver10/events/wsdl")
        + "</tds:GetServicesResponse>";
  }

  private static String otherService(String base, String namespace) {
    return "<tds:Service>"
        + el("tds:Namespace", namespace)
        + el("tds:XAddr", base + OTHER_SERVICES.get(namespace))
        + "<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>";
  }

  private String capabilities(String base, XmlNode op) {
    for (XmlNode c : op.children(Ns.TDS, "Category")) {
      String cat = c.text().strip();
      if (!cat.equals("All") && !cat.equals("Device")) {
        throw SoapFault.receiver(
            "The requested service is not supported", "ActionNotSupported", "NoSuchService");
      }
    }
    return "<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device>"
        + el("tt:XAddr", base + DEVICE_PATH)
        + "<tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration>"
        + "<tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>"
        + "<tt:System><tt:DiscoveryResolve>"
        + !settings.discovery().equals("off")
        + "</tt:DiscoveryResolve><tt:DiscoveryBye>false</tt:DiscoveryBye>"
        + "<tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup>"
        + "<tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>false</tt:FirmwareUpgrade>"
        + "<tt:SupportedVersions><tt:Major>16</tt:Major><tt:Minor>12</tt:Minor></tt:SupportedVersions>"
        + "<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions>"
        + "</tt:System>"
        + "<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>true</tt:TLS1.2>"
        + "<tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false</tt:AccessPolicyConfig>"
        + "<tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken>"
        + "<tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security>"
        + "</tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse>";
  }

  private String networkInterfaces(FakeRequest request) {
    String host = request.header("host").map(String::strip).orElse("");
    int colon = host.indexOf(':');
    String ip = colon < 0 ? host : host.substring(0, colon);
    if (!IPV4.matcher(ip).matches()) {
      ip = "127.0.0.1";
    }
    return "<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token=\"eth0\">"
        + "<tt:Enabled>true</tt:Enabled><tt:Info><tt:Name>eth0</tt:Name>"
        + el("tt:HwAddress", device.mac())
        + "<tt:MTU>1500</tt:MTU></tt:Info>"
        + "<tt:Link><tt:AdminSettings><tt:AutoNegotiation>true</tt:AutoNegotiation><tt:Speed>100</tt:Speed>"
        + "<tt:Duplex>Full</tt:Duplex></tt:AdminSettings><tt:OperSettings><tt:AutoNegotiation>true</tt:AutoNegotiation>"
        + "<tt:Speed>100</tt:Speed><tt:Duplex>Full</tt:Duplex></tt:OperSettings>"
        + "<tt:InterfaceType>6</tt:InterfaceType></tt:Link>"
        + "<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual>"
        + el("tt:Address", ip)
        + "<tt:PrefixLength>24</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4>"
        + "</tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>";
  }

  private String scopes() {
    StringBuilder sb = new StringBuilder("<tds:GetScopesResponse>");
    List<String> items = scopeItems();
    for (int i = 0; i < items.size(); i++) {
      sb.append("<tds:Scopes><tt:ScopeDef>")
          .append(i < FIXED_SCOPES ? "Fixed" : "Configurable")
          .append("</tt:ScopeDef>")
          .append(el("tt:ScopeItem", items.get(i)))
          .append("</tds:Scopes>");
    }
    return sb.append("</tds:GetScopesResponse>").toString();
  }

  private String users() {
    StringBuilder sb = new StringBuilder("<tds:GetUsersResponse>");
    for (OnvifDevice.Account a : device.accounts()) {
      sb.append("<tds:User>")
          .append(el("tt:Username", a.name()))
          .append(el("tt:UserLevel", levelName(a.level())))
          .append("</tds:User>");
    }
    return sb.append("</tds:GetUsersResponse>").toString();
  }

  static String levelName(AccountLevel l) {
    switch (l) {
      case ADMINISTRATOR:
        return "Administrator";
      case OPERATOR:
        return "Operator";
      case USER:
        return "User";
      case ANONYMOUS:
        return "Anonymous";
      default:
        return "Extended";
    }
  }

  private static AccountLevel parseLevel(String s) {
    switch (s.strip()) {
      case "Administrator":
        return AccountLevel.ADMINISTRATOR;
      case "Operator":
        return AccountLevel.OPERATOR;
      case "User":
        return AccountLevel.USER;
      case "Anonymous":
        return AccountLevel.ANONYMOUS;
      case "Extended":
        return AccountLevel.OTHER;
      default:
        throw SoapFault.sender("Invalid user level", "InvalidArgVal");
    }
  }

  /**
   * SetSystemDateAndTime: Manual with UTCDateTime sets the fake clock; a TimeZone changes the zone
   * (a fixed-offset POSIX TZ, or one that names a zone's rules exactly as GetSystemDateAndTime
   * writes them). NTP is refused with {@code ter:NtpServerUndefined} (the fake has no NTP server).
   */
  private void setSystemDateAndTime(XmlNode op) {
    String type =
        op.child(Ns.TDS, "DateTimeType")
            .map(n -> n.text().strip())
            .orElseThrow(() -> SoapFault.sender("DateTimeType is required", "InvalidArgs"));
    if (!type.equals("Manual") && !type.equals("NTP")) {
      throw SoapFault.sender("Invalid DateTimeType", "InvalidArgVal");
    }
    Instant now = device.now();
    ZoneId zone = null;
    Optional<XmlNode> tz = op.child(Ns.TDS, "TimeZone").flatMap(t -> t.child(Ns.TT, "TZ"));
    if (tz.isPresent()) {
      zone =
          PosixTz.parse(tz.get().text(), now)
              .orElseThrow(
                  () ->
                      SoapFault.sender(
                          "The suggested time zone is not supported",
                          "InvalidArgVal",
                          "InvalidTimeZone"));
    }
    Instant utc = null;
    if (type.equals("NTP")) {
      throw SoapFault.sender("NTP server is not defined", "InvalidArgVal", "NtpServerUndefined");
    }
    XmlNode dt =
        op.child(Ns.TDS, "UTCDateTime")
            .orElseThrow(
                () ->
                    SoapFault.sender(
                        "UTCDateTime is required for Manual", "InvalidArgVal", "InvalidDateTime"));
    try {
      XmlNode t = dt.child(Ns.TT, "Time").orElseThrow();
      XmlNode d = dt.child(Ns.TT, "Date").orElseThrow();
      utc =
          LocalDateTime.of(
                  intOf(d, "Year"),
                  intOf(d, "Month"),
                  intOf(d, "Day"),
                  intOf(t, "Hour"),
                  intOf(t, "Minute"),
                  intOf(t, "Second"))
              .toInstant(java.time.ZoneOffset.UTC);
    } catch (RuntimeException e) {
      throw SoapFault.sender(
          "An invalid date or time was specified", "InvalidArgVal", "InvalidDateTime");
    }
    if (utc.isBefore(Instant.parse("1970-01-01T00:00:00Z"))
        || utc.isAfter(Instant.parse("2099-12-31T23:59:59Z"))) {
      throw SoapFault.sender(
          "An invalid date or time was specified", "InvalidArgVal", "InvalidDateTime");
    }
    if (zone != null) {
      device.setZone(zone);
      clientTz = Map.entry(zone, tz.get().text().strip());
    }
    device.setTime(utc);
  }

  private static int intOf(XmlNode parent, String local) {
    return Integer.parseInt(parent.child(Ns.TT, local).orElseThrow().text().strip());
  }

  // ---------------------------------------------------------------- user management

  /** One {@code tds:User} of a request. */
  private record UserArg(String name, String password, AccountLevel level) {}

  private static List<UserArg> userArgs(XmlNode op) {
    List<XmlNode> nodes = op.children(Ns.TDS, "User");
    if (nodes.isEmpty()) {
      throw SoapFault.sender("At least one User is required", "InvalidArgs");
    }
    List<UserArg> out = new ArrayList<>();
    for (XmlNode u : nodes) {
      String name =
          u.child(Ns.TT, "Username")
              .map(XmlNode::text)
              .orElseThrow(() -> SoapFault.sender("Username is required", "InvalidArgs"));
      String pw = u.child(Ns.TT, "Password").map(XmlNode::text).orElse(null);
      AccountLevel level =
          parseLevel(
              u.child(Ns.TT, "UserLevel")
                  .map(XmlNode::text)
                  .orElseThrow(() -> SoapFault.sender("UserLevel is required", "InvalidArgs")));
      out.add(new UserArg(name, pw, level));
    }
    return out;
  }

  private static SoapFault prohibited(String reason, String sub) {
    return SoapFault.sender(reason, "OperationProhibited", sub);
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private void checkPassword(String pw, String tooWeakSubcode) {
    if (pw == null || pw.isEmpty()) {
      throw prohibited("Too weak password", tooWeakSubcode);
    }
    if (length(pw) > settings.maxPasswordLength()) {
      throw prohibited("The password is too long", "PasswordTooLong");
    }
    char[] c = pw.toCharArray();
    try {
      if (!device.acceptablePassword(c)) {
        throw prohibited("Too weak password", tooWeakSubcode);
      }
    } finally {
      Arrays.fill(c, '\0');
    }
  }

  private Optional<OnvifDevice.Account> find(String name) {
    return device.accounts().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  private void createUsers(XmlNode op) {
    List<UserArg> args = userArgs(op);
    device.atomically(
        () -> {
          Set<String> seen = new HashSet<>();
          for (UserArg u : args) {
            if (u.name().isEmpty()) {
              throw prohibited("The username is too short", "UsernameTooShort");
            }
            if (length(u.name()) > settings.maxUserNameLength()) {
              throw prohibited("The username is too long", "UsernameTooLong");
            }
            if (!seen.add(u.name()) || find(u.name()).isPresent()) {
              throw prohibited("Username already exists", "UsernameClash");
            }
            if (u.level() == AccountLevel.ANONYMOUS) {
              throw prohibited("User level anonymous is not allowed", "AnonymousNotAllowed");
            }
            // CORE's CreateUsers table literally names the too-weak subcode ter:Password
            checkPassword(u.password(), "Password");
          }
          if (device.accounts().size() + args.size() > settings.maxUsers()) {
            throw SoapFault.receiver(
                "Maximum number of supported users exceeded", "Action", "TooManyUsers");
          }
          for (UserArg u : args) {
            device.create(
                new OnvifDevice.AccountWrite(u.name(), u.password().toCharArray(), u.level()));
          }
          return null;
        });
  }

  private void setUser(XmlNode op, Caller caller) {
    List<UserArg> args = userArgs(op);
    boolean selfService = !caller.isAdmin();
    if (selfService) {
      for (UserArg u : args) {
        if (!u.name().equals(caller.name())) {
          throw SoapFault.notAuthorized("Sender not Authorized");
        }
      }
    }
    device.atomically(
        () -> {
          List<OnvifDevice.AccountWrite> writes = new ArrayList<>();
          for (UserArg u : args) {
            OnvifDevice.Account existing =
                find(u.name())
                    .orElseThrow(
                        () ->
                            SoapFault.sender(
                                "Username not recognized", "InvalidArgVal", "UsernameMissing"));
            // ModifyPassword: the level is ignored for a client without WRITE_SYSTEM
            AccountLevel level = selfService ? existing.level() : u.level();
            if (level == AccountLevel.ANONYMOUS) {
              throw prohibited("User level anonymous is not allowed", "AnonymousNotAllowed");
            }
            if (existing.fixed() && level != existing.level()) {
              throw SoapFault.sender(
                  "Password or User level may not be changed", "InvalidArgVal", "FixedUser");
            }
            checkPassword(u.password(), "PasswordTooWeak");
            writes.add(new OnvifDevice.AccountWrite(u.name(), u.password().toCharArray(), level));
          }
          writes.forEach(device::update);
          return null;
        });
  }

  private void deleteUsers(XmlNode op) {
    List<XmlNode> nodes = op.children(Ns.TDS, "Username");
    if (nodes.isEmpty()) {
      throw SoapFault.sender("At least one tds:Username is required", "InvalidArgs");
    }
    device.atomically(
        () -> {
          List<String> names = new ArrayList<>();
          for (XmlNode n : nodes) {
            String name = n.text();
            OnvifDevice.Account a =
                find(name)
                    .orElseThrow(
                        () ->
                            SoapFault.sender(
                                "Username not recognized", "InvalidArgVal", "UsernameMissing"));
            if (a.fixed()) {
              throw SoapFault.sender("Username may not be deleted", "InvalidArgVal", "FixedUser");
            }
            if (!names.contains(name)) {
              names.add(name);
            }
          }
          names.forEach(device::delete);
          return null;
        });
  }
}
