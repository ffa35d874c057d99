package io.nvrkit.examples.nvrctl;

import picocli.CommandLine.Command;

/** {@code nvrctl journal}: inspect and export a rotation journal. */
@Command(
    name = "journal",
    description = "Inspect a rotation journal, or export the current credentials it holds.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      // one line per command
      JournalStatusCommand.class,
      JournalExportCommand.class,
    })
public final class JournalCommand {}
