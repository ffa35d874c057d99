package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.PersonalityKind;
import io.nvrkit.testkit.internal.hikvision.HikvisionType;
import io.nvrkit.testkit.internal.lorex.LorexType;
import io.nvrkit.testkit.internal.onvif.OnvifType;
import java.util.Objects;

/**
 * The {@link PersonalityType} of each {@link PersonalityKind}: the one registry of personalities.
 */
public final class Personalities {
  private static final PersonalityType LOREX = new LorexType();
  private static final PersonalityType ONVIF = new OnvifType();
  private static final PersonalityType HIKVISION = new HikvisionType();

  private Personalities() {}

  /**
   * The type of {@code kind}.
   *
   * @param kind the kind
   * @return its type
   * @throws UnsupportedOperationException if that personality is not part of this build
   */
  public static PersonalityType of(PersonalityKind kind) {
    switch (Objects.requireNonNull(kind, "kind")) {
      case LOREX:
        return LOREX;
      case ONVIF:
        return ONVIF;
      case HIKVISION:
        return HIKVISION;
      default:
        throw new UnsupportedOperationException("no personality " + kind);
    }
  }
}
