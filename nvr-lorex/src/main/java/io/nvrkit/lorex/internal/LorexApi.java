package io.nvrkit.lorex.internal;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import java.util.List;

/** One way of talking to a Lorex/Dahua device: the HTTP CGI or the RPC2 JSON API. */
interface LorexApi extends AutoCloseable {
  /** {@code cgi} or {@code rpc2}. */
  String kind();

  /** Reads the identity (fields marked NETWORK_AUTHENTICATED). */
  DeviceIdentity identity();

  /** Lists accounts. */
  List<UserAccount> users();

  /** Sends the password change; returns when the device acknowledged it. */
  void modifyPassword(String user, Secret newPassword, Secret oldPassword);

  /** Adds an account. */
  void addUser(String user, Secret password, String group);

  /** Deletes an account. */
  void deleteUser(String user);

  /** Uses other credentials for later requests (after the session's own password changed). */
  void useCredentials(io.nvrkit.core.Credentials c);

  @Override
  void close();
}
