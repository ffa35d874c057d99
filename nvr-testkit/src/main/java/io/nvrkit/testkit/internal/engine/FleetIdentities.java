package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.PersonalityKind;
import java.util.Locale;

/** The deterministic identities of a fleet's devices (see {@code FakeNvrFleet.identityFor}). */
public final class FleetIdentities {
  private FleetIdentities() {}

  /**
   * The identity of device {@code index} of a fleet with {@code seed}.
   *
   * @param kind the fleet's personality
   * @param seed the fleet's seed
   * @param index the device's index, from 0
   * @return the identity
   * @throws UnsupportedOperationException if that personality is not part of this build
   */
  public static FakeIdentity identityFor(PersonalityKind kind, long seed, int index) {
    long s = mix(seed);
    long h = mix(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
    String serial = String.format(Locale.ROOT, "ND%04d%08d", Math.floorMod(s, 10_000), index);
    String base36 = Long.toString(h & Long.MAX_VALUE, 36).toUpperCase(Locale.ROOT);
    String idx = Integer.toString(index, 36).toUpperCase(Locale.ROOT);
    String deviceId =
        (base36 + "000000000").substring(0, 9) + "000000".substring(idx.length()) + idx;
    int low = (Math.floorMod(s, 1 << 24) + index) & 0xFFFFFF;
    String mac =
        String.format(
            Locale.ROOT,
            "3c:ef:8c:%02x:%02x:%02x",
            (low >> 16) & 0xFF,
            (low >> 8) & 0xFF,
            low & 0xFF);
    return Personalities.of(kind).defaultIdentity().toBuilder()
        .serial(serial)
        .deviceId(deviceId)
        .mac(mac)
        .machineName("NVR-" + index)
        .build();
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
