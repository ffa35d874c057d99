package io.nvrkit.examples;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Secret;
import io.nvrkit.onvif.DiscoveredDevice;
import io.nvrkit.onvif.OnvifDiscovery;
import io.nvrkit.testkit.FakeNvr;
import java.time.Duration;
import java.util.List;

/**
 * Finds ONVIF devices with WS-Discovery, then connects to one. Discovery answers are not
 * authenticated: use them to find devices, and trust only what the logged-in session reads.
 *
 * <pre>{@code
 * java -cp examples/target/nvrctl.jar io.nvrkit.examples.DiscoverOnvif        # embedded fake
 * java -cp examples/target/nvrctl.jar io.nvrkit.examples.DiscoverOnvif lan    # multicast probe
 * }</pre>
 *
 * <p>With {@code lan} the program only lists what answers the multicast probe on your network (UDP
 * 239.255.255.250:3702; firewalls and VPNs often drop it).
 */
public final class DiscoverOnvif {
  private DiscoverOnvif() {}

  /**
   * Runs the example.
   *
   * @param args none for the embedded fake, or {@code lan} to probe the local network
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("lan")) {
      print(OnvifDiscovery.probe(Duration.ofSeconds(3)));
      return;
    }
    // A fake ONVIF device whose WS-Discovery responder listens on a loopback UDP port: we send
    // the Probe there by unicast (multicast on loopback is not allowed everywhere).
    try (FakeNvr fake = FakeNvr.onvif().start()) {
      List<DiscoveredDevice> found =
          OnvifDiscovery.probe(fake.discoveryAddress().orElseThrow(), Duration.ofSeconds(2));
      print(found);
      if (found.isEmpty()) {
        return;
      }
      // Then log in to what was found; the ONVIF driver is chosen explicitly, no probing needed.
      Credentials admin =
          Credentials.of(FakeNvr.DEFAULT_ADMIN, Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD));
      ConnectOptions onvif = ConnectOptions.builder().driver("onvif").build();
      try (NvrClient nvr = Nvr.connect(found.get(0).endpoint(), admin, onvif)) {
        DeviceIdentity id = nvr.identity();
        System.out.println(
            "logged in: model " + id.model().orElse("?") + ", serial " + id.serial().orElse("?"));
      }
    }
  }

  private static void print(List<DiscoveredDevice> devices) {
    System.out.println(devices.size() + " device(s) answered");
    for (DiscoveredDevice d : devices) {
      System.out.println("  " + d.xaddr());
      System.out.println(
          "    hardware " + d.hardware().orElse("?") + ", name " + d.name().orElse("?"));
      System.out.println("    serial " + d.serial().orElse("?") + ", mac " + d.mac().orElse("?"));
      System.out.println("    types " + d.types());
    }
  }
}
