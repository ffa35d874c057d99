package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OnvifProfileTest {
  private static final String GET_USERS =
      "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
          + "<GetUsers xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>";

  @Test
  void defaultsAreTheDocumentedOnes() {
    OnvifProfile p = OnvifProfile.defaults();
    assertEquals(OnvifProfile.Authentication.BOTH, p.authentication());
    assertEquals(List.of("MD5", "SHA-256"), p.digestAlgorithms());
    assertFalse(p.passwordText());
    assertEquals(Duration.ofMinutes(5), p.createdWindow());
    assertEquals(Duration.ofMinutes(5), p.digestNonceLifetime());
    assertEquals(16, p.maxUsers());
    assertEquals(31, p.maxUserNameLength());
    assertEquals(OptionalInt.empty(), p.maxPasswordLength(), "follows the password rules");
    assertTrue(p.modifyPassword());
    assertFalse(p.preAuthNeedsAuth());
    assertTrue(p.realm().isEmpty(), "Login to <serial>");
    assertEquals(OnvifProfile.Discovery.MULTICAST, p.discovery());
    assertEquals(Duration.ofMillis(500), p.discoveryMaxDelay());
  }

  @Test
  void toBuilderKeepsEverySetting() {
    OnvifProfile p =
        OnvifProfile.builder()
            .authentication(OnvifProfile.Authentication.USERNAME_TOKEN)
            .digestAlgorithms(List.of("SHA-256"))
            .passwordText(true)
            .createdWindow(Duration.ofSeconds(5))
            .digestNonceLifetime(Duration.ofSeconds(30))
            .maxUsers(4)
            .maxUserNameLength(8)
            .maxPasswordLength(12)
            .modifyPassword(false)
            .preAuthNeedsAuth(true)
            .realm("Camera")
            .discovery(OnvifProfile.Discovery.OFF)
            .discoveryMaxDelay(Duration.ZERO)
            .build();
    assertEquals(p.toString(), p.toBuilder().build().toString());
    assertEquals(OptionalInt.of(12), p.maxPasswordLength());
    assertEquals("Camera", p.realm().orElseThrow());
  }

  @Test
  void impossibleSettingsAreRefusedWhenSet() {
    OnvifProfile.Builder b = OnvifProfile.builder();
    assertThrows(IllegalArgumentException.class, () -> b.realm("say \"hi\""));
    assertThrows(IllegalArgumentException.class, () -> b.maxUserNameLength(32));
    assertThrows(IllegalArgumentException.class, () -> b.maxUsers(0));
    assertThrows(IllegalArgumentException.class, () -> b.createdWindow(Duration.ofMillis(500)));
    assertThrows(IllegalArgumentException.class, () -> b.digestAlgorithms(List.of("SHA-1")));
    assertThrows(IllegalArgumentException.class, () -> b.discoveryMaxDelay(Duration.ofMillis(-1)));
  }

  @Test
  void aPasswordLimitAboveTheDeviceRulesFailsTheStart() {
    FakeNvr.Builder b =
        FakeNvr.onvif()
            .passwordRules(DevicePasswordRules.lenient())
            .onvifProfile(
                OnvifProfile.builder()
                    .maxPasswordLength(DevicePasswordRules.lenient().maxLength() + 1)
                    .build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::start);
    assertTrue(e.getMessage().contains("maxPasswordLength"), e.getMessage());
  }

  @Test
  void theProfileReachesTheWire() throws Exception {
    try (FakeNvr nvr =
        FakeNvr.onvif()
            .onvifProfile(
                OnvifProfile.builder()
                    .authentication(OnvifProfile.Authentication.HTTP_DIGEST)
                    .digestAlgorithms(List.of("SHA-256"))
                    .realm("Camera")
                    .discovery(OnvifProfile.Discovery.OFF)
                    .build())
            .start()) {
      RawHttp.Response r =
          RawHttp.post(nvr.port(), "/onvif/device_service", "application/soap+xml", GET_USERS);
      assertEquals(401, r.status());
      String challenge = r.header("WWW-Authenticate");
      assertTrue(challenge.contains("realm=\"Camera\""), challenge);
      assertTrue(challenge.contains("algorithm=SHA-256"), challenge);
      assertFalse(challenge.contains("MD5"), challenge);
      assertTrue(nvr.discoveryAddress().isEmpty(), "discovery off");
    }
  }
}
