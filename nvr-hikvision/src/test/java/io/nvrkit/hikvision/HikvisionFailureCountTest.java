package io.nvrkit.hikvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.LoginBudgetExhaustedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.HikvisionProfile;
import io.nvrkit.testkit.Lockout;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Whether a successful login clears the failures counted towards Hikvision's illegal-login lock of
 * the client's IP (research note §3.6: unverified). The adapter's rule: it forgets them after a
 * success only on firmware whose 401 bodies tell the attempts left ({@code retryLoginTime}), where
 * the next refusal re-syncs the count if the device kept it; on firmware that never tells (the 2017
 * HTML 401) the failures stay until the lock window passes. Checked here against both readings of
 * the unverified fact in the fake.
 */
class HikvisionFailureCountTest {
  private static final String ADMIN = "admin";
  private static final String RIGHT = "Kit-Start-2026x";
  private static final Lockout FIVE = new Lockout(true, 5, Duration.ofMinutes(30));

  private static FakeNvr start(HikvisionProfile profile) {
    return FakeNvr.hikvision()
        .user(ADMIN, RIGHT, AccountLevel.ADMINISTRATOR)
        .lockout(FIVE)
        .hikvisionProfile(profile)
        .start();
  }

  private static NvrClient connect(NvrKit kit, FakeNvr fake, String password) {
    return kit.connect(
        HikvisionDriver.create(),
        fake.endpoint(),
        Credentials.of(ADMIN, Secret.of(password)),
        ConnectOptions.builder().driver(HikvisionDriver.DRIVER_ID).build());
  }

  /**
   * Firmware that counts on after a success and never says how many attempts are left: wrong and
   * right passwords in turn never lock it; once its budget is spent the kit holds back every login,
   * the right one too, rather than risk the fifth failure (the one that locks).
   */
  @Test
  void aSuccessDoesNotClearFailuresOnFirmwareThatHidesItsCount() {
    try (FakeNvr fake =
            start(
                HikvisionProfile.builder()
                    .successResetsFailures(false)
                    .htmlUnauthorizedPage(true)
                    .build());
        NvrKit kit = NvrKit.builder().driver(HikvisionDriver.create()).build()) {
      int held = 0;
      for (int round = 0; round < 8; round++) {
        String wrong = "Wrong-Pass-" + round + "x";
        assertThrows(AuthenticationFailedException.class, () -> connect(kit, fake, wrong).close());
        try (NvrClient c = connect(kit, fake, RIGHT)) {
          assertEquals(fake.identity().serial(), c.identity().serial().orElse(null));
        } catch (LoginBudgetExhaustedException e) {
          held++; // refused before anything was sent
        }
      }
      assertFalse(fake.isLocked(ADMIN), "the kit locked the client's IP");
      assertTrue(fake.failedAttempts(ADMIN) < 5, "failures: " + fake.failedAttempts(ADMIN));
      assertTrue(held > 0, "the right password is held back too once the budget is spent");
    }
  }

  /**
   * Current firmware (a {@code userCheck} 401 with {@code retryLoginTime}) that resets its count on
   * a success, as the fake does by default: a wrong password now and then never uses up the budget,
   * and the right one always works.
   */
  @Test
  void aSuccessClearsFailuresWhereThe401TellsTheCount() {
    try (FakeNvr fake =
            FakeNvr.hikvision()
                .user(ADMIN, RIGHT, AccountLevel.ADMINISTRATOR)
                .lockout(FIVE)
                .start();
        NvrKit kit = NvrKit.builder().driver(HikvisionDriver.create()).build()) {
      for (int round = 0; round < 8; round++) {
        String wrong = "Wrong-Pass-" + round + "x";
        assertThrows(AuthenticationFailedException.class, () -> connect(kit, fake, wrong).close());
        try (NvrClient c = connect(kit, fake, RIGHT)) {
          assertEquals(fake.identity().serial(), c.identity().serial().orElse(null));
        }
      }
      assertFalse(fake.isLocked(ADMIN));
      assertEquals(0, fake.failedAttempts(ADMIN));
    }
  }

  /**
   * The same firmware, but set to keep counting after a success: the count in each 401 body brings
   * the kit's ledger up to the device's, so it still stops before the lock.
   */
  @Test
  void theCountInEach401StopsTheKitWhereTheDeviceKeepsCounting() {
    try (FakeNvr fake = start(HikvisionProfile.builder().successResetsFailures(false).build());
        NvrKit kit = NvrKit.builder().driver(HikvisionDriver.create()).build()) {
      for (int round = 0; round < 8; round++) {
        String wrong = "Wrong-Pass-" + round + "x";
        assertThrows(AuthenticationFailedException.class, () -> connect(kit, fake, wrong).close());
        try (NvrClient c = connect(kit, fake, RIGHT)) {
          c.identity();
        } catch (LoginBudgetExhaustedException e) {
          // held back: the device has one attempt left
        }
      }
      assertFalse(fake.isLocked(ADMIN), "the kit locked the client's IP");
      assertTrue(fake.failedAttempts(ADMIN) < 5);
    }
  }
}
