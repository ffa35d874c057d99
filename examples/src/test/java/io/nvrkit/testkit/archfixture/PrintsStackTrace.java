package io.nvrkit.testkit.archfixture;

/** Deliberately bad (ArchUnit fixture): printStackTrace writes to stderr. */
public final class PrintsStackTrace {
  private PrintsStackTrace() {}

  /**
   * Prints a stack trace.
   *
   * @param e the exception
   */
  public static void report(Exception e) {
    e.printStackTrace();
  }
}
