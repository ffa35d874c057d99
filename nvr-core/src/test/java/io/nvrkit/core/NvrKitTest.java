package io.nvrkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kit: driver look-up errors a user can act on, and isolation between kits. */
class NvrKitTest {
  static NvrDriver stub(String id) {
    return new NvrDriver() {
      @Override
      public String driverId() {
        return id;
      }

      @Override
      public DriverProbe probe(
          DriverContext context, DeviceEndpoint endpoint, ConnectOptions options) {
        return DriverProbe.notRecognised();
      }

      @Override
      public NvrClient connect(
          DriverContext context,
          DeviceEndpoint endpoint,
          Credentials credentials,
          ConnectOptions options) {
        throw new NotSupportedException("stub");
      }

      @Override
      public PasswordPolicy defaultPolicy() {
        return PasswordPolicy.nist80063b();
      }
    };
  }

  @Test
  void anUnknownDriverIdIsATypedErrorNamingTheInstalledDrivers() {
    try (NvrKit kit = NvrKit.builder().driver(stub("alpha")).driver(stub("beta")).build()) {
      UnknownDriverException e =
          assertThrows(
              UnknownDriverException.class,
              () ->
                  kit.connect(
                      DeviceEndpoint.of("http://127.0.0.1:1"),
                      Credentials.of("admin", Secret.of("pw-not-shown")),
                      ConnectOptions.builder().driver("nosuch").build()));
      assertEquals("nosuch", e.driverId());
      assertEquals(List.of("alpha", "beta"), e.installed());
      assertTrue(e.getMessage().contains("alpha, beta"), e.getMessage());
      assertTrue(!e.getMessage().contains("pw-not-shown"));
    }
  }

  @Test
  void driversAreLookedUpCaseInsensitivelyAndAddedDriversWin() {
    NvrDriver alpha = stub("alpha");
    try (NvrKit kit = NvrKit.builder().driver(alpha).build()) {
      assertSame(alpha, kit.driver("ALPHA"));
      assertTrue(kit.findDriver("beta").isEmpty());
      assertThrows(
          IllegalArgumentException.class,
          () -> NvrKit.builder().driver(stub("a")).driver(stub("A")));
    }
  }

  @Test
  void twoKitsKeepSeparateLockoutLedgers() {
    try (NvrKit one = NvrKit.builder().driver(stub("alpha")).build();
        NvrKit two = NvrKit.builder().driver(stub("alpha")).build()) {
      one.driverContext().lockoutLedger().onFailure("127.0.0.1:9", "admin", 2);
      one.driverContext().lockoutLedger().onFailure("127.0.0.1:9", "admin", 2);
      assertEquals(0, one.driverContext().lockoutLedger().remaining("127.0.0.1:9", "admin", 2));
      assertEquals(2, two.driverContext().lockoutLedger().remaining("127.0.0.1:9", "admin", 2));
    }
  }

  @Test
  void aClosedKitRefusesNewSessions() {
    NvrKit kit = NvrKit.builder().driver(stub("alpha")).build();
    kit.close();
    assertThrows(
        IllegalStateException.class,
        () ->
            kit.driverContext()
                .openHttp(
                    DeviceEndpoint.of("http://127.0.0.1:1"),
                    ConnectOptions.defaults(),
                    io.nvrkit.core.spi.DeviceHttp.Nonces.REUSABLE));
  }
}
