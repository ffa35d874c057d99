package io.nvrkit.core.rotation;

import io.nvrkit.core.DeviceAccount;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a {@link Rotation} run: one {@link DeviceResult} per device account, in plan
 * order. Never contains a secret. Writers produce JSON ({@link #writeJson(Writer)}) and CSV ({@link
 * #writeCsv(Writer)}).
 *
 * <p>Immutable and thread-safe.
 */
public final class RotationReport {
  private final List<DeviceResult> devices;
  private final Instant started;
  private final Instant finished;
  private final List<String> journalNotes;

  /**
   * Creates a report.
   *
   * @param devices per-device results
   * @param started when the run started
   * @param finished when it ended
   * @param journalNotes what opening the journal repaired (torn tail), may be empty
   */
  public RotationReport(
      List<DeviceResult> devices, Instant started, Instant finished, List<String> journalNotes) {
    this.devices = List.copyOf(devices);
    this.started = Objects.requireNonNull(started, "started");
    this.finished = Objects.requireNonNull(finished, "finished");
    this.journalNotes = List.copyOf(journalNotes);
  }

  /** Where a device ended up. */
  public enum Outcome {
    /** The new password is set, verified, and committed to the journal. */
    COMMITTED,
    /**
     * The device still has its old password (the journal knows it); nothing needs a person but the
     * rotation did not happen (device unreachable before the change, change refused, ...). Safe to
     * retry with {@link Rotation#resume()}.
     */
    UNCHANGED,
    /**
     * The rotation cannot finish without a person or a later resume: the device is locked, or
     * unreachable after the change may have been applied, or accepts neither the old nor the new
     * password. The reason says what to do; the journal holds every candidate password.
     */
    STUCK
  }

  /**
   * One device account's result.
   *
   * @param account the device account
   * @param outcome where it ended up
   * @param reason why (empty when committed now); never a secret
   * @param roundTrips HTTP exchanges spent on it in this run (sessions' counts plus one per failed
   *     login)
   * @param failedLogins logins refused by the device in this run (each spends lockout budget)
   * @param duration time spent on it in this run
   */
  public record DeviceResult(
      DeviceAccount account,
      Outcome outcome,
      String reason,
      int roundTrips,
      int failedLogins,
      Duration duration) {

    /** Checks the components. */
    public DeviceResult {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /**
   * Every device's result, in plan order.
   *
   * @return the results
   */
  public List<DeviceResult> devices() {
    return devices;
  }

  /**
   * When the run started.
   *
   * @return the start
   */
  public Instant started() {
    return started;
  }

  /**
   * When the run ended.
   *
   * @return the end
   */
  public Instant finished() {
    return finished;
  }

  /**
   * What opening the journal repaired (a truncated torn tail).
   *
   * @return the notes, may be empty
   */
  public List<String> journalNotes() {
    return journalNotes;
  }

  /**
   * How many devices ended with {@code outcome}.
   *
   * @param outcome the outcome
   * @return the count
   */
  public int count(Outcome outcome) {
    int n = 0;
    for (DeviceResult d : devices) {
      if (d.outcome() == outcome) {
        n++;
      }
    }
    return n;
  }

  /**
   * Whether every device is committed.
   *
   * @return true if all committed
   */
  public boolean allCommitted() {
    return count(Outcome.COMMITTED) == devices.size();
  }

  /**
   * The devices that did not end committed (to retry them as a group with {@link
   * Rotation#resume()}, or to hand to a person).
   *
   * @return the results not committed
   */
  public List<DeviceResult> notCommitted() {
    List<DeviceResult> out = new ArrayList<>();
    for (DeviceResult d : devices) {
      if (d.outcome() != Outcome.COMMITTED) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * Writes the report as one JSON object: {@code {"started":..., "finished":..., "committed":n,
   * "unchanged":n, "stuck":n, "journal_notes":[...], "devices":[{"device":..., "vendor":...,
   * "outcome":..., "reason":..., "round_trips":n, "failed_logins":n, "duration_ms":n}, ...]}}.
   *
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public void writeJson(Writer out) {
    try {
      out.write(toJson());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The report as JSON (see {@link #writeJson(Writer)}).
   *
   * @return the JSON text
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder(128 + devices.size() * 160);
    sb.append("{\"started\":");
    str(sb, started.toString());
    sb.append(",\"finished\":");
    str(sb, finished.toString());
    sb.append(",\"committed\":").append(count(Outcome.COMMITTED));
    sb.append(",\"unchanged\":").append(count(Outcome.UNCHANGED));
    sb.append(",\"stuck\":").append(count(Outcome.STUCK));
    sb.append(",\"journal_notes\":[");
    for (int i = 0; i < journalNotes.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      str(sb, journalNotes.get(i));
    }
    sb.append("],\"devices\":[");
    for (int i = 0; i < devices.size(); i++) {
      DeviceResult d = devices.get(i);
      sb.append(i == 0 ? "\n" : ",\n").append("{\"device\":");
      str(sb, d.account().toString());
      sb.append(",\"vendor\":");
      str(sb, d.account().driverId());
      sb.append(",\"outcome\":\"").append(d.outcome()).append('"');
      sb.append(",\"reason\":");
      str(sb, d.reason());
      sb.append(",\"round_trips\":").append(d.roundTrips());
      sb.append(",\"failed_logins\":").append(d.failedLogins());
      sb.append(",\"duration_ms\":").append(d.duration().toMillis()).append('}');
    }
    sb.append("]}\n");
    return sb.toString();
  }

  /**
   * Writes the report as CSV with the header {@code
   * device,vendor,outcome,reason,round_trips,failed_logins,duration_ms}.
   *
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public void writeCsv(Writer out) {
    try {
      out.write("device,vendor,outcome,reason,round_trips,failed_logins,duration_ms\n");
      for (DeviceResult d : devices) {
        out.write(
            csv(d.account().toString())
                + ","
                + csv(d.account().driverId())
                + ","
                + d.outcome()
                + ","
                + csv(d.reason())
                + ","
                + d.roundTrips()
                + ","
                + d.failedLogins()
                + ","
                + d.duration().toMillis()
                + "\n");
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return "RotationReport[committed="
        + count(Outcome.COMMITTED)
        + ", unchanged="
        + count(Outcome.UNCHANGED)
        + ", stuck="
        + count(Outcome.STUCK)
        + "]";
  }

  static String csv(String value) {
    String v = value;
    // neutralise spreadsheet formulas
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0
        || v.indexOf('"') >= 0
        || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0) {
      return '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }

  static void str(StringBuilder sb, String value) {
    // Jackson's encoder: RFC 8259 escaping, control characters included; no String copy of value
    sb.append('"')
        .append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value))
        .append('"');
  }
}
