package io.nvrkit.core.rotation;

import io.nvrkit.core.DeviceAccount;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A summary of a rotation journal without any secret: per device account its state, last step and
 * reason.
 *
 * @param devices per-device status, in plan order
 * @param exports how many exports of current credentials were recorded
 * @param lastExport when the last export was recorded, or null
 * @param recoveryNotes what opening the journal repaired (a truncated torn tail)
 * @param kdf the key derivation, e.g. {@code argon2id m=65536KiB t=3 p=4}
 */
public record JournalStatus(
    List<DeviceStatus> devices,
    int exports,
    Instant lastExport,
    List<String> recoveryNotes,
    String kdf) {

  /** Checks and copies the components. */
  public JournalStatus {
    devices = List.copyOf(devices);
    recoveryNotes = List.copyOf(recoveryNotes);
    Objects.requireNonNull(kdf, "kdf");
  }

  /** Where a device account stands in the journal. */
  public enum State {
    /** Planned; no new password chosen yet. */
    NOT_STARTED,
    /** A new password was chosen and may have been sent; resume will settle it. */
    IN_PROGRESS,
    /** Known to still have its old password (change refused, or it did not take). */
    UNCHANGED,
    /** Marked as needing a person (see the reason); the journal keeps every candidate password. */
    STUCK,
    /** Rotated, verified and committed. */
    COMMITTED
  }

  /**
   * One device account.
   *
   * @param account the device account
   * @param state where it stands
   * @param lastStep the last journal step recorded for it (e.g. {@code SENT}), or empty
   * @param reason the last reason recorded, or empty
   * @param updated when it was last updated, or null if never
   */
  public record DeviceStatus(
      DeviceAccount account, State state, String lastStep, String reason, Instant updated) {}

  /**
   * How many devices are in {@code state}.
   *
   * @param state the state
   * @return the count
   */
  public int count(State state) {
    int n = 0;
    for (DeviceStatus d : devices) {
      if (d.state() == state) {
        n++;
      }
    }
    return n;
  }

  /**
   * The status as JSON.
   *
   * @return the JSON text
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"devices_total\":").append(devices.size());
    for (State s : State.values()) {
      sb.append(",\"").append(s.name().toLowerCase(java.util.Locale.ROOT)).append("\":");
      sb.append(count(s));
    }
    sb.append(",\"exports\":").append(exports);
    sb.append(",\"last_export\":");
    if (lastExport == null) {
      sb.append("null");
    } else {
      RotationReport.str(sb, lastExport.toString());
    }
    sb.append(",\"kdf\":");
    RotationReport.str(sb, kdf);
    sb.append(",\"recovery_notes\":[");
    for (int i = 0; i < recoveryNotes.size(); i++) {
      sb.append(i == 0 ? "" : ",");
      RotationReport.str(sb, recoveryNotes.get(i));
    }
    sb.append("],\"devices\":[");
    for (int i = 0; i < devices.size(); i++) {
      DeviceStatus d = devices.get(i);
      sb.append(i == 0 ? "\n" : ",\n").append("{\"device\":");
      RotationReport.str(sb, d.account().toString());
      sb.append(",\"vendor\":");
      RotationReport.str(sb, d.account().driverId());
      sb.append(",\"state\":\"").append(d.state()).append('"');
      sb.append(",\"last_step\":");
      RotationReport.str(sb, d.lastStep());
      sb.append(",\"reason\":");
      RotationReport.str(sb, d.reason());
      sb.append(",\"updated\":");
      if (d.updated() == null) {
        sb.append("null");
      } else {
        RotationReport.str(sb, d.updated().toString());
      }
      sb.append('}');
    }
    sb.append("]}\n");
    return sb.toString();
  }
}
