package io.nvrkit.core.rotation;

/**
 * Called by a rotation after each {@link RotationStep}, on the thread that reached it: the seam
 * crash tests use to simulate the process dying at a given point (throw an {@link Error} there; a
 * rotation never catches one). Set with {@link io.nvrkit.core.NvrKit.Builder#rotationStepHook};
 * production code leaves the default, {@link #NONE}. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RotationStepHook {
  /** Does nothing. */
  RotationStepHook NONE = (step, deviceKey) -> {};

  /**
   * A step was reached.
   *
   * @param step the step
   * @param deviceKey the device ({@code host:port}), or empty for fleet-wide steps
   */
  void reached(RotationStep step, String deviceKey);
}
