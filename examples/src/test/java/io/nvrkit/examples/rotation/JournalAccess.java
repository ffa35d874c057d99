package io.nvrkit.examples.rotation;

import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.rotation.JournalTestAccess;
import io.nvrkit.core.rotation.RotationJournal;

final class JournalAccess {
  private JournalAccess() {}

  static JournalState state(RotationJournal j) {
    return JournalTestAccess.state(j);
  }
}
