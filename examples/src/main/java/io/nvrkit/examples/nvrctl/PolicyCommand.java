package io.nvrkit.examples.nvrctl;

import picocli.CommandLine.Command;

/** {@code nvrctl policy}: password policy commands. */
@Command(
    name = "policy",
    description = "Check passwords against a password policy.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
      // one line per command
      PolicyCheckCommand.class,
    })
public final class PolicyCommand {}
