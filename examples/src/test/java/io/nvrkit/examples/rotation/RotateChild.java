package io.nvrkit.examples.rotation;

import io.nvrkit.core.internal.journal.KdfParams;
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
    KdfParams.overrideForTests(KdfParams.CHEAP_FOR_TESTS);
    System.exit(Nvrctl.commandLine(CliContext.system()).execute(args));
  }
}
