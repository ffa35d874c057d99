package io.nvrkit.onvif;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.OnvifProfile;
import io.nvrkit.testkit.tck.NvrDriverCompatibilityKit;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Nested;

/**
 * The testkit's compatibility kit against its fake ONVIF device: the default profile (UsernameToken
 * and Digest), and nested runs for Digest-only, UsernameToken-only and a device clock far off.
 */
class OnvifCompatibilityTest extends NvrDriverCompatibilityKit {
  /** The driver under test; isolation comes from the compatibility kit's own NvrKit per test. */
  private final OnvifDriver driver = isolatedDriver();

  static OnvifDriver isolatedDriver() {
    return OnvifDriver.create(); // stateless: the compatibility kit gives each test its own NvrKit
  }

  @Override
  protected NvrDriver driver() {
    return driver;
  }

  @Override
  protected FakeNvr.Builder fakeNvr() {
    return FakeNvr.onvif();
  }

  @Override
  protected ConnectOptions connectOptions() {
    return options();
  }

  /** The kit's defaults with a 3 s total timeout, so the slow-body test ends sooner. */
  static ConnectOptions options() {
    return ConnectOptions.builder()
        .driver(OnvifDriver.DRIVER_ID)
        .connectTimeout(Duration.ofSeconds(2))
        .responseTimeout(Duration.ofSeconds(2))
        .totalTimeout(Duration.ofSeconds(3))
        .build();
  }

  /** HTTP Digest only (a Hikvision set to "Digest", INSTAR). */
  @Nested
  class DigestOnly extends NvrDriverCompatibilityKit {
    private final OnvifDriver driver = isolatedDriver();

    @Override
    protected NvrDriver driver() {
      return driver;
    }

    @Override
    protected FakeNvr.Builder fakeNvr() {
      return FakeNvr.onvif()
          .onvifProfile(
              OnvifProfile.builder()
                  .authentication(OnvifProfile.Authentication.HTTP_DIGEST)
                  .build());
    }

    @Override
    protected ConnectOptions connectOptions() {
      return options();
    }
  }

  /** WS-UsernameToken only (legacy firmware), with a strict 5 s Created window. */
  @Nested
  class UsernameTokenOnly extends NvrDriverCompatibilityKit {
    private final OnvifDriver driver = isolatedDriver();

    @Override
    protected NvrDriver driver() {
      return driver;
    }

    @Override
    protected FakeNvr.Builder fakeNvr() {
      return FakeNvr.onvif()
          .onvifProfile(
              OnvifProfile.builder()
                  .authentication(OnvifProfile.Authentication.USERNAME_TOKEN)
                  .createdWindow(Duration.ofSeconds(5))
                  .build());
    }

    @Override
    protected ConnectOptions connectOptions() {
      return options();
    }
  }

  /** A device whose clock is 3 days and 17 minutes behind, UsernameToken with a 5 s window. */
  @Nested
  class SkewedClock extends NvrDriverCompatibilityKit {
    private final OnvifDriver driver = isolatedDriver();

    @Override
    protected NvrDriver driver() {
      return driver;
    }

    @Override
    protected FakeNvr.Builder fakeNvr() {
      return FakeNvr.onvif()
          .clock(FakeClock.ticking(Duration.ofDays(-3).minusMinutes(17), ZoneId.of("Asia/Kolkata")))
          .onvifProfile(
              OnvifProfile.builder()
                  .authentication(OnvifProfile.Authentication.USERNAME_TOKEN)
                  .createdWindow(Duration.ofSeconds(5))
                  .build());
    }

    @Override
    protected ConnectOptions connectOptions() {
      return options();
    }
  }
}
