package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.Rotation;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nvrctl rotate}: rotates the passwords of every device in an inventory, recording each step
 * in an encrypted journal; {@code --resume} finishes a rotation the journal holds (after a crash,
 * or to retry the devices that did not commit).
 */
@Command(
    name = "rotate",
    description = {
      "Rotate the passwords of a fleet, crash-safely.",
      "Each new password is written to the encrypted journal and forced to disk before it is sent;"
          + " it is verified by a fresh login and the old password being refused, then committed."
          + " Network errors and 5xx answers are retried with backoff for up to 60 s per device."
          + " After a crash, run again with --resume. Exit 0 when every device is committed, 8 when"
          + " some are not (the report says why, and when a resume can settle them), 7 on a journal"
          + " error or when another process is rotating with the journal."
    })
public final class RotateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--inventory",
      paramLabel = "FILE",
      description =
          "CSV (url,vendor,user,password[,tls]) or JSON inventory; a password may be env:NAME."
              + " Must not be readable by group or others.")
  Path inventory;

  @Option(names = "--journal", paramLabel = "FILE", required = true, description = "The journal.")
  Path journal;

  @Option(
      names = "--resume",
      description = "Finish the rotation the journal holds instead of starting one.")
  boolean resume;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  JournalPassphraseInput passphrase = new JournalPassphraseInput();

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "8",
      description = "Devices worked on at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      converter = Profile.Converter.class,
      completionCandidates = Profile.Names.class,
      description =
          "Password policy for new passwords: ${COMPLETION-CANDIDATES} (default: each driver's"
              + " own).")
  Profile profile;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write the per-device report to FILE (CSV if it ends in .csv, else JSON).")
  Path report;

  @Option(
      names = "--no-verify-old",
      description =
          "Do not check that the old password is refused (saves the one failed login it costs).")
  boolean noVerifyOld;

  @Override
  public Integer call() {
    if (!resume && inventory == null) {
      throw CliException.usage("--inventory FILE is required (or --resume to finish a rotation)");
    }
    if (resume && inventory != null) {
      throw CliException.usage(
          "--resume takes the devices from the journal; do not give --inventory");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RotationPlan.Builder b =
        resume
            ? RotationPlan.builder()
            : RotationPlan.fromInventory(inventory, Nvrctl.context(spec)::env);
    b.concurrency(concurrency).verifyOldPasswordRefused(!noVerifyOld);
    if (profile != null) {
      b.policy(profile.policy());
    }
    RotationPlan plan = b.build();
    boolean terminal = Nvrctl.context(spec).prompt() != null;
    RotationReport r;
    try (Secret pass = passphrase.read(spec);
        RotationJournal j =
            resume
                ? RotationJournal.open(journal, pass)
                : RotationJournal.create(Nvrctl.kit(spec), journal, pass);
        RotationProgress progress = new RotationProgress(out, err, terminal)) {
      for (String note : j.recoveryNotes()) {
        err.println("nvrctl: journal repaired: " + note);
      }
      Rotation rotation = Rotation.of(Nvrctl.kit(spec), plan, j, progress);
      try {
        r = resume ? rotation.resume() : rotation.run();
      } catch (IllegalStateException e) {
        throw new CliException(ExitCodes.JOURNAL, e.getMessage(), e);
      }
    }
    if (report != null) {
      writeReport(r);
    }
    out.println(
        "committed "
            + r.count(Outcome.COMMITTED)
            + ", unchanged "
            + r.count(Outcome.UNCHANGED)
            + ", stuck "
            + r.count(Outcome.STUCK)
            + " of "
            + r.devices().size()
            + " device(s)");
    if (terminal) {
      for (RotationReport.DeviceResult d : r.notCommitted()) {
        out.println(RotationProgress.line(d));
      }
    }
    if (!r.allCommitted()) {
      out.println(
          "Not every device is committed. Run 'nvrctl rotate --resume --journal "
              + journal
              + "' to retry them; see docs/rotating-a-fleet.md for STUCK devices.");
    }
    out.flush();
    return r.allCommitted() ? ExitCodes.OK : ExitCodes.PARTIAL;
  }

  private void writeReport(RotationReport r) {
    try (Writer w = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      if (report.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
        r.writeCsv(w);
      } else {
        r.writeJson(w);
      }
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot write the report " + report + ": " + e.getClass().getSimpleName(),
          e);
    }
  }
}
