package io.nvrkit.testkit.internal.state;

import java.time.Duration;
import java.time.Instant;

/**
 * An RPC session. Immutable snapshot.
 *
 * @param id the session id
 * @param user the user it belongs to
 * @param clientAddress the client's address
 * @param loginTime when it was opened (device clock)
 * @param lastActive the last call or keep-alive (device clock)
 * @param timeout inactivity after which it expires
 */
public record Session(
    String id,
    String user,
    String clientAddress,
    Instant loginTime,
    Instant lastActive,
    Duration timeout) {

  /**
   * Whether the session has expired at {@code now}.
   *
   * @param now the device's time
   * @return true if expired
   */
  public boolean expiredAt(Instant now) {
    return now.isAfter(lastActive.plus(timeout));
  }
}
