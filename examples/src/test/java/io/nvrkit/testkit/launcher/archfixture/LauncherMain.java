package io.nvrkit.testkit.launcher.archfixture;

/** Fine (ArchUnit fixture): the testkit's standalone launcher may print. */
public final class LauncherMain {
  private LauncherMain() {}

  /**
   * Prints the port.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    System.out.println("listening on 127.0.0.1:0");
  }
}
