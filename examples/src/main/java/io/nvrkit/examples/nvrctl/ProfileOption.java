package io.nvrkit.examples.nvrctl;

import picocli.CommandLine.Option;

/** {@code --profile NAME}, as a mixin. */
public final class ProfileOption {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      defaultValue = Profile.DEFAULT,
      converter = Profile.Converter.class,
      completionCandidates = Profile.Names.class,
      description =
          "Password policy: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). 'lorex' is"
              + " Lorex's guidance plus the firmware's limits, the common-password blocklist and"
              + " a strength of at least 3 of 4.")
  Profile profile;

  /**
   * The chosen profile.
   *
   * @return the profile
   */
  public Profile profile() {
    return profile;
  }
}
