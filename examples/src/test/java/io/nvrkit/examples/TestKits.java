package io.nvrkit.examples;

import io.nvrkit.core.NvrKit;
import io.nvrkit.core.rotation.JournalKdf;
import io.nvrkit.core.rotation.RotationStepHook;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kit the examples' rotation and nvrctl tests use: cheap journal key derivation, and a step
 * hook a crash test sets for the rotation it runs.
 */
public final class TestKits {
  private static final AtomicReference<RotationStepHook> HOOK =
      new AtomicReference<>(RotationStepHook.NONE);

  /** Drivers from the class path, cheap journals, the settable hook. */
  public static final NvrKit KIT = cheapKit();

  private TestKits() {}

  /**
   * A new kit with cheap journals and the settable hook (its own lockout ledger).
   *
   * @return the kit; the caller closes it
   */
  public static NvrKit cheapKit() {
    return NvrKit.builder()
        .journalKdf(JournalKdf.CHEAP_FOR_TESTS)
        .rotationStepHook((step, device) -> HOOK.get().reached(step, device))
        .build();
  }

  /**
   * Sets the hook of the kits made here (null: none).
   *
   * @param hook the hook
   */
  public static void hook(RotationStepHook hook) {
    HOOK.set(hook == null ? RotationStepHook.NONE : hook);
  }
}
