package io.nvrkit.core.reset;

import io.nvrkit.core.NvrException;

/**
 * A reset package could not be verified: a file is missing, malformed, larger than allowed, or does
 * not match the size or SHA-256 recorded in its {@code manifest.json}. {@link #file()} names the
 * offending file inside the package. Thrown by {@link
 * ResetPackageChannel#read(java.nio.file.Path)}.
 *
 * <p>Not retryable: the package must be written again from the original photos.
 */
public class CorruptResetPackageException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** The file inside the package, such as {@code info-screen.jpg}. */
  private final String file;

  /**
   * Creates the exception.
   *
   * @param file the file inside the package that failed, such as {@code manifest.json}
   * @param message what is wrong with it; must not contain a secret
   * @param cause the underlying exception, or null
   */
  public CorruptResetPackageException(String file, String message, Throwable cause) {
    super(file + ": " + message, null, "readResetPackage", cause);
    this.file = file;
  }

  /**
   * The file inside the package that failed verification.
   *
   * @return its name, such as {@code sticker.png} or {@code manifest.json}
   */
  public String file() {
    return file;
  }
}
