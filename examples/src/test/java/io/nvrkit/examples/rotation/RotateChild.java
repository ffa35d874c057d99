package io.nvrkit.examples.rotation;

import io.nvrkit.examples.nvrctl.CliContext;
import io.nvrkit.examples.nvrctl.Nvrctl;

/**
 * {@code nvrctl} in a child JVM, with cheap Argon2 parameters for new journals (the only difference
 * from the real command line). The SIGKILL test runs it.
 */
public final class RotateChild {
  private RotateChild() {}

  /**
   * Runs nvrctl and exits with its code.
   *
   * @param args nvrctl arguments
   */
  public static void main(String[] args) {
    System.exit(
        Nvrctl.commandLine(CliContext.system().withKit(io.nvrkit.examples.TestKits.cheapKit()))
            .execute(args));
  }
}
