package io.nvrkit.core;

import java.util.Locale;
import java.util.Objects;

/**
 * One account on one device, as the rotation journal, its exports and its reports name it: the
 * device's endpoint, the id of the driver that speaks to it ({@code lorex}, {@code onvif}, ...),
 * and the user name.
 *
 * <pre>{@code
 * journal.export((account, password) ->
 *     vault.write("nvr/" + account.endpoint().key() + "/" + account.user(), password.view()));
 * }</pre>
 *
 * <p>Two accounts are equal when all three components are equal; {@link #toString()} is the text
 * the journal and the reports print, {@code url user} (for example {@code https://192.0.2.10:443
 * admin}). Immutable and thread-safe; holds no secret.
 *
 * @param endpoint the device
 * @param driverId the id of the driver that manages it, lower case
 * @param user the account's user name
 */
public record DeviceAccount(DeviceEndpoint endpoint, String driverId, String user) {

  /**
   * Checks and normalises the components.
   *
   * @param endpoint the device
   * @param driverId the driver id; lower-cased
   * @param user the user name
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the driver id is blank, or the user is blank or contains a
   *     control character
   */
  public DeviceAccount {
    Objects.requireNonNull(endpoint, "endpoint");
    driverId = Objects.requireNonNull(driverId, "driverId").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(user, "user");
    if (driverId.isBlank()) {
      throw new IllegalArgumentException("driverId must not be blank");
    }
    if (user.isBlank() || user.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("user must not be blank or contain control characters");
    }
  }

  /**
   * The account {@code user} on {@code endpoint}, managed by the driver {@code driverId}.
   *
   * @param endpoint the device
   * @param driverId the driver id
   * @param user the user name
   * @return the account
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static DeviceAccount of(DeviceEndpoint endpoint, String driverId, String user) {
    return new DeviceAccount(endpoint, driverId, user);
  }

  /** The account as the journal and reports print it: {@code url user}. */
  @Override
  public String toString() {
    return endpoint + " " + user;
  }
}
