package io.nvrkit.examples;

import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import java.util.Map;
import java.util.Objects;

/**
 * What an embedding developer's own code might look like (this is the "code under test" of {@link
 * ConsumerStyleTest}): rotate a device's admin password and keep it in a vault. The vault is a map
 * here; in real life HashiCorp Vault, a password manager, a database.
 *
 * <p>The two rules it follows are the ones the library asks of every caller: store the new password
 * <em>before</em> sending it (so a lost answer never loses it), and never put a secret into an
 * exception or a log line.
 */
final class PasswordRotationService {
  /** The vault entry holding a password that may or may not have reached the device yet. */
  static final String PENDING = ".pending";

  private final Map<String, Secret> vault;

  PasswordRotationService(Map<String, Secret> vault) {
    this.vault = Objects.requireNonNull(vault, "vault");
  }

  /** The vault key of an account: {@code host:port/user}. */
  static String key(DeviceEndpoint device, String user) {
    return device.key() + "/" + user;
  }

  /** What a rotation did, for our audit log. */
  record Rotated(String serial, PasswordChangeResult.Outcome outcome, int roundTrips) {}

  /** Our own exception: says which device failed and why, never with which password. */
  static final class RotationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RotationFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Rotates {@code user}'s password on {@code device}, using the password in the vault.
   *
   * @throws RotationFailedException if the device cannot be rotated; the vault still holds every
   *     password the device may have (the current one, and the pending one if it was sent)
   */
  Rotated rotate(DeviceEndpoint device, String user) {
    String key = key(device, user);
    Secret current = vault.get(key);
    if (current == null) {
      throw new IllegalStateException("no password in the vault for " + key);
    }
    try (NvrClient nvr = Nvr.connect(device, Credentials.of(user, current))) {
      DeviceIdentity identity = nvr.identity();
      PasswordPolicy policy = nvr.passwordPolicy();
      PersonalInfo personal = PersonalInfo.builder().userName(user).device(identity).build();
      Secret next = PasswordGenerator.forPolicy(policy).generate(personal);
      vault.put(key + PENDING, next); // 1. store first
      PasswordChangeResult change = nvr.changePassword(PasswordChangeRequest.builder(next).build());
      vault.put(key, next); // 2. the device has it (verified by a fresh login): promote
      vault.remove(key + PENDING);
      return new Rotated(
          identity.serial().orElse("unknown"), change.outcome(), change.roundTrips());
    } catch (NvrException e) {
      // The library's messages carry no secret, so they are safe to pass on.
      throw new RotationFailedException(
          "rotating " + user + " on " + device.key() + " failed: " + e.getMessage(), e);
    }
  }
}
