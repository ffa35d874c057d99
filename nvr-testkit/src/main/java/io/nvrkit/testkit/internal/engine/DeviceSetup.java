package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.LorexProfile;
import io.nvrkit.testkit.OnvifProfile;
import io.nvrkit.testkit.PersonalityKind;
import java.util.Map;
import java.util.Objects;

/**
 * Personality-specific settings from {@code FakeNvr.Builder}, handed to a personality's
 * constructor: the typed profile of each personality, and the network loop the device's side
 * services (discovery responders) may register with.
 *
 * @param kind the personality
 * @param lorexProfile the Lorex firmware variations
 * @param onvifProfile the ONVIF firmware variations
 * @param options the Hikvision profile's settings by name ({@code HikvisionProfile}'s internal
 *     form)
 * @param io the owner's network loop, or null where a personality runs without one (unit tests)
 */
public record DeviceSetup(
    PersonalityKind kind,
    LorexProfile lorexProfile,
    OnvifProfile onvifProfile,
    Map<String, String> options,
    Acceptor io) {
  /** Copies the map. */
  public DeviceSetup {
    Objects.requireNonNull(onvifProfile, "onvifProfile");
    options = Map.copyOf(options);
  }

  /**
   * Settings with the default ONVIF profile and no network loop.
   *
   * @param kind the personality
   * @param lorexProfile the Lorex firmware variations
   * @param options the Hikvision settings by name
   */
  public DeviceSetup(PersonalityKind kind, LorexProfile lorexProfile, Map<String, String> options) {
    this(kind, lorexProfile, OnvifProfile.defaults(), options, null);
  }

  /**
   * These settings on the owner's network loop.
   *
   * @param loop the loop
   * @return new settings
   */
  public DeviceSetup withIo(Acceptor loop) {
    return new DeviceSetup(kind, lorexProfile, onvifProfile, options, loop);
  }
}
