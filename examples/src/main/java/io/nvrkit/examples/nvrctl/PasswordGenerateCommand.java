package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nvrctl password generate}: random passwords that satisfy a profile, one per line on stdout
 * and nothing else there (so {@code pw=$(nvrctl password generate)} works).
 */
@Command(
    name = "generate",
    description = {
      "Generate random passwords that satisfy a policy, over a device-safe alphabet.",
      "Prints one password per line on stdout and nothing else there."
    })
public final class PasswordGenerateCommand implements Callable<Integer> {
  /** The most passwords one invocation prints. */
  static final int MAX_COUNT = 10_000;

  @Spec CommandSpec spec;

  @Mixin ProfileOption profile;

  @Option(
      names = "--length",
      paramLabel = "N",
      description = "Password length (default: 20, within the policy's bounds).")
  Integer length;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "How many passwords (1 to " + MAX_COUNT + ", default: ${DEFAULT-VALUE}).")
  int count;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    if (count < 1 || count > MAX_COUNT) {
      throw CliException.usage("--count must be between 1 and " + MAX_COUNT);
    }
    PasswordPolicy policy = profile.profile().policy();
    PasswordGenerator gen = PasswordGenerator.forPolicy(policy);
    if (length != null) {
      try {
        gen = gen.withLength(length);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(
            "--length "
                + length
                + " does not fit profile "
                + profile.profile().cliName()
                + ": "
                + e.getMessage());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      // written by hand so the passwords never become Strings; the safe alphabet needs no escaping
      out.print("{\"profile\":\"" + profile.profile().cliName() + "\",\"passwords\":[");
    }
    for (int i = 0; i < count; i++) {
      try (Secret pw = gen.generate()) {
        char[] c = pw.copyChars();
        try {
          if (json.enabled()) {
            out.print(i == 0 ? "\"" : ",\"");
            out.write(c);
            out.print('"');
          } else {
            out.write(c);
            out.println();
          }
        } finally {
          Arrays.fill(c, '\0');
        }
      }
    }
    if (json.enabled()) {
      out.println("]}");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
