package io.nvrkit.examples.nvrctl;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --new-password-stdin | --new-password-env VAR | --new-password-file FILE}: a password to
 * set. Use as {@code @ArgGroup(exclusive = true, multiplicity = "0..1")}; see {@link SecretInput}.
 */
public final class NewPasswordInput extends SecretInput {
  /** Creates the input. */
  public NewPasswordInput() {
    super("new-password", "New password");
  }

  @Option(
      names = "--new-password-env",
      paramLabel = "VAR",
      description = "Read the new password from environment variable VAR.")
  void env(String var) {
    this.env = var;
  }

  @Option(
      names = "--new-password-file",
      paramLabel = "FILE",
      description = "Read the new password from FILE (UTF-8; one trailing line break is ignored).")
  void file(Path path) {
    this.file = path;
  }

  @Option(
      names = "--new-password-stdin",
      description = "Read the new password from the first line of stdin.")
  void stdin(boolean b) {
    this.stdin = b;
  }
}
