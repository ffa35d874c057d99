package io.nvrkit.testkit.archfixture;

/** A JVM-wide singleton in a static, assignable field: what the static-field rule must catch. */
public final class GlobalLoop {
  private static GlobalLoop instance;

  private GlobalLoop() {}

  /** The shared instance, created on first use. */
  public static synchronized GlobalLoop get() {
    if (instance == null) {
      instance = new GlobalLoop();
    }
    return instance;
  }
}
