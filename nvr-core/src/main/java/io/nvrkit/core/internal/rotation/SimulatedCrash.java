package io.nvrkit.core.internal.rotation;

/**
 * Thrown by a test {@link io.nvrkit.core.rotation.RotationStepHook} to simulate the process dying
 * at a protocol step. An {@link Error}, so that no {@code catch (NvrException)} in the engine can
 * absorb it.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the crash.
   *
   * @param message where it happened
   */
  public SimulatedCrash(String message) {
    super(message, null, false, false);
  }
}
