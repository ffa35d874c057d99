package io.nvrkit.examples.nvrctl;

/**
 * Ends a command with a message for the user and an {@link ExitCodes exit code}. The message is
 * printed as is (no stack trace) and must not contain a secret.
 */
public class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /**
   * Creates the exception.
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message what went wrong and, where possible, what to do
   */
  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  /**
   * Creates the exception with a cause (shown only with {@code --verbose}).
   *
   * @param exitCode one of {@link ExitCodes}
   * @param message what went wrong
   * @param cause the cause
   */
  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /**
   * A usage error (exit code 1).
   *
   * @param message what is wrong with the input
   * @return the exception
   */
  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /**
   * The exit code.
   *
   * @return the code
   */
  public int exitCode() {
    return exitCode;
  }
}
