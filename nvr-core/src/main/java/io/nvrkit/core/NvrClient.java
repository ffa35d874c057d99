package io.nvrkit.core;

import java.util.List;

/**
 * One authenticated session with one device. Obtained from {@link Nvr#connect(DeviceEndpoint,
 * Credentials)} or a driver; the caller closes it.
 *
 * <pre>{@code
 * try (NvrClient nvr = Nvr.connect(DeviceEndpoint.of("https://192.0.2.10"), admin)) {
 *   DeviceIdentity id = nvr.identity();
 *   PasswordChangeResult c = nvr.changePassword(PasswordChangeRequest.builder(newPassword).build());
 * }
 * }</pre>
 *
 * <p>Every call blocks and is bounded by the {@link ConnectOptions} timeouts. No call retries an
 * authentication failure; the client keeps a per-device attempt budget below the device's lockout
 * threshold and refuses to spend the last attempt. Implementations are thread-safe, but calls on
 * one session are serialized: for parallelism across devices use one client per device. Round-trip
 * counts are in {@link SessionDiagnostics}.
 */
public interface NvrClient extends AutoCloseable {

  /**
   * The device this session talks to.
   *
   * @return the endpoint
   */
  DeviceEndpoint endpoint();

  /**
   * The id of the driver behind this session ({@code lorex}, {@code onvif}); the device's brand is
   * {@link DeviceIdentity#vendor()}.
   *
   * @return the driver id
   */
  String driverId();

  /**
   * The policy new passwords for this device must meet when the caller gives none: the driver's
   * default (for example Lorex's firmware rules). A {@link PasswordChangeRequest} without a policy
   * is checked against it, plus the device's own limits.
   *
   * @return the policy
   */
  io.nvrkit.core.policy.PasswordPolicy passwordPolicy();

  /**
   * Reads everything the device tells about itself, each field with its provenance.
   *
   * @return the identity
   * @throws NvrException if the device cannot be read
   */
  DeviceIdentity identity();

  /**
   * Lists the device's accounts (without passwords).
   *
   * @return the accounts
   * @throws NvrException if they cannot be read
   */
  List<UserAccount> users();

  /**
   * Changes a password. The new password is checked against the policy before anything is sent; the
   * change is done only when a fresh login with the new password succeeds (unless {@link
   * PasswordChangeRequest#verify()} is false). A successful change of the session's own password
   * makes the session use the new one.
   *
   * @param update what to change
   * @return the result
   * @throws PolicyViolationException if the policy or the device's known limits refuse it (nothing
   *     sent)
   * @throws DeviceRejectedException if the device refused it
   * @throws AuthenticationFailedException if the old password was wrong
   * @throws NvrException for other failures; the change may or may not have been applied when the
   *     cause is a lost answer (see {@link DeviceUnreachableException})
   */
  PasswordChangeResult changePassword(PasswordChangeRequest update);

  /**
   * Creates an account.
   *
   * @param user the new account's name
   * @param password its password (checked against the driver's default policy)
   * @param level its level
   * @throws NotSupportedException if the device or adapter cannot create users
   * @throws NvrException if the device refuses
   */
  default void createUser(String user, Secret password, AccountLevel level) {
    throw new NotSupportedException("creating users is not supported by " + driverId());
  }

  /**
   * Deletes an account.
   *
   * @param user the account name
   * @throws NotSupportedException if the device or adapter cannot delete users
   * @throws NvrException if the device refuses (e.g. a built-in account)
   */
  default void deleteUser(String user) {
    throw new NotSupportedException("deleting users is not supported by " + driverId());
  }

  /** Ends the session (logging out where the protocol has sessions) and frees connections. */
  @Override
  void close();
}
