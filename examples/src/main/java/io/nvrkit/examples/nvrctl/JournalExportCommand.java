package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.JournalExport;
import io.nvrkit.core.rotation.RotationJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nvrctl journal export}: the current credentials, to an owner-only CSV file. */
@Command(
    name = "export",
    description = {
      "Write every device's current password to a new CSV file (url,user,password) readable by"
          + " its owner only, and record the export in the journal.",
      "Devices whose unfinished rotation leaves the password uncertain are left out and listed:"
          + " run 'nvrctl rotate --resume' first, or, for the break-glass path, write both of their"
          + " candidate passwords (old and new) to a second owner-only file with --candidates-out."
          + " Exit 0, 8 when some were left out of --out, 7 on a journal error."
    })
public final class JournalExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--journal", paramLabel = "FILE", required = true, description = "The journal.")
  Path journal;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "The CSV file to create (must not exist).")
  Path outFile;

  @Option(
      names = "--candidates-out",
      paramLabel = "FILE",
      description =
          "Also write the old and the new candidate password of every uncertain device to this new"
              + " CSV file (url,user,candidate,password), readable by its owner only.")
  Path candidatesFile;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  JournalPassphraseInput passphrase = new JournalPassphraseInput();

  @Override
  public Integer call() {
    if (candidatesFile != null) {
      // both files are new: find a clash before the first one holds passwords
      if (outFile
          .toAbsolutePath()
          .normalize()
          .equals(candidatesFile.toAbsolutePath().normalize())) {
        throw new CliException(
            ExitCodes.USAGE, "--out and --candidates-out must be different files");
      }
      if (java.nio.file.Files.exists(candidatesFile)) {
        throw new CliException(
            ExitCodes.JOURNAL,
            "export file already exists (refusing to overwrite): " + candidatesFile);
      }
    }
    JournalExport e;
    JournalExport candidates = null;
    try (Secret pass = passphrase.read(spec);
        RotationJournal j = RotationJournal.open(journal, pass)) {
      e = j.exportCsv(outFile);
      if (candidatesFile != null) {
        candidates = j.exportCandidatesCsv(candidatesFile);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("exported " + e.exported() + " credential(s) to " + outFile + " (owner-only)");
    for (DeviceAccount d : e.uncertain()) {
      out.println(
          "left out (password uncertain, resume first"
              + (candidates == null ? "" : "; both candidates are in " + candidatesFile)
              + "): "
              + d);
    }
    if (candidates != null) {
      out.println(
          "wrote the old and new candidates of "
              + candidates.exported()
              + " uncertain device(s) to "
              + candidatesFile
              + " (owner-only)");
    }
    out.flush();
    return e.uncertain().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }
}
