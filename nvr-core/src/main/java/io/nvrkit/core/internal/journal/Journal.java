package io.nvrkit.core.internal.journal;

import io.nvrkit.core.Secret;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A journal file together with the state folded from its records; every append updates both. The
 * state is updated when the record is enqueued (each device is driven by one thread at a time, so
 * its records are enqueued and written in order). Thread-safe.
 */
public final class Journal implements AutoCloseable {
  private final JournalFile file;
  private final JournalState state;

  private Journal(JournalFile file) {
    this.file = file;
    this.state = JournalState.of(file.initialRecords());
  }

  /**
   * Creates a journal.
   *
   * @param path the file; must not exist
   * @param passphrase the passphrase
   * @return the journal
   */
  public static Journal create(Path path, Secret passphrase) {
    return create(path, passphrase, KdfParams.RFC9106_SECOND);
  }

  /**
   * Creates a journal with the given key-derivation cost.
   *
   * @param path the file
   * @param passphrase the passphrase
   * @param kdf the Argon2id cost
   * @return the journal
   */
  public static Journal create(Path path, Secret passphrase, KdfParams kdf) {
    return new Journal(JournalFile.create(path, passphrase, kdf));
  }

  /**
   * Opens a journal.
   *
   * @param path the file
   * @param passphrase the passphrase
   * @return the journal
   */
  public static Journal open(Path path, Secret passphrase) {
    return new Journal(JournalFile.open(path, passphrase));
  }

  /**
   * The file.
   *
   * @return the file
   */
  public JournalFile file() {
    return file;
  }

  /**
   * The folded state.
   *
   * @return the state
   */
  public JournalState state() {
    return state;
  }

  /**
   * Appends a record without waiting.
   *
   * @param r the record
   * @param force whether it must be forced to disk
   * @return completes when written (and forced)
   */
  public CompletableFuture<Void> append(JournalRecord r, boolean force) {
    state.apply(r);
    return file.append(r, force);
  }

  /**
   * Appends a record and waits until it is on disk.
   *
   * @param r the record
   */
  public void appendAndForce(JournalRecord r) {
    JournalFile.await(append(r, true));
  }

  @Override
  public void close() {
    try {
      file.close();
    } finally {
      state.destroySecrets();
    }
  }
}
