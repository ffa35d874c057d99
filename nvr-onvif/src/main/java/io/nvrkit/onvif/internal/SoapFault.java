package io.nvrkit.onvif.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;

/**
 * A SOAP 1.2 fault: Code/Value and the chain of Subcode/Values as QNames resolved by namespace URI
 * (the prefix a device uses does not matter), and the Reason text (kept only to read lock-out
 * counters such as "You still have 26 attempt(s)"; it is never put into an exception message).
 *
 * @param code the Code value
 * @param subcodes the Subcode values, outermost first (two-level NotAuthorized has one, command
 *     faults two)
 * @param reason the first Reason/Text, possibly empty
 */
public record SoapFault(QName code, List<QName> subcodes, String reason) {
  /** Compiled on first use (only a fault's Reason is searched; most answers are not faults). */
  private static final class Attempts {
    static final Pattern PATTERN =
        Pattern.compile("(\\d{1,4})\\s+(?:more\\s+)?attempt", Pattern.CASE_INSENSITIVE);
  }

  /** Copies the subcodes. */
  public SoapFault {
    subcodes = List.copyOf(subcodes);
  }

  /**
   * Reads the fault in a SOAP 1.2 Body, if there is one.
   *
   * @param body the env:Body element
   * @return the fault
   */
  public static Optional<SoapFault> in(XmlElement body) {
    Optional<XmlElement> f = body.child(Ns.ENV, "Fault");
    if (f.isEmpty()) {
      return Optional.empty();
    }
    XmlElement fault = f.get();
    QName code = new QName("", "");
    List<QName> subs = new ArrayList<>();
    Optional<XmlElement> c = fault.child(Ns.ENV, "Code");
    if (c.isPresent()) {
      code = c.get().child(Ns.ENV, "Value").map(XmlElement::textAsQName).orElse(code);
      Optional<XmlElement> sub = c.get().child(Ns.ENV, "Subcode");
      int guard = 0;
      while (sub.isPresent() && guard++ < 16) {
        sub.get().child(Ns.ENV, "Value").map(XmlElement::textAsQName).ifPresent(subs::add);
        sub = sub.get().child(Ns.ENV, "Subcode");
      }
    }
    String reason =
        fault
            .child(Ns.ENV, "Reason")
            .flatMap(r -> r.child(Ns.ENV, "Text"))
            .map(XmlElement::text)
            .orElse("");
    return Optional.of(new SoapFault(code, subs, reason));
  }

  /**
   * Whether a subcode is {@code ter:localName}. A subcode whose prefix the device forgot to declare
   * (zeep#1205, onvif/specs#402) is matched by local name: its namespace cannot be known, and only
   * the ter vocabulary uses these names.
   *
   * @param localName e.g. {@code NotAuthorized}
   * @return true if present
   */
  public boolean hasTer(String localName) {
    for (QName q : subcodes) {
      if (q.getLocalPart().equals(localName)
          && (Ns.TER.equals(q.getNamespaceURI()) || q.getNamespaceURI().isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the Code is {@code env:localName} (Sender, Receiver, VersionMismatch, ...).
   *
   * @param localName the name
   * @return true if so
   */
  public boolean codeIs(String localName) {
    return code.getLocalPart().equals(localName)
        && (Ns.ENV.equals(code.getNamespaceURI()) || code.getNamespaceURI().isEmpty());
  }

  /**
   * A stable code for {@link io.nvrkit.core.DeviceRejectedException#vendorCode()}: the innermost
   * subcode as {@code ter:Name} (our prefix, whatever the device used), else the Code.
   *
   * @return the code
   */
  public String vendorCode() {
    QName q = subcodes.isEmpty() ? code : subcodes.get(subcodes.size() - 1);
    String ns = q.getNamespaceURI();
    String prefix =
        Ns.TER.equals(ns)
            ? "ter"
            : Ns.ENV.equals(ns) ? "env" : ns.isEmpty() ? q.getPrefix() : "{" + ns + "}";
    return prefix.isEmpty()
        ? q.getLocalPart()
        : prefix + (prefix.startsWith("{") ? "" : ":") + q.getLocalPart();
  }

  /**
   * A lock-out counter in the Reason ("You still have 26 attempt(s)"), if any.
   *
   * @return remaining attempts the device announced, or -1
   */
  public int announcedRemainingAttempts() {
    Matcher m = Attempts.PATTERN.matcher(reason);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  @Override
  public String toString() {
    return "SoapFault[" + vendorCode() + "]";
  }
}
