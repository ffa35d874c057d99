package io.nvrkit.core;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The client refused to try a login because its failed-login budget for this device and user is
 * spent: the next failure could lock the account. Nothing was sent to the device, so this says
 * nothing about whether the password is right. Wait until {@link #safeAfter()}, log in once
 * successfully (which resets the budget), or, when sure of the password, spend the last attempt
 * with an explicit {@link ConnectOptions.Builder#attemptBudget(int)} for that one call.
 */
public class LoginBudgetExhaustedException extends AuthenticationFailedException {
  private static final long serialVersionUID = 1L;

  private final int attemptsLeftOnDevice;
  private final Instant safeAfter;

  /**
   * Creates the exception.
   *
   * @param message what was refused; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   */
  public LoginBudgetExhaustedException(String message, String device, String operation) {
    this(message, device, operation, -1, null);
  }

  /**
   * Creates the exception with what the lockout ledger knows.
   *
   * @param message what was refused; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   * @param attemptsLeftOnDevice failed logins the device still allows before it locks, or -1 if
   *     unknown
   * @param safeAfter when the recorded failures lapse, or null if unknown
   */
  public LoginBudgetExhaustedException(
      String message,
      String device,
      String operation,
      int attemptsLeftOnDevice,
      Instant safeAfter) {
    super(message, device, operation, 0, null);
    this.attemptsLeftOnDevice = attemptsLeftOnDevice;
    this.safeAfter = safeAfter;
  }

  /**
   * Failed logins the device still allows before it locks the account, as far as the ledger knows.
   *
   * @return the count, if known
   */
  public OptionalInt attemptsLeftOnDevice() {
    return attemptsLeftOnDevice < 0 ? OptionalInt.empty() : OptionalInt.of(attemptsLeftOnDevice);
  }

  /**
   * When the recorded failures lapse and trying again is safe.
   *
   * @return the instant, if known (else only a successful login resets the budget)
   */
  public Optional<Instant> safeAfter() {
    return Optional.ofNullable(safeAfter);
  }
}
