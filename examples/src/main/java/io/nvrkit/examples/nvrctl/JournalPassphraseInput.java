package io.nvrkit.examples.nvrctl;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --journal-passphrase-env VAR | --journal-passphrase-file FILE |
 * --journal-passphrase-stdin}, or a prompt when a terminal is attached: the passphrase of a
 * rotation journal. Use as {@code @ArgGroup(exclusive = true, multiplicity = "0..1")}.
 */
public final class JournalPassphraseInput extends SecretInput {
  /** Creates the input. */
  public JournalPassphraseInput() {
    super("journal-passphrase", "Journal passphrase");
  }

  @Option(
      names = "--journal-passphrase-env",
      paramLabel = "VAR",
      description = "Read the journal passphrase from environment variable VAR.")
  void env(String var) {
    this.env = var;
  }

  @Option(
      names = "--journal-passphrase-file",
      paramLabel = "FILE",
      description =
          "Read the journal passphrase from FILE (UTF-8; one trailing line break ignored).")
  void file(Path path) {
    this.file = path;
  }

  @Option(
      names = "--journal-passphrase-stdin",
      description = "Read the journal passphrase from the first line of stdin.")
  void stdin(boolean b) {
    this.stdin = b;
  }
}
