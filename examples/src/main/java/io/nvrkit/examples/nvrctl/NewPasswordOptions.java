package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where a new password comes from: {@code --new-password-env VAR | --new-password-file FILE |
 * --generate --new-password-out FILE}, and the policy it must satisfy ({@code --profile P}, else
 * the command's default, normally {@link #driverPolicy(NvrClient) the connected driver's}). A
 * generated password is written to an owner-only file and forced to disk <em>before</em> it is sent
 * to the device, and never printed; a given one is checked before anything is sent.
 */
public final class NewPasswordOptions {
  /** A given password. */
  static final class Given extends SecretInput {
    Given() {
      super("new-password", "New password");
    }

    @Option(
        names = "--new-password-env",
        paramLabel = "VAR",
        description = "Read the new password from environment variable VAR.")
    void env(String var) {
      this.env = var;
    }

    @Option(
        names = "--new-password-file",
        paramLabel = "FILE",
        description = "Read the new password from FILE.")
    void file(Path path) {
      this.file = path;
    }
  }

  /** A generated password. */
  static final class Generated {
    @Option(
        names = "--generate",
        required = true,
        description = "Generate a strong new password (never printed).")
    boolean generate;

    @Option(
        names = "--new-password-out",
        required = true,
        paramLabel = "FILE",
        description =
            "Write the generated password to FILE (created owner-only, never overwritten).")
    Path out;
  }

  @ArgGroup(exclusive = false, multiplicity = "0..1")
  Generated generated;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      converter = Profile.Converter.class,
      completionCandidates = Profile.Names.class,
      description =
          "Policy the new password must satisfy, given or generated: lorex, lorex-guidance,"
              + " dahua-firmware, nist (default: the policy of the device's driver).")
  Profile profile;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Given given = new Given();

  /**
   * The new password: read, or generated and stored.
   *
   * @param spec the command
   * @param defaultPolicy the policy when {@code --profile} is not given
   * @param personal what it must not contain
   * @return the password, generated to satisfy the policy or read and checked against it; the
   *     caller closes it
   * @throws PolicyViolationException if a given password does not satisfy the policy
   */
  Secret obtain(CommandSpec spec, PasswordPolicy defaultPolicy, PersonalInfo personal) {
    PasswordPolicy p = policy(defaultPolicy);
    if (generated != null) {
      if (given.env != null || given.file != null) {
        throw CliException.usage("--generate cannot be combined with --new-password-env/-file");
      }
      Secret s = PasswordGenerator.forPolicy(p).generate(personal);
      SecretFiles.writeOwnerOnly(generated.out, s);
      return s;
    }
    if (given.env == null && given.file == null) {
      throw CliException.usage(
          "no new password: use --new-password-env VAR, --new-password-file FILE or --generate"
              + " --new-password-out FILE");
    }
    Secret s = given.read(spec);
    PolicyReport report = p.check(s, personal);
    if (!report.passed()) {
      s.close();
      throw new PolicyViolationException(report);
    }
    return s;
  }

  /**
   * Fails fast, before any login is spent, when the options cannot work: no source, two sources, or
   * an output file that already exists or whose folder does not.
   */
  void precheck() {
    if (generated != null) {
      if (given.env != null || given.file != null) {
        throw CliException.usage("--generate cannot be combined with --new-password-env/-file");
      }
      Path out = generated.out.toAbsolutePath();
      if (java.nio.file.Files.exists(out)) {
        throw CliException.usage(
            "refusing to overwrite " + generated.out + ": choose a new file for the password");
      }
      if (out.getParent() != null && !java.nio.file.Files.isDirectory(out.getParent())) {
        throw CliException.usage("the folder of " + generated.out + " does not exist");
      }
    } else if (given.env == null && given.file == null) {
      throw CliException.usage(
          "no new password: use --new-password-env VAR, --new-password-file FILE or --generate"
              + " --new-password-out FILE");
    }
  }

  /**
   * The policy of {@code --profile}, or the given default.
   *
   * @param dflt the command's default
   * @return the policy a new password must satisfy
   */
  PasswordPolicy policy(PasswordPolicy dflt) {
    return profile != null ? profile.policy() : dflt;
  }

  /**
   * The policy of the driver that serves a connected device: the default for a new password on it.
   * The one place nvrctl looks it up.
   *
   * @param nvr the connected device
   * @return its driver's default policy
   */
  static PasswordPolicy driverPolicy(NvrClient nvr) {
    return nvr.passwordPolicy();
  }

  /** Where a generated password was written, or null. */
  Path writtenTo() {
    return generated == null ? null : generated.out;
  }
}
