package io.nvrkit.core.rotation;

import io.nvrkit.core.NvrKit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kit rotation tests share: cheap journal key derivation, and a step hook a crash test sets for
 * the rotation it runs (tests in one class run one at a time).
 */
final class TestRotationKit {
  private static final AtomicReference<RotationStepHook> HOOK =
      new AtomicReference<>(RotationStepHook.NONE);

  static final NvrKit KIT =
      NvrKit.builder()
          .journalKdf(JournalKdf.CHEAP_FOR_TESTS)
          .rotationStepHook((step, device) -> HOOK.get().reached(step, device))
          .build();

  private TestRotationKit() {}

  static void hook(RotationStepHook hook) {
    HOOK.set(hook == null ? RotationStepHook.NONE : hook);
  }
}
