package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.internal.journal.JournalState;

/**
 * The journal's text key of a device account ({@code url user}, as written on disk) and the typed
 * {@link DeviceAccount} the public API shows for a journal entry.
 */
public final class AccountKeys {
  private AccountKeys() {}

  /**
   * The journal key of an account.
   *
   * @param account the account
   * @return {@code url user}
   */
  public static String key(DeviceAccount account) {
    return key(account.endpoint(), account.user());
  }

  /**
   * The journal key of {@code user} on {@code endpoint}.
   *
   * @param endpoint the device
   * @param user the user name
   * @return {@code url user}
   */
  public static String key(DeviceEndpoint endpoint, String user) {
    return endpoint + " " + user;
  }

  /**
   * The account a journal entry is about, with the endpoint options recorded when it was planned.
   *
   * @param view the journal entry
   * @return the account
   */
  public static DeviceAccount account(JournalState.View view) {
    return DeviceAccount.of(EndpointText.parse(view.url(), view.tls()), view.vendor(), view.user());
  }
}
