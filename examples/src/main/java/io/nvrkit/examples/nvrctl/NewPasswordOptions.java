package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where a new password comes from: {@code --new-password-env VAR | --new-password-file FILE |
 * --generate [--profile P] --new-password-out FILE}. A generated password is written to an
 * owner-only file and forced to disk <em>before</em> it is sent to the device, and never printed.
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

    @Option(
        names = "--profile",
        paramLabel = "NAME",
        converter = Profile.Converter.class,
        completionCandidates = Profile.Names.class,
        description =
            "Policy the new password must satisfy: lorex, lorex-guidance, dahua-firmware, nist"
                + " (default: the command's).")
    Profile profile;
  }

  @ArgGroup(exclusive = false, multiplicity = "0..1")
  Generated generated;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Given given = new Given();

  /**
   * The new password: read, or generated and stored.
   *
   * @param spec the command
   * @param defaultPolicy the policy a generated password satisfies when no profile is given
   * @param personal what it must not contain
   * @return the password; the caller closes it
   */
  Secret obtain(CommandSpec spec, PasswordPolicy defaultPolicy, PersonalInfo personal) {
    if (generated != null) {
      if (given.env != null || given.file != null) {
        throw CliException.usage("--generate cannot be combined with --new-password-env/-file");
      }
      PasswordPolicy p = generated.profile == null ? defaultPolicy : generated.profile.policy();
      Secret s = PasswordGenerator.forPolicy(p).generate(personal);
      SecretFiles.writeOwnerOnly(generated.out, s);
      return s;
    }
    if (given.env == null && given.file == null) {
      throw CliException.usage(
          "no new password: use --new-password-env VAR, --new-password-file FILE or --generate"
              + " --new-password-out FILE");
    }
    return given.read(spec);
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

  /** The policy of {@code --profile}, or the given default. */
  PasswordPolicy policy(Profile dflt) {
    return generated != null && generated.profile != null
        ? generated.profile.policy()
        : dflt.policy();
  }

  /** Where a generated password was written, or null. */
  Path writtenTo() {
    return generated == null ? null : generated.out;
  }
}
