package io.nvrkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.Secret;
import io.nvrkit.examples.PasswordRotationService.Rotated;
import io.nvrkit.examples.PasswordRotationService.RotationFailedException;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.RecordedRequest;
import io.nvrkit.testkit.junit.FakeNvrExtension;
import io.nvrkit.testkit.junit.FakeNvrTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How a user tests their own code ({@link PasswordRotationService}) against the testkit's fake
 * recorder: script the fake, run the code, verify what the device received and now accepts.
 */
class ConsumerStyleTest {

  /** The simple case: one default fake Lorex recorder for the class, reset before each test. */
  @Nested
  @FakeNvrTest
  class WithTheAnnotation {

    @Test
    void rotatesTheAdminPasswordAndKeepsTheNewOneInTheVault(FakeNvr nvr) {
      Map<String, Secret> vault = new HashMap<>();
      String key = PasswordRotationService.key(nvr.endpoint(), "admin");
      vault.put(key, Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD));

      Rotated done = new PasswordRotationService(vault).rotate(nvr.endpoint(), "admin");

      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, done.outcome());
      assertTrue(nvr.accepts("admin", vault.get(key)), "the device accepts the vault's password");
      assertFalse(nvr.accepts("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)));
      assertFalse(vault.containsKey(key + PasswordRotationService.PENDING));
      assertEquals(1, nvr.journal("modifyPassword").size(), "exactly one change sent");
    }
  }

  /** The programmatic case: a scripted recorder, started fresh for each test (instance field). */
  @Nested
  class WithAScriptedFake {
    static final String SERIAL = "ND021811019999";
    static final String OLD = "Old-Passw0rd";

    @RegisterExtension
    FakeNvrExtension fake =
        FakeNvrExtension.newInstance()
            .configure(
                b ->
                    b.identity(FakeIdentity.lorexDefaults().toBuilder().serial(SERIAL).build())
                        .user("admin", OLD, AccountLevel.ADMINISTRATOR)
                        .lockout(Lockout.legacyLorex()) // 3 wrong passwords lock for 30 min
                        .latency(Duration.ofMillis(40))
                        .tls(true))
            .build();

    final Map<String, Secret> vault = new HashMap<>();
    final PasswordRotationService service = new PasswordRotationService(vault);

    String key() {
      return PasswordRotationService.key(fake.nvr().endpoint(), "admin");
    }

    @Test
    void reportsTheSerialOfTheDeviceItRotated() {
      vault.put(key(), Secret.of(OLD));

      Rotated done = service.rotate(fake.nvr().endpoint(), "admin");

      assertEquals(SERIAL, done.serial());
      assertTrue(fake.nvr().accepts("admin", vault.get(key())));
    }

    @Test
    void losesNoPasswordWhenTheAnswerToTheChangeIsLost() {
      vault.put(key(), Secret.of(OLD));
      fake.nvr().faultOnce("modifyPassword", Fault.applyThenDrop()); // applied, then cut off

      try {
        service.rotate(fake.nvr().endpoint(), "admin");
      } catch (RotationFailedException e) {
        // acceptable: what matters is below
      }

      // The device holds a password our vault knows (the promoted one, or the pending one).
      Secret current = vault.get(key());
      Secret pending = vault.get(key() + PasswordRotationService.PENDING);
      boolean known =
          fake.nvr().accepts("admin", current)
              || (pending != null && fake.nvr().accepts("admin", pending));
      assertTrue(known, "the vault knows the device's password");
      List<RecordedRequest> changes = fake.nvr().journal("modifyPassword");
      assertEquals(1, changes.size(), "the change was not sent twice");
      assertFalse(changes.get(0).answered(), "the fault really cut the answer");
      assertFalse(fake.nvr().isLocked("admin"));
    }

    @Test
    void aWrongPasswordInTheVaultNeverLocksTheAccountNorLeaksIntoErrors() {
      Secret wrong = Secret.of("Wrong-Passw0rd-77");
      vault.put(key(), wrong);

      for (int i = 0; i < 5; i++) { // e.g. a scheduler calling us again and again
        RotationFailedException e =
            assertThrows(
                RotationFailedException.class,
                () -> service.rotate(fake.nvr().endpoint(), "admin"));
        assertTrue(e.getCause() instanceof AuthenticationFailedException, e.toString());
        for (Throwable t = e; t != null; t = t.getCause()) {
          String text = t.toString();
          assertFalse(text.contains("Wrong-Passw0rd-77"), "a secret leaked: " + t.getClass());
          assertFalse(text.contains(OLD), "a secret leaked: " + t.getClass());
        }
      }

      assertFalse(fake.nvr().isLocked("admin"), "3-attempt lockout never reached");
      assertTrue(fake.nvr().failedAttempts("admin") < 3);
      assertTrue(fake.nvr().accepts("admin", Secret.of(OLD)), "the password is untouched");
      assertTrue(fake.nvr().journal("modifyPassword").isEmpty(), "no change was attempted");
    }
  }
}
