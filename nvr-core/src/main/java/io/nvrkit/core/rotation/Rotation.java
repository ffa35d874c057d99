package io.nvrkit.core.rotation;

import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.internal.rotation.Engine;
import java.util.Objects;

/**
 * Rotates the passwords of a fleet of devices, safely: every new password is journaled (encrypted,
 * forced to disk) before it is sent, verified by a fresh login (and by the old password being
 * refused) and then committed; a crash at any point leaves, for every device, a journal from which
 * its current password can be found, and {@link #resume()} finishes the job.
 *
 * <pre>{@code
 * RotationPlan plan = RotationPlan.fromInventory(Path.of("fleet.csv")).concurrency(32).build();
 * try (RotationJournal journal = RotationJournal.create(Path.of("fleet.journal"), passphrase)) {
 *   RotationReport report = Rotation.of(plan, journal).run();
 *   report.writeJson(writer);
 * }
 * // after a crash, or to retry the devices that did not commit, as a group:
 * try (RotationJournal journal = RotationJournal.open(Path.of("fleet.journal"), passphrase)) {
 *   RotationReport report = Rotation.of(RotationPlan.builder().build(), journal).resume();
 * }
 * }</pre>
 *
 * <p>Guarantees: a device's new password is chosen once and never replaced while its rotation is
 * open; authentication failures are never retried; finding out which password a device accepts
 * after a lost answer spends at most one refused login when the device holds either the old or the
 * new password (two only when it holds neither, which marks it STUCK), so a lockout threshold of 3
 * is never reached; verification's old-password check spends exactly one.
 *
 * <p>A {@code Rotation} is used from one thread; it runs devices on its own bounded pool of {@link
 * RotationPlan#concurrency()} threads. {@link #run()} and {@link #resume()} block until every
 * device is done.
 */
public final class Rotation {
  private final NvrKit kit;
  private final RotationPlan plan;
  private final RotationJournal journal;
  private final RotationListener listener;

  private Rotation(
      NvrKit kit, RotationPlan plan, RotationJournal journal, RotationListener listener) {
    this.kit = Objects.requireNonNull(kit, "kit");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * A rotation of {@code plan} recorded in {@code journal}, on the {@linkplain Nvr#defaultKit()
   * default kit}.
   *
   * @param plan what to rotate and how
   * @param journal the open journal; the caller closes it
   * @return the rotation
   */
  public static Rotation of(RotationPlan plan, RotationJournal journal) {
    return of(Nvr.defaultKit(), plan, journal, new RotationListener() {});
  }

  /**
   * A rotation on the default kit reporting progress to {@code listener}.
   *
   * @param plan what to rotate and how
   * @param journal the open journal; the caller closes it
   * @param listener progress listener
   * @return the rotation
   */
  public static Rotation of(RotationPlan plan, RotationJournal journal, RotationListener listener) {
    return of(Nvr.defaultKit(), plan, journal, listener);
  }

  /**
   * A rotation of {@code plan} recorded in {@code journal}, using {@code kit}'s drivers, transport,
   * lockout ledger and step hook.
   *
   * @param kit the kit
   * @param plan what to rotate and how
   * @param journal the open journal; the caller closes it
   * @return the rotation
   */
  public static Rotation of(NvrKit kit, RotationPlan plan, RotationJournal journal) {
    return of(kit, plan, journal, new RotationListener() {});
  }

  /**
   * A rotation reporting progress to {@code listener}.
   *
   * @param kit the kit
   * @param plan what to rotate and how
   * @param journal the open journal; the caller closes it
   * @param listener progress listener
   * @return the rotation
   */
  public static Rotation of(
      NvrKit kit, RotationPlan plan, RotationJournal journal, RotationListener listener) {
    return new Rotation(kit, plan, journal, listener);
  }

  /**
   * Records the plan's devices in the journal and rotates them.
   *
   * @return per-device outcomes
   * @throws IllegalStateException if the journal already holds a rotation (use {@link #resume()})
   * @throws IllegalArgumentException if the plan has no devices
   * @throws JournalException if the journal cannot be written; the rotation stops, and {@link
   *     #resume()} on the reopened journal continues it
   */
  public RotationReport run() {
    return new Engine(kit, plan, journal.internal(), listener).run();
  }

  /**
   * Finishes the rotation held by the journal: for every open transaction, finds out which password
   * the device accepts (the new one first when the change may have been sent) and finishes it or
   * re-sends the same new password; rotates every device not yet committed (devices that failed
   * before are retried as a group); reports devices committed earlier as committed without
   * contacting them. The devices come from the journal; the plan gives only the settings (policy,
   * concurrency, drivers, timeouts), plus per-device overrides for devices it lists.
   *
   * @return per-device outcomes
   * @throws IllegalStateException if the journal holds no rotation
   * @throws JournalException if the journal cannot be written
   */
  public RotationReport resume() {
    return new Engine(kit, plan, journal.internal(), listener).resume();
  }

  @Override
  public String toString() {
    return "Rotation[" + plan + ", " + journal + "]";
  }
}
