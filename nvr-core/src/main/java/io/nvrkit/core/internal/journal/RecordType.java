package io.nvrkit.core.internal.journal;

/** The kinds of journal record. Codes are part of the on-disk format: never renumber. */
public enum RecordType {
  /** A device belongs to the rotation, with the password the inventory gave for it. */
  PLANNED(1),
  /** A new password was chosen for a device (with the old one): the transaction is open. */
  INTENT(2),
  /** The change is about to be sent (or re-sent) to the device. */
  SENT(3),
  /** The device answered the change with success. */
  ACKED(4),
  /**
   * A fresh login with the new password worked. Written before the old password is checked (the
   * check is journaled with PROBING), so that every accepted login is in the journal before the
   * next one is tried.
   */
  VERIFIED(5),
  /** The new password is the device's current password; the transaction is closed. */
  COMMITTED(6),
  /** The change was not applied (policy or device refusal); the old password stays current. */
  ABORTED(7),
  /** The device was found to still accept the old password; the transaction stays open. */
  CONFIRMED_OLD(8),
  /** The device needs a person; informational, the transaction stays open. */
  STUCK(9),
  /** Current credentials were exported. */
  EXPORTED(10),
  /**
   * A login with a candidate password ({@code text} is {@code old} or {@code new}) is about to be
   * tried while finding out which one the device accepts; {@code refused:old} or {@code
   * refused:new} when the device refused it, {@code uncounted:old} or {@code uncounted:new} when
   * the device cannot have counted the login (nothing credentialed sent, or an answer without a
   * verdict). Every PROBING since the last record proving a login or a send counts (see {@code
   * JournalState.View}): a refused candidate is not tried again, and one tried with no journaled
   * outcome (the device may have counted it) comes after one tried fewer times, so that crashes
   * during recovery do not add up refused logins.
   */
  PROBING(11);

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /**
   * The on-disk code.
   *
   * @return the code
   */
  public int code() {
    return code;
  }

  /**
   * The type for an on-disk code.
   *
   * @param code the code
   * @return the type, or null if unknown
   */
  public static RecordType of(int code) {
    for (RecordType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
