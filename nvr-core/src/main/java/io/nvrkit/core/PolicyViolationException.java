package io.nvrkit.core;

import io.nvrkit.core.policy.PolicyReport;
import java.util.Objects;

/**
 * A password was refused by a {@link io.nvrkit.core.policy.PasswordPolicy} before anything was sent
 * to the device. {@link #report()} lists every violation with a stable code; neither carries the
 * password.
 */
public class PolicyViolationException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** The report; not serialized with the exception. */
  private final transient PolicyReport report;

  /**
   * Creates the exception.
   *
   * @param report the failed report
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   */
  public PolicyViolationException(PolicyReport report, String device, String operation) {
    super(
        "password refused by policy: " + Objects.requireNonNull(report, "report").summary(),
        device,
        operation,
        null);
    this.report = report;
  }

  /**
   * Creates the exception for a report.
   *
   * @param report the failed report
   */
  public PolicyViolationException(PolicyReport report) {
    this(report, null, null);
  }

  /**
   * The violations found.
   *
   * @return the report
   */
  public PolicyReport report() {
    return report;
  }
}
