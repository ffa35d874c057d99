package io.nvrkit.core.archfixture;

/** Deliberately bad (ArchUnit fixture): core depending on the examples. */
public final class CoreNamesTheCli {
  private CoreNamesTheCli() {}

  /**
   * A reference to a class outside core.
   *
   * @return the class
   */
  public static Class<?> cli() {
    return io.nvrkit.examples.nvrctl.Nvrctl.class;
  }
}
