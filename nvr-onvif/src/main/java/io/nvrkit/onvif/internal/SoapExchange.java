package io.nvrkit.onvif.internal;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one SOAP request to the device service got back: the HTTP status, whether a {@code 401}
 * carried a challenge we can answer, the response element or the SOAP fault, and the timing the
 * clock needs. {@link #read} checks the answer (every byte is untrusted: typed exceptions with a
 * clear message, never the body); {@link #failure} maps an unsuccessful exchange that is not an
 * authentication matter.
 *
 * <p>Not thread-safe: filled in by the sending thread, then only read.
 */
final class SoapExchange {
  // the session's logger, so that logging configuration is unchanged by the split
  private static final Logger LOG = LoggerFactory.getLogger(OnvifSession.class);

  int status;
  long roundTrips;
  long sentNanos;
  long receivedNanos;
  XmlElement response;
  SoapFault fault;
  boolean challenge;
  boolean basicOnly;
  OnvifSession.AuthMode mode;
  int clockGeneration;

  boolean ok() {
    return response != null && fault == null && status >= 200 && status < 300;
  }

  boolean challenged() {
    return challenge;
  }

  boolean notAuthorized() {
    return fault != null && fault.hasTer("NotAuthorized");
  }

  /**
   * Classifies a {@code 401}: a challenge we can answer (Digest, or Basic where allowed), or a
   * demand for Basic alone. Only meaningful when no HTTP credentials were sent.
   *
   * @param resp the answer
   * @param httpCredsSent whether the request carried HTTP credentials
   * @param allowBasicAuth whether the options allow HTTP Basic
   */
  void classify401(DeviceHttpResponse resp, boolean httpCredsSent, boolean allowBasicAuth) {
    challenge = !httpCredsSent && hasChallenge(resp, allowBasicAuth);
    basicOnly = !httpCredsSent && !challenge && basicOnly(resp);
  }

  private static boolean hasChallenge(DeviceHttpResponse resp, boolean allowBasicAuth) {
    for (String h : resp.headers("www-authenticate")) {
      String l = h.trim().toLowerCase(Locale.ROOT);
      if (l.startsWith("digest") || (allowBasicAuth && l.startsWith("basic"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean basicOnly(DeviceHttpResponse resp) {
    boolean basic = false;
    for (String h : resp.headers("www-authenticate")) {
      String l = h.trim().toLowerCase(Locale.ROOT);
      if (l.startsWith("digest")) {
        return false;
      }
      basic |= l.startsWith("basic");
    }
    return basic;
  }

  /**
   * Reads and checks the answer's body: a SOAP 1.2 envelope whose Body holds either a fault or
   * {@code tds:<op>Response}.
   *
   * @param op the operation
   * @param resp the answer
   * @param device the device, for exceptions
   * @throws ProtocolException if a successful answer is empty, not SOAP 1.2 or not the expected
   *     response, or the XML is refused
   */
  void read(String op, DeviceHttpResponse resp, String device) {
    byte[] b = resp.body();
    boolean success = status >= 200 && status < 300;
    if (b.length == 0) {
      if (success) {
        throw new ProtocolException("empty answer to " + op, device, op, null);
      }
      return;
    }
    String ct = resp.header("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (!ct.isEmpty() && !ct.contains("xml")) {
      if (success) {
        throw new ProtocolException(
            "answer to " + op + " is not SOAP (content type " + mediaType(ct) + ")",
            device,
            op,
            null);
      }
      return; // an HTML error page: the status says it all
    }
    XmlElement root;
    try {
      root = SafeXml.parse(b);
    } catch (SafeXml.RejectedXmlException e) {
      if (!success && !ct.contains("xml")) {
        return;
      }
      throw new ProtocolException("answer to " + op + " refused: " + e.getMessage(), device, op, e);
    }
    if (root.is(Ns.ENV11, "Envelope")) {
      throw new ProtocolException(
          "the device answered with SOAP 1.1; ONVIF requires SOAP 1.2", device, op, null);
    }
    if (!root.is(Ns.ENV, "Envelope")) {
      throw new ProtocolException(
          "answer to " + op + " is not a SOAP 1.2 envelope", device, op, null);
    }
    XmlElement body = root.child(Ns.ENV, "Body").orElse(null);
    if (body == null) {
      throw new ProtocolException("SOAP answer without Body", device, op, null);
    }
    Optional<SoapFault> f = SoapFault.in(body);
    if (f.isPresent()) {
      fault = f.get();
      LOG.debug("{} {} fault {}", device, op, fault.vendorCode());
      return;
    }
    if (!success) {
      return;
    }
    XmlElement r = body.firstChild().orElse(null);
    if (r == null) {
      throw new ProtocolException("empty SOAP Body in answer to " + op, device, op, null);
    }
    if (!r.is(Ns.TDS, op + "Response")) {
      throw new ProtocolException(
          "unexpected answer element " + r.local() + " to " + op, device, op, null);
    }
    response = r;
  }

  private static String mediaType(String ct) {
    String m = ct.split(";", 2)[0].trim();
    m = m.replaceAll("[^a-z0-9/+.\\-]", "");
    return m.length() > 60 ? m.substring(0, 60) : m;
  }

  /**
   * Maps this unsuccessful exchange when it is not an authentication matter.
   *
   * @param op the operation
   * @param device the device, for exceptions
   * @param path the service path, for the "no device service" message
   * @return the exception to throw
   */
  NvrException failure(String op, String device, String path) {
    if (fault != null) {
      return FaultMapper.map(fault, status, device, op);
    }
    if (status == 401) {
      return new AuthenticationFailedException(
          "the device demands authentication for " + op, device, op, -1, null);
    }
    if (status == 404) {
      return new NotSupportedException(
          "no ONVIF device service at " + path + " (HTTP 404)", device, op, null);
    }
    return rejected(
        "the device answered " + op + " with HTTP " + status + " and no SOAP fault",
        device,
        op,
        "http:" + status,
        status);
  }

  /**
   * A refusal that came in an HTTP answer with {@code status}: it keeps the status as its {@link
   * DeviceRejectedException#httpStatus()} when the status is not a success (a fault in a 2xx answer
   * has none).
   *
   * @param message the message; never the device's Reason text
   * @param device the device
   * @param op the operation
   * @param vendorCode the fault's code, or {@code http:<status>} when there was no fault
   * @param status the answer's HTTP status, or 0 when not known
   * @return the exception to throw
   */
  static DeviceRejectedException rejected(
      String message, String device, String op, String vendorCode, int status) {
    if (status >= 300 && status <= 999) {
      return new DeviceRejectedException(message, device, op, vendorCode, status, null);
    }
    return new DeviceRejectedException(message, device, op, vendorCode, null);
  }
}
