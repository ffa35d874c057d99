package io.nvrkit.examples.nvrctl;

import picocli.CommandLine.Command;

/** {@code nvrctl reset request|complete}: the vendor's password-reset procedure. */
@Command(
    name = "reset",
    description = {
      "The vendor's password-reset procedure.",
      "Request a temporary password (with the device's identity and two photos), then complete"
          + " with it. There is no reset without the vendor's grant."
    },
    subcommands = {ResetRequestCommand.class, ResetCompleteCommand.class})
public final class ResetCommand {}
