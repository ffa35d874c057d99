package io.nvrkit.onvif;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.core.SessionDiagnostics;

/**
 * Cold start: a JVM that connects to one ONVIF device and reads its identity once, then exits. The
 * figure that counts is the whole process, timed from outside (see nvr-onvif/README.md, "Cold
 * start"); this program prints the model, the HTTP round trips spent and the milliseconds from
 * {@code main} to the identity. Not a test.
 *
 * <p>The work is exactly {@code Nvr.connect} + {@code identity()}: GetSystemDateAndTime ∥
 * GetServices, GetDeviceInformation (with credentials), then GetNetworkInterfaces ∥ GetHostname
 * (and GetScopes only if model, serial or MAC is still missing). {@code bench/cold.js} does the
 * same operations with npm {@code onvif}.
 *
 * <p>Usage: {@code ColdStart URL [USER]}; the password is read from the environment variable {@code
 * NVRKIT_PASSWORD} (default {@code Admin12345}, what {@code bench/fake_onvif.py} expects).
 */
public final class ColdStart {
  private ColdStart() {}

  /**
   * Runs once.
   *
   * @param args the device URL, optionally the user name
   */
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    String user = args.length > 1 ? args[1] : "admin";
    String pw = System.getenv("NVRKIT_PASSWORD");
    try (NvrKit kit = NvrKit.builder().driver(OnvifDriver.create()).build();
        NvrClient c =
            kit.connect(
                OnvifDriver.create(),
                DeviceEndpoint.of(args[0]),
                Credentials.of(user, Secret.of(pw == null ? "Admin12345" : pw)),
                ConnectOptions.defaults())) {
      DeviceIdentity id = c.identity();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      // StringBuilder, not "+": test sources are compiled with invokedynamic concatenation,
      // whose first use would add its own bootstrap to the measured process
      System.out.println(
          new StringBuilder("model=")
              .append(id.model().orElse("?"))
              .append(" mac=")
              .append(id.mac().orElse("?"))
              .append(" roundTrips=")
              .append(SessionDiagnostics.roundTripsOf(c).orElse(0))
              .append(" mainToIdentityMs=")
              .append(ms));
    }
  }
}
