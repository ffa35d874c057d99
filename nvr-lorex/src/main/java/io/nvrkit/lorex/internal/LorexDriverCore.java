package io.nvrkit.lorex.internal;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.LockoutLedger;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code LorexDriver} does for one call, on the calling kit's transport and lockout ledger
 * (or, in tests, on injected ones). Thread-safe; holds no device state.
 */
public final class LorexDriverCore {
  /** The driver id. */
  public static final String DRIVER_ID = "lorex";

  private static final Logger LOG = LoggerFactory.getLogger(LorexDriverCore.class);
  private static final Pattern REALM =
      Pattern.compile("realm\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{3,63}");

  /** Opens a transport to a device. */
  @FunctionalInterface
  public interface Transports {
    /**
     * Opens a transport.
     *
     * @param endpoint the device
     * @param options timeouts and limits
     * @return the transport
     */
    DeviceHttp open(DeviceEndpoint endpoint, ConnectOptions options);
  }

  private final Transports transports;
  private final LockoutLedger guard;

  /**
   * A core with the given transport factory and ledger.
   *
   * @param transports the transport factory
   * @param guard the lockout ledger
   */
  public LorexDriverCore(Transports transports, LockoutLedger guard) {
    this.transports = Objects.requireNonNull(transports, "transports");
    this.guard = Objects.requireNonNull(guard, "guard");
  }

  /**
   * The core on a kit's context: its transport with {@link DeviceHttp.Nonces#SINGLE_USE} (Dahua
   * firmware never accepts a reused nonce, so the transport does not try one) and its ledger.
   *
   * @param context the calling kit's context
   * @return the core
   */
  public static LorexDriverCore on(DriverContext context) {
    return new LorexDriverCore(
        (endpoint, options) -> context.openHttp(endpoint, options, DeviceHttp.Nonces.SINGLE_USE),
        context.lockoutLedger());
  }

  /**
   * Pre-authentication probe: one anonymous {@code GET /cgi-bin/magicBox.cgi?action=getDeviceType}.
   * A Dahua-family device answers 401 with {@code Digest realm="Login to <serial>"} (or, on old
   * firmware, {@code Basic realm="Device_CGI"}); the serial in the realm is the only identity field
   * readable without a login. No credentials are sent, so nothing counts towards the lockout.
   *
   * @param endpoint the device
   * @param options timeouts
   * @return the probe
   */
  public DriverProbe probe(DeviceEndpoint endpoint, ConnectOptions options) {
    try (DeviceHttp http = transports.open(endpoint, options)) {
      DeviceHttpResponse r =
          http.execute(
              DeviceHttpRequest.get("probe", "/cgi-bin/magicBox.cgi?action=getDeviceType").build());
      if (r.status() != 401) {
        return DriverProbe.notRecognised();
      }
      boolean recognised = false;
      String serial = null;
      for (String h : r.headers("www-authenticate")) {
        String scheme = h.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        Matcher m = REALM.matcher(h);
        if (!m.find()) {
          continue;
        }
        String realm = m.group(1) != null ? m.group(1) : m.group(2);
        if (scheme.equals("digest") && realm.startsWith("Login to ")) {
          recognised = true;
          String s = realm.substring("Login to ".length()).strip();
          if (SERIAL.matcher(s).matches()) {
            serial = s;
          }
        } else if (scheme.equals("basic") && realm.equals("Device_CGI")) {
          recognised = true;
        }
      }
      if (!recognised) {
        return DriverProbe.notRecognised();
      }
      DeviceIdentity.Builder b = DeviceIdentity.builder();
      if (serial != null) {
        b.set(IdentityField.SERIAL, serial, Provenance.NETWORK_PRE_AUTH);
      }
      b.notReadable(IdentityField.DEVICE_ID);
      return new DriverProbe(true, b.build());
    }
  }

  /**
   * Opens a session: CGI first (reading {@code General}, which also yields the lockout settings);
   * if the CGI answers 404, 501 or 403, the RPC2 JSON API.
   *
   * @param endpoint the device
   * @param credentials the login
   * @param options options
   * @return the session
   */
  public NvrClient connect(
      DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
    DeviceContext ctx = new DeviceContext(endpoint, options, guard);
    DeviceHttp http = transports.open(endpoint, options);
    try {
      CgiApi cgi = new CgiApi(http, ctx, credentials);
      try {
        cgi.login();
        LOG.debug("lorex session on {} via CGI", ctx.device());
        return new LorexSession(this, ctx, http, cgi, credentials);
      } catch (CgiApi.Unavailable u) {
        LOG.debug("CGI unavailable on {} (HTTP {}); using RPC2", ctx.device(), u.status);
      }
      Rpc2Api rpc = new Rpc2Api(http, ctx, credentials);
      rpc.login();
      return new LorexSession(this, ctx, http, rpc, credentials);
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  /**
   * Proves credentials with a fresh login on a new transport.
   *
   * @param ctx the device
   * @param c the credentials
   * @param kind {@code cgi} or {@code rpc2}
   * @return the round trips it cost
   */
  long freshLogin(DeviceContext ctx, Credentials c, String kind) {
    try (DeviceHttp http = transports.open(ctx.endpoint(), ctx.options())) {
      try {
        if (kind.equals("rpc2")) {
          Rpc2Api.proveLogin(http, ctx, c);
        } else {
          new CgiApi(http, ctx, c).login();
        }
      } catch (CgiApi.Unavailable u) {
        throw new io.nvrkit.core.ProtocolException(
            "the CGI disappeared during the session", ctx.device(), "verifyLogin", null);
      }
      return http.roundTrips();
    }
  }
}
