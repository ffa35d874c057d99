package io.nvrkit.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a fake device received, as its journal keeps it: what was asked and what happened.
 * Secrets never reach it: the query values of {@code pwd}, {@code pwdOld}, {@code password}, {@code
 * managerPwd}, {@code user.Password} and the like, password fields in JSON and SOAP bodies and the
 * {@code Authorization} header are replaced by {@code ***} before the request is recorded (the
 * journal keeps no body and no header).
 *
 * <pre>{@code
 * assertEquals(1, nvr.journal("modifyPassword").size());
 * RecordedRequest first = nvr.journal().get(0);
 * assertEquals("/cgi-bin/magicBox.cgi", first.path());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RecordedRequest {
  private final Instant received;
  private final String method;
  private final String path;
  private final String redactedTarget;
  private final String operation;
  private final String user;
  private final int status;
  private final FaultKind fault;

  /**
   * A journal entry (the engine creates them; public for tests of code that consumes journals).
   *
   * @param received when the request arrived, on the device's {@link FakeClock}
   * @param method the HTTP method
   * @param path the path, without the query
   * @param redactedTarget the path and query with secret values replaced by {@code ***}
   * @param operation the operation it maps to, or empty
   * @param user the user name the request authenticated as, or empty
   * @param status the HTTP status answered, or 0 if no answer was written
   * @param fault the fault applied, or null
   */
  public RecordedRequest(
      Instant received,
      String method,
      String path,
      String redactedTarget,
      String operation,
      String user,
      int status,
      FaultKind fault) {
    this.received = Objects.requireNonNull(received, "received");
    this.method = Objects.requireNonNull(method, "method");
    this.path = Objects.requireNonNull(path, "path");
    this.redactedTarget = Objects.requireNonNull(redactedTarget, "redactedTarget");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.user = Objects.requireNonNull(user, "user");
    this.status = status;
    this.fault = fault;
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
   * The operation ({@code getSerialNo}, {@code modifyPassword}, {@code login}, {@code
   * GetUsers}...), or empty if the request mapped to none.
   *
   * @return the operation
   */
  public String operation() {
    return operation;
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
   * The HTTP status answered, or 0 if no answer was written (a reset, a drop).
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * Whether an answer was written to the client.
   *
   * @return false after a reset or apply-then-drop
   */
  public boolean answered() {
    return status != 0;
  }

  /**
   * The fault applied to this request (latency is not recorded).
   *
   * @return the fault kind, if any
   */
  public Optional<FaultKind> fault() {
    return Optional.ofNullable(fault);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RecordedRequest)) {
      return false;
    }
    RecordedRequest r = (RecordedRequest) o;
    return received.equals(r.received)
        && method.equals(r.method)
        && redactedTarget.equals(r.redactedTarget)
        && operation.equals(r.operation)
        && user.equals(r.user)
        && status == r.status
        && fault == r.fault;
  }

  @Override
  public int hashCode() {
    return Objects.hash(received, method, redactedTarget, operation, status);
  }

  /** Method, redacted target, operation, user, status and fault; never a secret. */
  @Override
  public String toString() {
    return method
        + " "
        + redactedTarget
        + " ["
        + (operation.isEmpty() ? "?" : operation)
        + (user.isEmpty() ? "" : " as " + user)
        + "] -> "
        + (status == 0 ? "no answer" : String.valueOf(status))
        + (fault == null ? "" : " (fault " + fault.externalName() + ")");
  }
}
