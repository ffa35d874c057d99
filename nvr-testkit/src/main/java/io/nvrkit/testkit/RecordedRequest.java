package io.nvrkit.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a fake device received, as its journal keeps it: what was asked, what the device did,
 * and whether the answer reached the client. Secrets never reach it: the query values of {@code
 * pwd}, {@code pwdOld}, {@code password}, {@code managerPwd}, {@code user.Password} and the like,
 * password fields in JSON and SOAP bodies and the {@code Authorization} header are replaced by
 * {@code ***} before the request is recorded (the journal keeps no body and no header).
 *
 * <pre>{@code
 * nvr.faultOnce(DeviceOperation.CHANGE_PASSWORD, Fault.applyThenDrop());
 * ...
 * RecordedRequest change = nvr.journal(DeviceOperation.CHANGE_PASSWORD).get(0);
 * assertEquals(200, change.status());        // the device applied the change...
 * assertFalse(change.answered());            // ...and the client never saw the answer
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordedRequest {
  private final Instant received;
  private final String method;
  private final String path;
  private final String redactedTarget;
  private final DeviceOperation operation;
  private final String protocolOperation;
  private final boolean credentials;
  private final String user;
  private final int status;
  private final boolean answered;
  private final FaultKind fault;
  private final Duration delay;

  /**
   * A journal entry (the engine creates them; public for tests of code that consumes journals).
   *
   * @param received when the request arrived, on the device's {@link FakeClock}
   * @param method the HTTP method
   * @param path the path, without the query
   * @param redactedTarget the path and query with secret values replaced by {@code ***}
   * @param operation the neutral operation it maps to ({@link DeviceOperation#OTHER} if none)
   * @param protocolOperation the personality's name of the operation, or empty
   * @param credentials whether the request carried credentials the device checked
   * @param user the user name the request authenticated as, or empty
   * @param status the HTTP status the device answered or, if the answer was dropped after the
   *     request was handled, would have answered; 0 if the request was not handled
   * @param answered whether the answer was written to the client
   * @param fault the fault applied, or null
   * @param delay the latency the fake added before handling the request (zero if none)
   */
  public RecordedRequest(
      Instant received,
      String method,
      String path,
      String redactedTarget,
      DeviceOperation operation,
      String protocolOperation,
      boolean credentials,
      String user,
      int status,
      boolean answered,
      FaultKind fault,
      Duration delay) {
    this.received = Objects.requireNonNull(received, "received");
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.redactedTarget = Objects.requireNonNull(redactedTarget, "redactedTarget");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.protocolOperation = Objects.requireNonNull(protocolOperation, "protocolOperation");
    this.credentials = credentials;
    this.user = Objects.requireNonNull(user, "user");
    this.status = status;
    this.answered = answered;
    this.fault = fault;
    this.delay = Objects.requireNonNull(delay, "delay");
  }

  /**
   * When the request arrived, on the device's clock.
   *
   * @return the instant
   */
  public Instant received() {
    return received;
  }

  /**
   * The HTTP method.
   *
   * @return e.g. {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The path without the query, e.g. {@code /cgi-bin/userManager.cgi}.
   *
   * @return the raw path
   */
  public String path() {
    return path;
  }

  /**
   * The path and raw query with secret values replaced by {@code ***}.
   *
   * @return the redacted target
   */
  public String redactedTarget() {
    return redactedTarget;
  }

  /**
   * What the request asked, in words every personality shares ({@link
   * DeviceOperation#CHANGE_PASSWORD}, {@link DeviceOperation#USERS}...); {@link
   * DeviceOperation#OTHER} if it maps to none. A request that also carried credentials matches
   * {@link DeviceOperation#LOGIN} in {@link FakeNvr#journal(DeviceOperation)} (see {@link
   * #matches}).
   *
   * @return the operation
   */
  public DeviceOperation operation() {
    return operation;
  }

  /**
   * The personality's own name of the operation ({@code modifyPassword}, {@code login}, {@code
   * SetUser}, {@code GetUsers}...), or empty if the request mapped to none.
   *
   * @return the protocol operation
   */
  public String protocolOperation() {
    return protocolOperation;
  }

  /**
   * Whether this request counts as {@code operation}: its own operation, {@link
   * DeviceOperation#ANY}, or {@link DeviceOperation#LOGIN} for a request that carried credentials
   * (the device checked a password, rightly or wrongly).
   *
   * @param deviceOperation the operation
   * @return true if it matches
   */
  public boolean matches(DeviceOperation deviceOperation) {
    return deviceOperation == DeviceOperation.ANY
        || deviceOperation == operation
        || (deviceOperation == DeviceOperation.LOGIN && credentials);
  }

  /**
   * The user the request authenticated as, or empty.
   *
   * @return the user name
   */
  public String user() {
    return user;
  }

  /**
   * The HTTP status of the device's answer: the one written, or — when an {@link
   * FaultKind#APPLY_THEN_DROP apply-then-drop} cut the connection after the request was handled —
   * the one the device would have written (the change was applied). 0 if the request was not
   * handled at all (a {@link FaultKind#RESET_BEFORE_RESPONSE reset before the response}).
   *
   * @return the status, or 0
   */
  public int status() {
    return status;
  }

  /**
   * Whether the device handled the request (its change, if any, was applied).
   *
   * @return false only when the request was cut off before the device handled it
   */
  public boolean handled() {
    return status != 0;
  }

  /**
   * Whether the answer reached the client.
   *
   * @return false after a reset or an apply-then-drop
   */
  public boolean answered() {
    return answered;
  }

  /**
   * The fault applied to this request (latency is reported by {@link #delay()}).
   *
   * @return the fault kind, if any
   */
  public Optional<FaultKind> fault() {
    return Optional.ofNullable(fault);
  }

  /**
   * The latency the fake added before handling this request (scripted or drawn).
   *
   * @return the delay, zero if none
   */
  public Duration delay() {
    return delay;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RecordedRequest)) {
      return false;
    }
    RecordedRequest r = (RecordedRequest) other;
    return received.equals(r.received)
        && method.equals(r.method)
        && redactedTarget.equals(r.redactedTarget)
        && operation == r.operation
        && protocolOperation.equals(r.protocolOperation)
        && credentials == r.credentials
        && user.equals(r.user)
        && status == r.status
        && answered == r.answered
        && fault == r.fault
        && delay.equals(r.delay);
  }

  @Override
  public int hashCode() {
    return Objects.hash(received, method, redactedTarget, protocolOperation, status);
  }

  /**
   * Method, redacted target, operations, user, status, what happened to the answer, fault and
   * delay; never a secret. E.g. {@code GET /cgi-bin/userManager.cgi?action=modifyPassword&...
   * [CHANGE_PASSWORD modifyPassword as admin] -> 200, answer dropped (fault apply-then-drop)}.
   */
  @Override
  public String toString() {
    String outcome;
    if (status == 0) {
      outcome = "not handled, no answer";
    } else if (!answered) {
      outcome = status + ", answer dropped";
    } else {
      outcome = String.valueOf(status);
    }
    return method
        + " "
        + redactedTarget
        + " ["
        + operation
        + (protocolOperation.isEmpty() ? "" : " " + protocolOperation)
        + (user.isEmpty() ? "" : " as " + user)
        + "] -> "
        + outcome
        + (fault == null ? "" : " (fault " + fault.externalName() + ")")
        + (delay.isZero() ? "" : " after " + delay.toMillis() + " ms");
  }
}
