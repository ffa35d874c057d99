package io.nvrkit.lorex.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.ResetGrant;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LorexResetCompletionTest {
  private static final DeviceEndpoint NVR = DeviceEndpoint.of("http://127.0.0.1:9");

  @Test
  void defaultsToTheAdminAccountOfTheProcedureAndHidesPasswords() {
    ResetGrant grant =
        ResetGrant.of("t1", Secret.of("Tmp-7731-Qx"), Instant.parse("2026-12-07T23:59:59Z"));
    LorexResetCompletion completion =
        LorexResetCompletion.builder(NVR, grant, Secret.of("Blue-Harbor-7319-Kite")).build();
    assertEquals("admin", completion.user());
    assertFalse(completion.toString().contains("Blue-Harbor"), "toString shows no new password");
    assertFalse(completion.toString().contains("Tmp-7731"), "toString shows no temporary password");
  }

  @Test
  void requiresTheRecorderTheGrantAndTheNewPassword() {
    ResetGrant grant = ResetGrant.of("t1", Secret.of("Tmp-7731-Qx"), Instant.EPOCH);
    assertThrows(NullPointerException.class, () -> LorexResetCompletion.builder(NVR, grant, null));
    assertThrows(
        NullPointerException.class,
        () -> LorexResetCompletion.builder(NVR, null, Secret.of("Blue-Harbor-7319-Kite")));
  }
}
