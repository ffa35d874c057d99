package io.nvrkit.core;

/**
 * The client refused to try a login because its failed-login budget for this device and user is
 * spent: the next failure could lock the account. Nothing was sent to the device, so this says
 * nothing about whether the password is right. Wait for the device's lockout window, or log in once
 * successfully (which resets the budget).
 */
public class LoginBudgetExhaustedException extends AuthenticationFailedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was refused; must not contain a secret
   * @param device the device concerned ({@code scheme://host:port}), or null
   * @param operation the operation, or null
   */
  public LoginBudgetExhaustedException(String message, String device, String operation) {
    super(message, device, operation, 0, null);
  }
}
