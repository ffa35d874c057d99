package io.nvrkit.examples.archfixture;

import io.nvrkit.core.internal.LockoutGuard;

/** Deliberately bad (ArchUnit fixture): an example using an internal package. */
public final class ExampleUsesInternal {
  private ExampleUsesInternal() {}

  /**
   * Names an internal class.
   *
   * @return the class
   */
  public static Class<?> guard() {
    return LockoutGuard.class;
  }
}
