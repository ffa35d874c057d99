package io.nvrkit.core;

import java.util.Objects;

/**
 * An account on a device, without its password.
 *
 * @param name the account name
 * @param level the privilege level
 * @param group the vendor's own group or level name, verbatim (e.g. {@code admin}, {@code
 *     Administrator})
 * @param builtIn whether the device forbids deleting it (Lorex reserved users, ONVIF fixed users)
 */
public record UserAccount(String name, AccountLevel level, String group, boolean builtIn) {
  /** Checks the components are present. */
  public UserAccount {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(group, "group");
  }
}
