package io.nvrkit.hikvision.internal;

import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.core.policy.ViolationCode;
import io.nvrkit.hikvision.internal.IsapiDocs.ResponseStatus;
import java.util.List;
import java.util.Locale;

/**
 * Maps an ISAPI answer other than success and 401 to the core's exceptions (research note §4),
 * keyed on the HTTP status, {@code statusCode} and {@code subStatusCode}, never on the words:
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>answer</th><th>exception</th><th>vendor code</th></tr>
 *   <tr><td>{@code notSupport}, {@code methodNotAllowed}, HTTP 404/405/501</td>
 *       <td>{@link NotSupportedException}</td><td>–</td></tr>
 *   <tr><td>a sub-status naming the password ({@code *password*}, {@code *pwd*}, {@code *weak*},
 *       {@code *risk*}) on a request that carries a new password</td>
 *       <td>{@link PolicyViolationException} ({@link ViolationCode#TOO_WEAK})</td><td>–</td></tr>
 *   <tr><td>statusCode 2 (Device Busy)</td><td>{@link DeviceUnreachableException} (retryable)</td>
 *       <td>–</td></tr>
 *   <tr><td>statusCode 5 ({@code badXmlFormat})</td><td>{@link ProtocolException}</td><td>–</td></tr>
 *   <tr><td>any other ResponseStatus (3, 4, 6, 9, {@code lowPrivilege}, {@code badParameters},
 *       {@code deviceError}, ...)</td><td>{@link DeviceRejectedException}</td>
 *       <td>{@code statusCode/subStatusCode}, e.g. {@code 6/badParameters}</td></tr>
 *   <tr><td>no ResponseStatus: 400, 403, 5xx</td><td>{@link DeviceRejectedException}</td>
 *       <td>{@code HTTP 403} ...</td></tr>
 *   <tr><td>anything else</td><td>{@link ProtocolException}</td><td>–</td></tr>
 * </table>
 *
 * <p>A {@link DeviceRejectedException} keeps the {@linkplain DeviceRejectedException#httpStatus()
 * HTTP status} of an answer that was not a 2xx, a ResponseStatus answer's too (its vendor code then
 * says the device judged the request, so a ResponseStatus in a 5xx answer is not taken as a bare
 * server error); a ResponseStatus in a 2xx answer has none.
 *
 * <p>No password-specific sub-status is documented (research note §4: none found): the password
 * rule is an adapter choice, made only for requests that carry a new password. Pure functions;
 * thread-safe.
 */
public final class IsapiErrors {
  private IsapiErrors() {}

  /**
   * Whether a 2xx body means success: no body, a body that is not a ResponseStatus, or a
   * ResponseStatus with statusCode 0/1 (or 7, "Reboot Required": applied).
   *
   * @param body the 2xx body
   * @return the failure status, or null for success
   */
  public static ResponseStatus failureIn2xx(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    ResponseStatus rs = IsapiDocs.responseStatus(body);
    if (rs == null || rs.ok() || rs.statusCode() == 7 || rs.statusCode() == -1) {
      return null;
    }
    return rs;
  }

  /**
   * The exception for an answer that is neither success nor 401.
   *
   * @param httpStatus the HTTP status
   * @param body the body
   * @param carriesNewPassword whether the request carried a new password
   * @param device the device, for the exception
   * @param op the operation, for the exception
   * @return the exception to throw
   */
  public static NvrException map(
      int httpStatus, byte[] body, boolean carriesNewPassword, String device, String op) {
    ResponseStatus rs = IsapiDocs.responseStatus(body);
    String sub = rs == null || rs.subStatusCode() == null ? "" : rs.subStatusCode();
    String subLower = sub.toLowerCase(Locale.ROOT);
    if (subLower.equals("notsupport")
        || subLower.equals("methodnotallowed")
        || httpStatus == 404
        || httpStatus == 405
        || httpStatus == 501) {
      return new NotSupportedException(
          "the device does not support " + op + " (" + describe(httpStatus, rs) + ")",
          device,
          op,
          null);
    }
    if (carriesNewPassword
        && (subLower.contains("password")
            || subLower.contains("pwd")
            || subLower.contains("weak")
            || subLower.contains("risk"))) {
      return new PolicyViolationException(
          new PolicyReport(
              "hikvisionDevice",
              List.of(
                  new PolicyViolation(
                      ViolationCode.TOO_WEAK, "the device refused the new password (" + sub + ")")),
              -1,
              List.of()),
          device,
          op);
    }
    if (rs != null) {
      if (rs.statusCode() == 2) {
        return new DeviceUnreachableException(
            "the device is busy (" + describe(httpStatus, rs) + "); try again later",
            device,
            op,
            false, // answered without judging the credentials: no failed login counted
            null);
      }
      if (rs.statusCode() == 5) {
        return new ProtocolException(
            "the device could not parse the request (" + describe(httpStatus, rs) + ")",
            device,
            op,
            null);
      }
      String message = "the device refused " + op + " (" + describe(httpStatus, rs) + ")";
      String code = rs.statusCode() + (sub.isEmpty() ? "" : "/" + sub);
      if (httpStatus >= 200 && httpStatus < 300) {
        // a ResponseStatus in a 2xx answer: the refusal came without an HTTP error status
        return new DeviceRejectedException(message, device, op, code, null);
      }
      return new DeviceRejectedException(message, device, op, code, httpStatus, null);
    }
    if (httpStatus == 400 || httpStatus == 403 || (httpStatus >= 500 && httpStatus < 600)) {
      return new DeviceRejectedException(
          "the device refused " + op + " (HTTP " + httpStatus + ")",
          device,
          op,
          "HTTP " + httpStatus,
          httpStatus,
          null);
    }
    return new ProtocolException(
        "the device answered an unexpected HTTP " + httpStatus + " to " + op, device, op, null);
  }

  private static String describe(int http, ResponseStatus rs) {
    if (rs == null) {
      return "HTTP " + http;
    }
    return "HTTP "
        + http
        + ", statusCode "
        + rs.statusCode()
        + (rs.subStatusCode() == null ? "" : ", " + rs.subStatusCode());
  }
}
