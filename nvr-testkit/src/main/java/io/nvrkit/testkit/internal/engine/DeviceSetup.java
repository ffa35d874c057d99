package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.LorexProfile;
import io.nvrkit.testkit.PersonalityKind;
import java.util.Map;

/**
 * Personality-specific settings from {@code FakeNvr.Builder}, handed to a personality's
 * constructor. A new personality adds its own profile here (as {@link #lorexProfile()} for Lorex)
 * or uses {@link #options()}.
 *
 * @param kind the personality
 * @param lorexProfile the Lorex firmware variations
 * @param options free-form options by name (for personalities without a typed profile yet)
 */
public record DeviceSetup(
    PersonalityKind kind, LorexProfile lorexProfile, Map<String, String> options) {
  /** Copies the map. */
  public DeviceSetup {
    options = Map.copyOf(options);
  }
}
