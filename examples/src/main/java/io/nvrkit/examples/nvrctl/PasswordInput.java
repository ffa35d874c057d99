package io.nvrkit.examples.nvrctl;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --password-stdin | --password-env VAR | --password-file FILE}: the password a command
 * works on. Use as {@code @ArgGroup(exclusive = true, multiplicity = "0..1")}.
 */
public final class PasswordInput extends SecretInput {
  /** Creates the input. */
  public PasswordInput() {
    super("password", "Password");
  }

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      description = "Read the password from environment variable VAR.")
  void env(String var) {
    this.env = var;
  }

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the password from FILE (UTF-8; one trailing line break is ignored).")
  void file(Path path) {
    this.file = path;
  }

  @Option(
      names = "--password-stdin",
      description = "Read the password from the first line of stdin.")
  void stdin(boolean b) {
    this.stdin = b;
  }
}
