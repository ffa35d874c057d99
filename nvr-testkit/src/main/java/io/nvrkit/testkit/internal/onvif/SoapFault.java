package io.nvrkit.testkit.internal.onvif;

import java.util.List;
import javax.xml.namespace.QName;

/**
 * A SOAP 1.2 fault the fake answers with: code, nested subcodes (outermost first), reason text. The
 * HTTP status follows the SOAP 1.2 HTTP binding: {@code env:Sender} → 400, everything else ({@code
 * env:Receiver}, {@code env:VersionMismatch}, {@code env:MustUnderstand}) → 500.
 *
 * <p>Thrown inside the personality and turned into a response at the top of {@code handle}.
 */
final class SoapFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final QName SENDER = new QName(Ns.SOAP12, "Sender");
  static final QName RECEIVER = new QName(Ns.SOAP12, "Receiver");
  static final QName VERSION_MISMATCH = new QName(Ns.SOAP12, "VersionMismatch");
  static final QName MUST_UNDERSTAND = new QName(Ns.SOAP12, "MustUnderstand");

  final QName code;
  final List<QName> subcodes;
  final String reason;

  /** Extra SOAP header content (already serialised, prefixes env/ter/tds/tt declared), or null. */
  final String headerXml;

  SoapFault(QName code, List<QName> subcodes, String reason, String headerXml) {
    super(reason, null, false, false);
    this.code = code;
    this.subcodes = List.copyOf(subcodes);
    this.reason = reason;
    this.headerXml = headerXml;
  }

  /** {@code env:Sender} with {@code ter:} subcodes given by local name. */
  static SoapFault sender(String reason, String... terSubcodes) {
    return new SoapFault(SENDER, ter(terSubcodes), reason, null);
  }

  /** {@code env:Receiver} with {@code ter:} subcodes given by local name. */
  static SoapFault receiver(String reason, String... terSubcodes) {
    return new SoapFault(RECEIVER, ter(terSubcodes), reason, null);
  }

  static SoapFault notAuthorized(String reason) {
    return sender(reason, "NotAuthorized");
  }

  static SoapFault wellFormed(String reason) {
    return sender(reason, "WellFormed");
  }

  static SoapFault actionNotSupported(String reason) {
    return receiver(reason, "ActionNotSupported");
  }

  private static List<QName> ter(String... names) {
    QName[] q = new QName[names.length];
    for (int i = 0; i < names.length; i++) {
      q[i] = new QName(Ns.TER, names[i]);
    }
    return List.of(q);
  }

  int httpStatus() {
    return SENDER.equals(code) ? 400 : 500;
  }
}
