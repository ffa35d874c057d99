package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.rotation.RotationReport.DeviceResult;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import io.nvrkit.core.rotation.RotationTarget;
import io.nvrkit.core.spi.NvrDriver;
import java.time.Duration;

/** Per-device context of one rotation run. Used by one thread at a time. */
final class DeviceRun {
  final String key;
  final String vendor;
  final String user;
  final DeviceEndpoint endpoint;
  final RotationTarget override;
  final long startNanos = System.nanoTime();
  final long deadlineNanos;
  NvrDriver driver;
  ConnectOptions options;
  int roundTrips;
  int failedLogins;
  int sends;

  /** The device refused the new password in this run: its change had not arrived then. */
  boolean newRefused;

  /**
   * Logins of this run with the new password whose answer was lost after the credentials may have
   * reached the device. Once the old password is confirmed each may have been a counted failure
   * (with {@link #failedLogins}, what bounds re-sends); lost logins with the old password were not,
   * as the device held it.
   */
  int uncertainNewLogins;

  int retries;
  long retryDeadline;
  String txId = "";

  /**
   * The new password was generated for, or checked against, {@link DeviceSteps#policy(DeviceRun)}
   * by this run (with the same personal information the driver would use), so the driver need not
   * estimate its strength again; a password taken from the journal on resume is always re-checked.
   */
  boolean checkedThisRun;

  DeviceRun(JournalState.View v, RotationTarget override, Duration deviceTimeout) {
    this.key = v.key();
    this.vendor = v.vendor();
    this.user = v.user();
    this.endpoint = EndpointText.parse(v.url(), v.tls());
    this.override = override;
    this.deadlineNanos = startNanos + deviceTimeout.toNanos();
  }

  boolean pastDeadline() {
    return System.nanoTime() - deadlineNanos > 0;
  }

  Done result(Outcome outcome, String reason) {
    return new Done(outcome, reason);
  }

  DeviceResult finish(Done d) {
    return new DeviceResult(
        DeviceAccount.of(endpoint, vendor, user),
        d.outcome(),
        d.reason(),
        roundTrips,
        failedLogins,
        Duration.ofNanos(System.nanoTime() - startNanos));
  }
}
