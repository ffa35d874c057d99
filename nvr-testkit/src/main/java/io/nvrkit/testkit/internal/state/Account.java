package io.nvrkit.testkit.internal.state;

import io.nvrkit.core.AccountLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot of one account, without its password. Immutable.
 *
 * @param id the account's numeric id (stable within a device's life)
 * @param name the name
 * @param level the privilege level
 * @param reserved whether it cannot be deleted
 * @param sharable whether several clients may log in with it at once
 * @param memo the free-text memo
 * @param authorities the authority list
 * @param passwordModified when the password last changed (device clock)
 */
public record Account(
    int id,
    String name,
    AccountLevel level,
    boolean reserved,
    boolean sharable,
    String memo,
    List<String> authorities,
    Instant passwordModified) {

  /** Copies the list. */
  public Account {
    authorities = List.copyOf(authorities);
  }

  /** Mutable account record held by {@link DeviceState}, guarded by the state's lock. */
  static final class Mutable {
    int id;
    String name;
    char[] password;
    AccountLevel level;
    boolean reserved;
    boolean sharable = true;
    String memo = "";
    List<String> authorities = new ArrayList<>();
    Instant passwordModified;

    Account snapshot() {
      return new Account(id, name, level, reserved, sharable, memo, authorities, passwordModified);
    }
  }
}
