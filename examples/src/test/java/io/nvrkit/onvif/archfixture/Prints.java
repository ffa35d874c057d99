package io.nvrkit.onvif.archfixture;

/** Deliberately bad (ArchUnit fixture): library code printing to stdout. */
public final class Prints {
  private Prints() {}

  /** Prints. */
  public static void hello() {
    System.out.println("hello");
  }
}
