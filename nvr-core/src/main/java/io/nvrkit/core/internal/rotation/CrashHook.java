package io.nvrkit.core.internal.rotation;

/**
 * Test hook called by the engine after each protocol {@link Step}; a test implementation throws
 * {@link SimulatedCrash} to simulate a crash there. Production uses {@link #NONE}.
 */
@FunctionalInterface
public interface CrashHook {
  /** Does nothing. */
  CrashHook NONE = (step, device) -> {};

  /**
   * A step was reached.
   *
   * @param step the step
   * @param device the device key, or empty for fleet-wide steps
   */
  void reached(Step step, String device);

  /** The hook for rotations started from now on in this JVM (tests only). */
  final class Installed {
    private static volatile CrashHook hook = NONE;

    private Installed() {}

    /**
     * The installed hook.
     *
     * @return the hook
     */
    public static CrashHook get() {
      return hook;
    }

    /**
     * Installs a hook (null restores {@link #NONE}). Tests only.
     *
     * @param h the hook
     */
    public static void set(CrashHook h) {
      hook = h == null ? NONE : h;
    }
  }
}
