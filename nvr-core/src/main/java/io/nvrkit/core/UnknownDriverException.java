package io.nvrkit.core;

import java.util.List;
import java.util.Objects;

/**
 * A driver id names no driver of the kit (or more than one). The message names the installed
 * drivers, so the caller can correct the id or install the driver's module.
 */
public final class UnknownDriverException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** The id that was asked for. */
  private final String driverId;

  /** The ids of the kit's drivers. */
  private final String[] installed;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the installed drivers
   * @param driverId the id asked for
   * @param installed the ids of the kit's drivers
   */
  public UnknownDriverException(String message, String driverId, List<String> installed) {
    super(message);
    this.driverId = Objects.requireNonNull(driverId, "driverId");
    this.installed = installed.toArray(new String[0]);
  }

  /**
   * The id that was asked for.
   *
   * @return the id
   */
  public String driverId() {
    return driverId;
  }

  /**
   * The ids of the kit's drivers.
   *
   * @return the ids, possibly empty
   */
  public List<String> installed() {
    return List.of(installed);
  }
}
