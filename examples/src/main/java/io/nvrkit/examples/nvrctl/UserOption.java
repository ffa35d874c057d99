package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Secret;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --user NAME} plus the current password ({@code --password-env|-file|-stdin}). */
public final class UserOption {
  @Option(
      names = "--user",
      required = true,
      paramLabel = "NAME",
      description = "Account to log in with, e.g. admin.")
  String user;

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Current password (one of):%n")
  PasswordInput password = new PasswordInput();

  /**
   * Opens a session on the command's kit: with the driver of {@code --vendor}, or by probing.
   *
   * @param spec the command
   * @param endpoint the device
   * @param options the options
   * @param secret the password read with {@link #readPassword}
   * @return the session
   */
  NvrClient connect(
      CommandSpec spec, DeviceEndpoint endpoint, ConnectOptions options, Secret secret) {
    return Nvrctl.kit(spec).connect(endpoint, Credentials.of(user, secret), options);
  }

  Secret readPassword(CommandSpec spec) {
    return password.read(spec);
  }
}
