package io.nvrkit.onvif.internal;

import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.spi.DeviceClock;
import io.nvrkit.onvif.internal.OnvifSession.AuthMode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connect-time reads of one {@link OnvifSession}: the device clock (GetSystemDateAndTime) and
 * the capabilities (GetServices, GetServiceCapabilities), both PRE_AUTH and sent anonymously first;
 * with the session's credentials only when the device insists (a refusal of an anonymous request is
 * not a failed login).
 *
 * <p>Thread-safe as the session uses it: exchanges that decide the authentication state run under
 * the session's lock.
 */
final class SessionPreamble {
  // the session's logger, so that logging configuration is unchanged by the split
  private static final Logger LOG = LoggerFactory.getLogger(OnvifSession.class);

  private final OnvifSession session;
  private final SessionAuth auth;
  private final Object lock;
  private final String device;
  private final DeviceClock clock;

  SessionPreamble(
      OnvifSession session, SessionAuth auth, Object lock, String device, DeviceClock clock) {
    this.session = session;
    this.auth = auth;
    this.lock = lock;
    this.device = device;
    this.clock = clock;
  }

  /**
   * GetSystemDateAndTime anonymously; with credentials if the device insists (401 challenge or
   * NotAuthorized) and the session has them. Learns the clock offset.
   *
   * @return the answer
   */
  Responses.SystemDateTime learnClock() {
    synchronized (lock) {
      SoapExchange x =
          session.send("GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"), null);
      if (x.ok()) {
        return auth.learnFrom(x);
      }
      boolean insists = x.challenged() || x.notAuthorized() || x.status == 401;
      if (!insists || session.credentials() == null) {
        throw session.failure("GetSystemDateAndTime", x);
      }
      LOG.debug("{} demands credentials for GetSystemDateAndTime", device);
      auth.preAuthNeedsAuth(true);
      if (x.challenged()) {
        auth.mode(AuthMode.HTTP);
      }
    }
    long t0 = clock.nanos();
    XmlElement r =
        session.call("GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"), false);
    long t1 = clock.nanos();
    return auth.learnFrom(r, t0, t1);
  }

  /**
   * Reads capabilities: GetServices(IncludeCapability) and, if it carries none for the device
   * service, GetServiceCapabilities. Both PRE_AUTH, sent anonymously. Failures leave them unknown.
   *
   * @return the capabilities (possibly {@link Capabilities#UNKNOWN})
   */
  Capabilities loadCapabilities() {
    return loadCapabilities(null);
  }

  /**
   * The connect-time preamble: GetSystemDateAndTime and GetServices are independent and both
   * anonymous, so they are sent at the same time (two round trips, one round-trip time); then the
   * clock is learned, the capabilities read and the authentication mode chosen. Requests with
   * credentials (when the device insists) are only sent after both answers are in.
   */
  void run() {
    CompletableFuture<SoapExchange> services =
        OnvifIo.async(() -> session.send("GetServices", Requests.getServices(true), null));
    learnClock();
    SoapExchange gs;
    try {
      gs = OnvifIo.join(services);
    } catch (DeviceRejectedException | NotSupportedException | ProtocolException e) {
      gs = null;
    }
    if (gs == null) {
      session.capabilities(loadCapabilitiesFallback(Optional.empty()));
    } else {
      loadCapabilities(gs);
    }
    session.chooseMode();
  }

  private Capabilities loadCapabilities(SoapExchange prefetched) {
    Optional<Capabilities> c = Optional.empty();
    try {
      XmlElement r =
          prefetched == null
              ? session.callPreAuth("GetServices", Requests.getServices(true))
              : preAuthFrom("GetServices", Requests.getServices(true), prefetched);
      c = Responses.servicesCapabilities(r);
    } catch (DeviceRejectedException | NotSupportedException | ProtocolException e) {
      LOG.debug("{} GetServices failed: {}", device, e.getClass().getSimpleName());
    }
    return loadCapabilitiesFallback(c);
  }

  private Capabilities loadCapabilitiesFallback(Optional<Capabilities> fromServices) {
    Optional<Capabilities> c = fromServices;
    if (c.isEmpty()) {
      try {
        c =
            Optional.of(
                Responses.serviceCapabilities(
                    session.callPreAuth(
                        "GetServiceCapabilities", Requests.empty("GetServiceCapabilities"))));
      } catch (DeviceRejectedException | NotSupportedException | ProtocolException e) {
        LOG.debug("{} GetServiceCapabilities failed: {}", device, e.getClass().getSimpleName());
      }
    }
    Capabilities caps = c.orElse(Capabilities.UNKNOWN);
    session.capabilities(caps);
    return caps;
  }

  /** A PRE_AUTH answer already received anonymously; with credentials if the device insisted. */
  private XmlElement preAuthFrom(String op, Consumer<SoapWriter> body, SoapExchange x) {
    if (x.ok()) {
      return x.response;
    }
    boolean insists = x.challenged() || x.notAuthorized() || x.status == 401;
    if (!insists || session.credentials() == null) {
      throw session.failure(op, x);
    }
    auth.preAuthNeedsAuth(true);
    if (x.challenged() && !auth.proven()) {
      auth.mode(AuthMode.HTTP);
    }
    return session.call(op, body, false);
  }
}
