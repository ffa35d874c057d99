package io.nvrkit.core.rotation;

import io.nvrkit.core.internal.journal.JournalState;

/** Test access to a journal's folded state (secrets included), from outside the package. */
public final class JournalTestAccess {
  private JournalTestAccess() {}

  /**
   * The state.
   *
   * @param j the journal
   * @return its state
   */
  public static JournalState state(RotationJournal j) {
    return j.internal().state();
  }
}
