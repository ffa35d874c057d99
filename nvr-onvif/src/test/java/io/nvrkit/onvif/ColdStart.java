package io.nvrkit.onvif;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Secret;
import java.time.Duration;
import java.time.Instant;

/**
 * Cold start: JVM start to the first identity read (connect + identity) against a local device. Not
 * a test; run as in nvr-onvif/README.md ("Cold start").
 */
public final class ColdStart {
  private ColdStart() {}

  /**
   * Runs once.
   *
   * @param args the device URL
   */
  public static void main(String[] args) {
    try (NvrClient c =
        OnvifDriver.create()
            .connect(
                DeviceEndpoint.of(args[0]),
                Credentials.of("admin", Secret.of("Admin12345")),
                ConnectOptions.defaults())) {
      DeviceIdentity id = c.identity();
      Instant start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
      System.out.println(
          "model="
              + id.model().orElse("?")
              + " roundTrips="
              + c.roundTrips()
              + " sinceJvmStartMs="
              + Duration.between(start, Instant.now()).toMillis());
    }
  }
}
