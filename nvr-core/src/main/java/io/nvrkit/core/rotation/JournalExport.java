package io.nvrkit.core.rotation;

import io.nvrkit.core.DeviceAccount;
import java.util.List;
import java.util.Objects;

/**
 * What an export of current credentials produced.
 *
 * @param exported how many device accounts were exported
 * @param uncertain device accounts left out because an unfinished rotation leaves their current
 *     password uncertain (old or new): run {@link Rotation#resume()} first
 */
public record JournalExport(int exported, List<DeviceAccount> uncertain) {
  /** Checks and copies the components. */
  public JournalExport {
    Objects.requireNonNull(uncertain, "uncertain");
    uncertain = List.copyOf(uncertain);
  }
}
