package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.JournalStatus;
import io.nvrkit.core.rotation.RotationJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nvrctl journal status}: every device's state in a journal, without secrets. */
@Command(
    name = "status",
    description =
        "Show every device's state in a rotation journal (no secrets). Exit 0 when all"
            + " are committed, 8 otherwise, 7 on a journal error.")
public final class JournalStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--journal", paramLabel = "FILE", required = true, description = "The journal.")
  Path journal;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  JournalPassphraseInput passphrase = new JournalPassphraseInput();

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    JournalStatus s;
    try (Secret pass = passphrase.read(spec);
        RotationJournal j = RotationJournal.open(journal, pass)) {
      s = j.status();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      out.print(s.toJson());
    } else {
      out.println("journal " + journal + " (" + s.kdf() + ")");
      for (String note : s.recoveryNotes()) {
        out.println("repaired: " + note);
      }
      for (JournalStatus.State st : JournalStatus.State.values()) {
        out.println(String.format(java.util.Locale.ROOT, "  %-12s %d", st, s.count(st)));
      }
      out.println(
          "  exports      "
              + s.exports()
              + (s.lastExport() == null ? "" : " (last " + s.lastExport() + ")"));
      for (JournalStatus.DeviceStatus d : s.devices()) {
        if (d.state() != JournalStatus.State.COMMITTED) {
          out.println(
              d.state()
                  + " "
                  + d.account()
                  + (d.lastStep().isEmpty() ? "" : " [" + d.lastStep() + "]")
                  + (d.reason().isEmpty() ? "" : ": " + d.reason()));
        }
      }
    }
    out.flush();
    return s.count(JournalStatus.State.COMMITTED) == s.devices().size()
        ? ExitCodes.OK
        : ExitCodes.PARTIAL;
  }
}
