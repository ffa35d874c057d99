package io.nvrkit.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The result of a password change that the device accepted. Refusals are thrown, not returned:
 * {@link PolicyViolationException}, {@link DeviceRejectedException}, {@link
 * AuthenticationFailedException}.
 *
 * @param user the account changed
 * @param outcome whether the change was verified
 * @param roundTrips HTTP exchanges the change cost (including verification)
 * @param duration wall time of the change
 * @param followUps other places that still hold the old password
 */
public record PasswordChangeResult(
    String user, Outcome outcome, int roundTrips, Duration duration, List<FollowUp> followUps) {

  /** Checks and copies the components. */
  public PasswordChangeResult {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    followUps = List.copyOf(followUps);
  }

  /** How far a change got. */
  public enum Outcome {
    /** Changed, and a fresh login with the new password succeeded. */
    CHANGED_AND_VERIFIED,
    /** The device accepted the change; verification was not requested. */
    CHANGED_UNVERIFIED
  }
}
