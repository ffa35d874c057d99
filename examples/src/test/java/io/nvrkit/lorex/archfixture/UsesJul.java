package io.nvrkit.lorex.archfixture;

/** Deliberately bad (ArchUnit fixture): java.util.logging in library code. */
public final class UsesJul {
  private UsesJul() {}

  /** Logs with JUL. */
  public static void log() {
    java.util.logging.Logger.getLogger("x").info("hello");
  }
}
