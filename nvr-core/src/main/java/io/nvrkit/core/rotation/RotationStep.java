package io.nvrkit.core.rotation;

/**
 * The points of the rotation protocol after which a {@link RotationStepHook} is called (crash tests
 * simulate the process dying there).
 */
public enum RotationStep {
  /** Every device of the plan is journaled. */
  PLANNED,
  /** The intent (old and new password) is enqueued. */
  INTENT,
  /** The SENT record is on disk; the change has not been sent yet. */
  SENT,
  /** The device answered the change with success; nothing journaled about it yet. */
  CHANGED,
  /** The ACKED record is enqueued. */
  ACKED,
  /** A fresh login with the new password worked. */
  NEW_LOGIN_OK,
  /** The VERIFIED record (the new password was accepted) is enqueued. */
  VERIFIED,
  /** The old password was refused (after VERIFIED). */
  OLD_REFUSED,
  /** The COMMITTED record is enqueued. */
  COMMITTED,
  /**
   * A PROBING record (a login with a candidate password about to be tried, or its outcome: refused,
   * or certainly not sent) is on disk.
   */
  PROBING,
  /**
   * A probe (during recovery) found the password the device accepts, and that is on disk (a
   * VERIFIED or CONFIRMED_OLD record).
   */
  PROBED,
  /** The device was found to still have the old password, and that is on disk. */
  CONFIRMED_OLD
}
