package io.nvrkit.testkit.archfixture;

/**
 * A JVM-wide singleton in a static, assignable field, and a shared table in a static array: what
 * the static-field rules must catch.
 */
public final class GlobalLoop {
  private static GlobalLoop instance;

  /** Final, yet anyone who reaches it can change its elements. */
  static final String[] NAMES = {"a", "b"};

  private GlobalLoop() {}

  /** The shared instance, created on first use. */
  public static synchronized GlobalLoop get() {
    if (instance == null) {
      instance = new GlobalLoop();
    }
    return instance;
  }
}
