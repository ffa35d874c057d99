package io.nvrkit.core;

import java.util.Objects;

/**
 * Somewhere else that still holds the old password after a change, and what to do there, e.g.
 * "Lorex mobile app: sign in again with the new password".
 *
 * @param where the place (app, VMS, camera, vault)
 * @param action what a person or program must do
 */
public record FollowUp(String where, String action) {
  /** Checks the components are present. */
  public FollowUp {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(action, "action");
  }
}
