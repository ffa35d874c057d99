package io.nvrkit.hikvision.internal;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.hikvision.internal.IsapiTransport.AnonymousReply;
import io.nvrkit.hikvision.internal.SadpCodec.ProbeMatch;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code HikvisionDriver} does, with the transport factory and the SADP port injectable for
 * tests. Thread-safe; holds no device state.
 */
public final class HikvisionDriverCore {
  /** The driver id. */
  public static final String DRIVER_ID = "hikvision";

  /** The SADP port. */
  public static final int SADP_PORT = 37020;

  private static final Logger LOG = LoggerFactory.getLogger(HikvisionDriverCore.class);

  private final IsapiTransport.Factory transports;
  private final int sadpPort;
  private final Duration sadpWait;

  /**
   * A core.
   *
   * @param transports the transport factory
   * @param sadpPort the device's SADP port (37020; tests use another)
   * @param sadpWait how long the probe waits for the device's SADP answer; zero skips SADP
   */
  public HikvisionDriverCore(IsapiTransport.Factory transports, int sadpPort, Duration sadpWait) {
    this.transports = Objects.requireNonNull(transports, "transports");
    this.sadpPort = sadpPort;
    this.sadpWait = Objects.requireNonNull(sadpWait, "sadpWait");
  }

  /**
   * The production core on a kit's context: its transport, lockout ledger and clock; SADP on 37020
   * with a 700 ms wait.
   *
   * @param context the calling kit's context
   * @return the core
   */
  public static HikvisionDriverCore on(DriverContext context) {
    return new HikvisionDriverCore(
        IsapiTransport.Factory.on(context), SADP_PORT, Duration.ofMillis(700));
  }

  /**
   * The transport factory (verification logins, activation).
   *
   * @return the factory
   */
  public IsapiTransport.Factory transports() {
    return transports;
  }

  /**
   * Pre-login probe: one anonymous {@code GET /SDK/activateStatus}; if the firmware has no such
   * page, one anonymous {@code GET /ISAPI/System/deviceInfo}, recognised by a {@code userCheck} 401
   * body or a Hikvision {@code Server} header ({@code App-webs/}, {@code Webs}) with a Digest
   * challenge. Then, if recognised, a unicast SADP probe to the device's address (bounded wait) for
   * model, full serial, MAC and firmware. No credentials are sent.
   *
   * @param endpoint the device
   * @param options timeouts
   * @return the probe
   */
  public io.nvrkit.core.spi.DriverProbe probe(DeviceEndpoint endpoint, ConnectOptions options) {
    boolean recognised = false;
    try (IsapiTransport t = transports.open(endpoint, options)) {
      AnonymousReply r = t.anonymous("activateStatus", "GET", "/SDK/activateStatus");
      if (r.status() == 200) {
        try {
          IsapiDocs.activated(r.body());
          recognised = true;
        } catch (IsapiDocs.Malformed e) {
          recognised = false;
        }
      }
      if (!recognised) {
        AnonymousReply d = t.anonymous("probe", "GET", "/ISAPI/System/deviceInfo");
        String server = d.server().toLowerCase(Locale.ROOT);
        boolean digest =
            d.challenges().stream().anyMatch(c -> c.strip().regionMatches(true, 0, "Digest", 0, 6));
        recognised =
            d.status() == 401
                && (IsapiDocs.userCheck(d.body()) != null
                    || (digest && (server.startsWith("app-webs") || server.equals("webs"))));
      }
    }
    if (!recognised) {
      return io.nvrkit.core.spi.DriverProbe.notRecognised();
    }
    DeviceIdentity.Builder b =
        DeviceIdentity.builder()
            .set(IdentityField.VENDOR, "Hikvision", Provenance.NETWORK_PRE_AUTH);
    ProbeMatch m = sadp(endpoint.host());
    if (m != null) {
      identityFrom(m, b);
    }
    return new io.nvrkit.core.spi.DriverProbe(true, b.build());
  }

  /**
   * The SADP answer of one device, or null.
   *
   * @param host the device's address
   * @return the match, or null if none came in time
   */
  public ProbeMatch sadp(String host) {
    if (sadpWait.isZero() || sadpWait.isNegative()) {
      return null;
    }
    try {
      List<ProbeMatch> all = new SadpClient(new InetSocketAddress(host, sadpPort)).run(sadpWait);
      return all.isEmpty() ? null : all.get(0);
    } catch (UncheckedIOException | IllegalArgumentException | SecurityException e) {
      LOG.debug("SADP probe of {} failed: {}", host, e.getClass().getSimpleName());
      return null;
    }
  }

  /**
   * Fills the pre-login identity from a ProbeMatch.
   *
   * @param m the match
   * @param b the builder
   */
  public static void identityFrom(ProbeMatch m, DeviceIdentity.Builder b) {
    Provenance p = Provenance.NETWORK_PRE_AUTH;
    b.set(IdentityField.VENDOR, "Hikvision", p)
        .set(IdentityField.MODEL, m.model(), p)
        .set(IdentityField.SERIAL, m.serial(), p)
        .set(IdentityField.MAC, m.mac(), p)
        .set(IdentityField.FIRMWARE, m.firmware(), p)
        .set(IdentityField.FIRMWARE_BUILD, m.firmwareBuild(), p)
        .set(IdentityField.START_TIME, m.bootTime() == null ? null : m.bootTime().toString(), p);
  }

  /**
   * Opens a session: one login request that also reads the illegal-login-lock settings the first
   * time the kit meets the device ({@code GET /ISAPI/Security/illegalLoginLock}), else {@code GET
   * /ISAPI/Security/userCheck}.
   *
   * @param endpoint the device
   * @param credentials the login
   * @param options options
   * @return the session
   */
  public NvrClient connect(
      DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
    IsapiTransport t = transports.open(endpoint, options);
    try {
      HikvisionSession s = new HikvisionSession(this, t, credentials);
      s.login();
      LOG.debug("hikvision session on {}", t.device());
      return s;
    } catch (RuntimeException e) {
      t.close();
      throw e;
    }
  }
}
