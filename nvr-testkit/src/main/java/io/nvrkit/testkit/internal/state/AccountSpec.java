package io.nvrkit.testkit.internal.state;

import io.nvrkit.core.AccountLevel;
import java.util.Objects;

/**
 * An account as configured (initial state of a fake device).
 *
 * @param name the account name
 * @param password the password; the state copies it
 * @param level the privilege level
 * @param reserved whether it cannot be deleted (Lorex reserved, ONVIF fixed)
 */
public record AccountSpec(String name, char[] password, AccountLevel level, boolean reserved) {
  /** Checks the components. */
  public AccountSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(level, "level");
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "AccountSpec[" + name + ", " + level + (reserved ? ", reserved" : "") + "]";
  }
}
