package io.nvrkit.examples.nvrctl;

import picocli.CommandLine.Command;

/** {@code nvrctl password}: password commands that need no device. */
@Command(
    name = "password",
    description = "Generate passwords.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      // one line per command
      PasswordGenerateCommand.class,
    })
public final class PasswordCommand {}
