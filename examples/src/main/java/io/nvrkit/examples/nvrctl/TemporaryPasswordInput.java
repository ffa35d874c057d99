package io.nvrkit.examples.nvrctl;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --temporary-password-env VAR | --temporary-password-file FILE |
 * --temporary-password-stdin}.
 */
public final class TemporaryPasswordInput extends SecretInput {
  /** Creates the input. */
  public TemporaryPasswordInput() {
    super("temporary-password", "Temporary password");
  }

  @Option(
      names = "--temporary-password-env",
      paramLabel = "VAR",
      description = "Read the vendor's temporary password from environment variable VAR.")
  void env(String var) {
    this.env = var;
  }

  @Option(
      names = "--temporary-password-file",
      paramLabel = "FILE",
      description = "Read the temporary password from FILE.")
  void file(Path path) {
    this.file = path;
  }

  @Option(
      names = "--temporary-password-stdin",
      description = "Read the temporary password from the first line of stdin.")
  void stdin(boolean b) {
    this.stdin = b;
  }
}
