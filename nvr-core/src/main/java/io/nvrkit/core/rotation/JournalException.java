package io.nvrkit.core.rotation;

import io.nvrkit.core.NvrException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The rotation journal cannot be used: wrong passphrase, tampered or corrupted content, an
 * unsupported format version, another process holding it, or an I/O failure. Never thrown for a
 * torn tail, which is truncated and reported by {@link RotationJournal#recoveryNotes()}.
 *
 * <p>The command line maps this exception to exit code 7. Its message never contains a secret.
 */
public class JournalException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** Why the journal cannot be used. */
  private final Kind kind;

  /** Why the journal cannot be used. */
  public enum Kind {
    /** The passphrase does not open the journal (or its header was altered). */
    WRONG_PASSPHRASE,
    /** A record or the header fails its integrity check: the file was altered or damaged. */
    TAMPERED,
    /** The file is not a journal, or is written in a format version this library does not read. */
    UNSUPPORTED_FORMAT,
    /** Another process (or another {@link RotationJournal} in this one) has the journal open. */
    IN_USE,
    /** The file already exists, does not exist, or has unsafe permissions. */
    FILE_STATE,
    /** Reading, writing or forcing the file to disk failed. */
    IO
  }

  /**
   * Creates the exception.
   *
   * @param kind why
   * @param message what went wrong; must not contain a secret
   * @param cause the underlying exception, or null
   */
  public JournalException(Kind kind, String message, @Nullable Throwable cause) {
    super(message, null, "journal", cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Why the journal cannot be used.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
