package io.nvrkit.core.policy;

import java.util.Objects;

/**
 * One reason a password failed a policy. The message is for people and never contains the password
 * (it may name which kind of personal information matched, never the matched text).
 *
 * @param code the stable code
 * @param message a human explanation
 */
public record PolicyViolation(ViolationCode code, String message) {
  /** Checks the components. */
  public PolicyViolation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
