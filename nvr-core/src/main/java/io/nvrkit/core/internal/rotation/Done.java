package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.rotation.RotationReport.Outcome;

/**
 * Where a device ended, before the round trips of its last sessions are added up; {@code retry}
 * when a transient failure left it unsettled and the caller may retry after a backoff.
 */
record Done(Outcome outcome, String reason, boolean retry) {
  Done(Outcome outcome, String reason) {
    this(outcome, reason, false);
  }

  /** A transient failure: retry after a backoff, else mark the device STUCK for {@code reason}. */
  static Done retry(String reason) {
    return new Done(Outcome.STUCK, reason, true);
  }
}
