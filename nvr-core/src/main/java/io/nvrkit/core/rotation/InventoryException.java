package io.nvrkit.core.rotation;

import io.nvrkit.core.NvrException;

/**
 * An inventory file cannot be used: unsafe permissions, a malformed line, a missing column or an
 * unset {@code env:} variable. The message names the file and line, never a password.
 */
public class InventoryException extends NvrException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong and where; must not contain a secret
   * @param cause the underlying exception, or null
   */
  public InventoryException(String message, Throwable cause) {
    super(message, null, "inventory", cause);
  }
}
