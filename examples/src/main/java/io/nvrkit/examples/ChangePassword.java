package io.nvrkit.examples;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.FollowUp;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Lockout;

/**
 * Changes an account's password safely: a generated password that satisfies the device's policy and
 * contains nothing personal, sent once, verified by a fresh login; and what to do with each
 * refusal. The new password is never printed.
 *
 * <pre>{@code
 * java -cp examples/target/nvrctl.jar io.nvrkit.examples.ChangePassword          # embedded fake
 * NVR_PASSWORD=... NVR_PIN=... java -cp examples/target/nvrctl.jar \
 *   io.nvrkit.examples.ChangePassword https://192.0.2.10
 * }</pre>
 */
public final class ChangePassword {
  private ChangePassword() {}

  /**
   * Runs the example.
   *
   * @param args none for the embedded fake, or the device URL (env {@code NVR_USER}, {@code
   *     NVR_PASSWORD}, {@code NVR_PIN} as in {@link ReadIdentity})
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
      change(device, Credentials.of(user, Secret.of(password)));
      return;
    }
    // A fake Lorex recorder that locks an account after 3 wrong passwords, like older firmware.
    try (FakeNvr fake =
        FakeNvr.lorex()
            .tls(true)
            .user("admin", "Old-Passw0rd", AccountLevel.ADMINISTRATOR)
            .lockout(Lockout.legacyLorex())
            .start()) {
      // A wrong password first: refused, and the library will not try again by itself.
      change(fake.endpoint(), Credentials.of("admin", Secret.of("not-the-password")));
      change(fake.endpoint(), Credentials.of("admin", Secret.of("Old-Passw0rd")));
      System.out.println(
          "device still accepts the old password: "
              + fake.accepts("admin", Secret.of("Old-Passw0rd")));
    }
  }

  private static void change(DeviceEndpoint device, Credentials login) {
    try (NvrClient nvr = Nvr.connect(device, login)) {
      // What a password must not contain: the owner's details and the device's own identifiers.
      PersonalInfo personal =
          PersonalInfo.builder()
              .name("Jane Doe")
              .userName(login.user())
              .device(nvr.identity())
              .build();
      // The policy of this device's driver (Lorex: guidance + firmware limits + blocklist).
      PasswordPolicy policy = nvr.passwordPolicy();

      // A weak choice is refused before anything is sent; the report says why, without the value.
      try (Secret weak = Secret.of("JaneDoe2024")) {
        nvr.changePassword(
            PasswordChangeRequest.builder(weak).personalInfo(personal).policy(policy).build());
      } catch (PolicyViolationException e) {
        System.out.println("weak password refused, nothing sent: " + e.report().summary());
      }

      try (Secret next = PasswordGenerator.forPolicy(policy).generate(personal)) {
        // Store `next` in your vault HERE, before the device has it: if the answer is lost you
        // must still know every password the device may hold.
        PasswordChangeResult change =
            nvr.changePassword(
                PasswordChangeRequest.builder(next).personalInfo(personal).policy(policy).build());
        System.out.printf(
            "password of %s: %s in %d round trips (%d ms)%n",
            change.user(), change.outcome(), change.roundTrips(), change.duration().toMillis());
        for (FollowUp f : change.followUps()) {
          System.out.println("  follow-up: " + f.where() + ": " + f.action());
        }
      }
    } catch (AccountLockedException e) {
      // Locked (by us or anyone else): wait until the time the device gave; never retry now.
      System.out.println(
          "account locked until " + e.retryAfter().map(Object::toString).orElse("unknown"));
    } catch (AuthenticationFailedException e) {
      // Wrong password: ask a person. Do not loop: each failure spends the lockout budget.
      System.out.println(
          "login refused: "
              + e.getMessage()
              + "; attempts left before lockout: "
              + (e.remainingAttempts().isPresent() ? e.remainingAttempts().getAsInt() : "unknown"));
    }
  }
}
