package io.nvrkit.core.rotation;

import io.nvrkit.core.DeviceAccount;

/**
 * Receives progress from a running {@link Rotation}, e.g. to draw a progress bar. Methods are
 * called from the rotation's worker threads, concurrently: implementations must be thread-safe and
 * quick. An exception thrown by a listener is logged and ignored.
 */
public interface RotationListener {

  /**
   * The rotation starts.
   *
   * @param devices how many devices it covers
   */
  default void started(int devices) {}

  /**
   * Work on a device starts.
   *
   * @param account the device account
   */
  default void deviceStarted(DeviceAccount account) {}

  /**
   * A device is finished for this run.
   *
   * @param result its outcome
   */
  default void deviceFinished(RotationReport.DeviceResult result) {}
}
