package io.nvrkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.Secret;
import io.nvrkit.examples.PasswordRotationService.Rotated;
import io.nvrkit.examples.PasswordRotationService.RotationFailedException;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.FaultKind;
import io.nvrkit.testkit.PersonalityKind;
import io.nvrkit.testkit.RecordedRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A consumer's fault script, written once in the testkit's neutral words ({@link DeviceOperation})
 * and run unchanged against every personality of the fake: the Lorex recorder (CGI with Digest, or
 * RPC2) and the ONVIF device (SOAP with WS-UsernameToken or Digest) speak different protocols, but
 * "change password" and "login" mean the same on both.
 */
class OneFaultScriptTest {
  static final String OLD = "Old-Passw0rd-2026";
  static final Duration SLOW_LOGIN = Duration.ofMillis(40);

  /**
   * The script: the device applies the password change and the answer is lost; from then on every
   * login takes 40 ms longer.
   */
  // tag::one-fault-script[]
  static final Consumer<FakeNvr> LOST_ANSWER_THEN_SLOW_LOGINS =
      nvr -> {
        nvr.faultOnce(DeviceOperation.CHANGE_PASSWORD, Fault.applyThenDrop());
        nvr.faultAlways(DeviceOperation.LOGIN, Fault.latency(SLOW_LOGIN));
      };

  // end::one-fault-script[]

  @ParameterizedTest(name = "{0}")
  @EnumSource(PersonalityKind.class)
  void theSameScriptRunsAgainstEveryPersonality(PersonalityKind personality) {
    try (FakeNvr nvr =
        FakeNvr.builder(personality).user("admin", OLD, AccountLevel.ADMINISTRATOR).start()) {
      LOST_ANSWER_THEN_SLOW_LOGINS.accept(nvr);
      Map<String, Secret> vault = new HashMap<>();
      String key = PasswordRotationService.key(nvr.endpoint(), "admin");
      vault.put(key, Secret.of(OLD));

      // the code under test
      Optional<Rotated> done;
      try {
        done = Optional.of(new PasswordRotationService(vault).rotate(nvr.endpoint(), "admin"));
      } catch (RotationFailedException e) {
        assertInstanceOf(
            DeviceUnreachableException.class,
            e.getCause(),
            "a lost answer is an unknown outcome, not a refusal");
        done = Optional.empty();
      }

      // What the device now accepts: the new password, which the vault holds (promoted after a
      // verified change, or still pending when the outcome was unknown); the old one no more.
      Secret newPassword =
          vault.get(done.isPresent() ? key : key + PasswordRotationService.PENDING);
      assertTrue(nvr.accepts("admin", newPassword), "the device took the vault's new password");
      assertFalse(nvr.accepts("admin", Secret.of(OLD)), "the change was applied");
      done.ifPresent(
          r -> assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, r.outcome()));
      assertFalse(nvr.isLocked("admin"));
      assertEquals(0, nvr.failedAttempts("admin"));

      // What the device received, in the same words on both personalities.
      List<RecordedRequest> changes = nvr.journal(DeviceOperation.CHANGE_PASSWORD);
      assertEquals(1, changes.size(), "the change was sent once, not replayed: " + changes);
      RecordedRequest change = changes.get(0);
      assertEquals(200, change.status(), "the device handled the change");
      assertFalse(change.answered(), "the answer was dropped");
      assertEquals(Optional.of(FaultKind.APPLY_THEN_DROP), change.fault());
      List<RecordedRequest> logins = nvr.journal(DeviceOperation.LOGIN);
      assertFalse(logins.isEmpty(), "the client logged in");
      for (RecordedRequest login : logins) {
        assertTrue(login.delay().compareTo(SLOW_LOGIN) >= 0, "every login was slowed: " + login);
      }
    }
  }
}
