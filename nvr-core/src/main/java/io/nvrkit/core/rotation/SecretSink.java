package io.nvrkit.core.rotation;

import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.Secret;

/**
 * Where {@link RotationJournal#export(SecretSink)} sends the current credentials: an integrator's
 * vault (HashiCorp Vault, a password manager's API, ...). Implementations write each credential
 * where it belongs; the export is then recorded in the journal.
 *
 * <pre>{@code
 * journal.export((account, password) ->
 *     vault.write("nvr/" + account.endpoint().key(), account.user(), password.view()));
 * }</pre>
 *
 * <p>Called from the exporting thread only, one device at a time. The {@link Secret} is valid only
 * during the call: copy what you need, never keep the reference.
 */
@FunctionalInterface
public interface SecretSink {

  /**
   * Receives one device account's current password.
   *
   * @param account the device account: endpoint ({@code scheme://host:port}), driver id, user
   * @param password its current password; valid only during the call
   * @throws RuntimeException to abort the export (the journal then records nothing)
   */
  void accept(DeviceAccount account, Secret password);

  /**
   * A short description recorded in the journal with the export (never a secret or token).
   *
   * @return the description; default the implementing class name
   */
  default String describe() {
    return getClass().getName();
  }
}
