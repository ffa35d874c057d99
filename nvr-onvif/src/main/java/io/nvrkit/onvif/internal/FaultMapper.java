package io.nvrkit.onvif.internal;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;

/**
 * Maps a SOAP fault to the core exceptions by namespace URI and local name of its subcodes (never
 * by prefix, never by Reason text). The device's code is kept as {@code vendorCode}, e.g. {@code
 * ter:UsernameClash}; messages are ours, fixed, and never echo the device's Reason.
 */
public final class FaultMapper {
  private FaultMapper() {}

  /**
   * The exception for a fault. NotAuthorized here (outside a login decision) becomes {@link
   * AuthenticationFailedException}; the session handles it before this point where it knows more.
   *
   * @param f the fault
   * @param device the device
   * @param op the operation
   * @return the exception to throw
   */
  public static NvrException map(SoapFault f, String device, String op) {
    return map(f, 0, device, op);
  }

  /**
   * The exception for a fault that came in an HTTP answer with {@code httpStatus}. A refusal keeps
   * the status when it is not a success (the SOAP 1.2 HTTP binding sends a Sender fault with 400
   * and a Receiver fault with 500; devices often send 500 for every fault), next to the fault's
   * code: the code says the device refused with its own verdict, so a fault in a 500 answer is not
   * taken as a bare server error.
   *
   * @param f the fault
   * @param httpStatus the answer's HTTP status, or 0 when not known
   * @param device the device
   * @param op the operation
   * @return the exception to throw
   */
  public static NvrException map(SoapFault f, int httpStatus, String device, String op) {
    String code = ownCode(f.vendorCode());
    if (f.hasTer("NotAuthorized")) {
      return new AuthenticationFailedException(
          "the device refused the credentials (ter:NotAuthorized)", device, op, -1, null);
    }
    if (f.hasTer("ActionNotSupported")) {
      return new NotSupportedException(
          "the device does not implement " + op + " (ter:ActionNotSupported)", device, op, null);
    }
    if (f.codeIs("VersionMismatch")) {
      return new ProtocolException(
          "the device rejected the SOAP version (env:VersionMismatch)", device, op, null);
    }
    return SoapExchange.rejected(message(f, op), device, op, code, httpStatus);
  }

  /**
   * The fault's code as the device's own: a fault is a refusal the device made, so its code is
   * never blank ({@code env:Fault} when it gave none) and never mistaken for a bare HTTP status (a
   * Code of {@code 500} becomes {@code fault:500}), which the rotation engine would read as an
   * answer without a verdict.
   */
  static String ownCode(String code) {
    if (code == null || code.isBlank()) {
      return "env:Fault";
    }
    String c = code.strip();
    String digits = c.regionMatches(true, 0, "http", 0, 4) ? c.substring(4).strip() : c;
    if (digits.startsWith(":")) {
      digits = digits.substring(1);
    }
    return digits.length() == 3 && digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')
        ? "fault:" + c
        : c;
  }

  private static String message(SoapFault f, String op) {
    if (f.hasTer("UsernameClash")) {
      return "a user with this name already exists";
    }
    if (f.hasTer("PasswordTooWeak") || f.hasTer("Password")) {
      return "the device refused the password as too weak";
    }
    if (f.hasTer("PasswordTooLong")) {
      return "the password is longer than the device accepts";
    }
    if (f.hasTer("UsernameTooLong")) {
      return "the user name is longer than the device accepts";
    }
    if (f.hasTer("UsernameTooShort")) {
      return "the user name is shorter than the device accepts";
    }
    if (f.hasTer("TooManyUsers")) {
      return "the device has reached its maximum number of users";
    }
    if (f.hasTer("FixedUser")) {
      return "this user is fixed on the device: it cannot be deleted and its password or level"
          + " cannot be changed";
    }
    if (f.hasTer("UsernameMissing")) {
      return "no such user on the device";
    }
    if (f.hasTer("AnonymousNotAllowed")) {
      return "the device does not allow users at the Anonymous level";
    }
    return "the device refused " + op + " (" + ownCode(f.vendorCode()) + ")";
  }
}
