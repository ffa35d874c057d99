package io.nvrkit.examples;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.TlsTrustException;
import io.nvrkit.testkit.FakeNvr;

/**
 * Connects to a recorder over pinned TLS and prints what it says about itself, each field with
 * where it came from ({@link io.nvrkit.core.Provenance}).
 *
 * <pre>{@code
 * java -cp examples/target/nvrctl.jar io.nvrkit.examples.ReadIdentity          # embedded fake
 * NVR_PASSWORD=... NVR_PIN=<base64 SPKI SHA-256> \
 *   java -cp examples/target/nvrctl.jar io.nvrkit.examples.ReadIdentity https://192.0.2.10
 * }</pre>
 *
 * <p>Environment for a real device: {@code NVR_USER} (default {@code admin}), {@code NVR_PASSWORD}
 * (required), {@code NVR_PIN} (the certificate's pin; without it the system trust store is used,
 * which a recorder's self-signed certificate does not pass).
 */
public final class ReadIdentity {
  private ReadIdentity() {}

  /**
   * Runs the example.
   *
   * @param args none for the embedded fake, or the device URL
   */
  public static void main(String[] args) {
    if (args.length > 0) {
      String pin = System.getenv("NVR_PIN");
      DeviceEndpoint device =
          DeviceEndpoint.builder(args[0])
              .tlsTrust(pin != null ? TlsTrust.pinned(pin) : TlsTrust.system())
              .build();
      String user = System.getenv().getOrDefault("NVR_USER", "admin");
      String password = System.getenv("NVR_PASSWORD");
      if (password == null) {
        throw new IllegalArgumentException("set NVR_PASSWORD for a real device");
      }
      printIdentity(device, Credentials.of(user, Secret.of(password)));
      return;
    }
    // No arguments: a fake Lorex recorder on 127.0.0.1 serving HTTPS with a fresh self-signed
    // certificate, like a real recorder. Its pin is what you would get from `nvrctl probe`.
    try (FakeNvr fake = FakeNvr.lorex().tls(true).start()) {
      String pin = fake.pin().orElseThrow();
      System.out.println("certificate pin (SPKI SHA-256): " + pin);
      // Pinning: trust exactly this key, not the CA system (recorders have no CA certificate).
      DeviceEndpoint pinned =
          DeviceEndpoint.builder(fake.url().toString()).tlsTrust(TlsTrust.pinned(pin)).build();
      Credentials admin =
          Credentials.of(FakeNvr.DEFAULT_ADMIN, Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD));
      printIdentity(pinned, admin);

      // The same device with the system trust store is refused before any password is sent.
      // (The driver is named: a probe would only report that no driver recognised the device.)
      DeviceEndpoint unpinned = pinned.toBuilder().tlsTrust(TlsTrust.system()).build();
      ConnectOptions lorex = ConnectOptions.builder().driver("lorex").build();
      try (NvrClient nvr = Nvr.connect(unpinned, admin, lorex)) {
        System.out.println("unexpected: the system trust store accepted " + nvr.endpoint());
      } catch (TlsTrustException e) {
        System.out.println("without the pin: refused: " + e.getMessage());
      }
    }
  }

  private static void printIdentity(DeviceEndpoint device, Credentials login) {
    // Nvr.connect probes the device, picks the driver (lorex, onvif) and logs in.
    try (NvrClient nvr = Nvr.connect(device, login)) {
      DeviceIdentity id = nvr.identity();
      System.out.println("connected to " + nvr.endpoint() + " with driver " + nvr.driverId());
      for (IdentityField field : id.fields()) {
        System.out.printf(
            "  %-17s %-26s %s%n",
            field, id.value(field).orElse("-"), id.provenance(field).map(Enum::name).orElse("?"));
      }
      id.clockSkew().ifPresent(skew -> System.out.println("  clock skew        " + skew));
      System.out.println(
          "round trips: " + io.nvrkit.core.SessionDiagnostics.roundTripsOf(nvr).orElse(0));
    }
  }
}
