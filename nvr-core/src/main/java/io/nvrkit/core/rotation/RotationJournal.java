package io.nvrkit.core.rotation;

import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.Journal;
import io.nvrkit.core.internal.journal.JournalFile;
import io.nvrkit.core.internal.journal.JournalRecord;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.internal.journal.KdfParams;
import io.nvrkit.core.internal.journal.RecordType;
import io.nvrkit.core.internal.rotation.AccountKeys;
import io.nvrkit.core.rotation.JournalException.Kind;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The crash-safe, encrypted write-ahead journal of a rotation: the source of truth for every
 * device's password until the credentials are exported to their final home.
 *
 * <pre>{@code
 * try (RotationJournal journal = RotationJournal.create(Path.of("rotation.journal"), passphrase)) {
 *   RotationReport report = Rotation.of(plan, journal).run();
 *   journal.exportCsv(Path.of("current.csv"));           // owner-only file
 * }
 * }</pre>
 *
 * <p>Format: a versioned header (Argon2id parameters and salt; the random data key wrapped with
 * AES-256-GCM under the key derived from the passphrase with Argon2id, RFC 9106's second
 * recommended parameters t=3, p=4, m=64 MiB), then append-only records, each CRC32C-framed and
 * encrypted with AES-256-GCM, the record's sequence number and device bound in the associated data.
 * A record is forced to disk before the change it announces is sent to a device; a single writer
 * thread batches the forces of concurrent devices (group commit).
 *
 * <p>Opening truncates a torn tail (an incomplete last record left by a crash) and reports it in
 * {@link #recoveryNotes()}; a wrong passphrase or any tampering is a {@link JournalException},
 * never silent. One process at a time: the file is locked while open.
 *
 * <p>Thread-safe. Close it (try-with-resources) to force the last records and wipe the passwords
 * held in memory.
 */
public final class RotationJournal implements AutoCloseable {
  private final Journal journal;

  private RotationJournal(Journal journal) {
    this.journal = journal;
  }

  /**
   * Creates a new journal file, readable and writable by its owner only.
   *
   * @param path the file; must not exist
   * @param passphrase the passphrase; the caller may destroy it after this call
   * @return the open journal
   * @throws JournalException if the file exists or cannot be written
   */
  public static RotationJournal create(Path path, Secret passphrase) {
    return create(path, passphrase, JournalKdf.DEFAULT);
  }

  /**
   * Creates a new journal file whose key is derived with {@code kit}'s {@linkplain
   * io.nvrkit.core.NvrKit.Builder#journalKdf journal key-derivation cost}.
   *
   * @param kit the kit
   * @param path the file; must not exist
   * @param passphrase the passphrase; the caller may destroy it after this call
   * @return the open journal
   * @throws JournalException if the file exists or cannot be written
   */
  public static RotationJournal create(io.nvrkit.core.NvrKit kit, Path path, Secret passphrase) {
    return create(path, passphrase, kit.rotations().journalKdf());
  }

  /**
   * Creates a new journal file whose key is derived with the given cost.
   *
   * @param path the file; must not exist
   * @param passphrase the passphrase; the caller may destroy it after this call
   * @param kdf the Argon2id cost
   * @return the open journal
   * @throws JournalException if the file exists or cannot be written
   */
  public static RotationJournal create(Path path, Secret passphrase, JournalKdf kdf) {
    return new RotationJournal(
        Journal.create(
            path, passphrase, new KdfParams(kdf.memoryKiB(), kdf.iterations(), kdf.parallelism())));
  }

  /**
   * Opens an existing journal, verifying and decrypting every record.
   *
   * @param path the file
   * @param passphrase the passphrase; the caller may destroy it after this call
   * @return the open journal
   * @throws JournalException on a wrong passphrase ({@link Kind#WRONG_PASSPHRASE}), tampering
   *     ({@link Kind#TAMPERED}), an unknown format, a lock held by another process, or I/O failure
   */
  public static RotationJournal open(Path path, Secret passphrase) {
    return new RotationJournal(Journal.open(path, passphrase));
  }

  /**
   * Opens the journal if the file exists, otherwise creates it.
   *
   * @param path the file
   * @param passphrase the passphrase
   * @return the open journal
   * @throws JournalException as {@link #open} and {@link #create}
   */
  public static RotationJournal openOrCreate(Path path, Secret passphrase) {
    return Files.exists(path) ? open(path, passphrase) : create(path, passphrase);
  }

  /**
   * Opens the journal if the file exists, otherwise creates it with {@code kit}'s cost.
   *
   * @param kit the kit
   * @param path the file
   * @param passphrase the passphrase
   * @return the open journal
   * @throws JournalException as {@link #open} and {@link #create}
   */
  public static RotationJournal openOrCreate(
      io.nvrkit.core.NvrKit kit, Path path, Secret passphrase) {
    return Files.exists(path) ? open(path, passphrase) : create(kit, path, passphrase);
  }

  Journal internal() {
    return journal;
  }

  /**
   * The file.
   *
   * @return the path
   */
  public Path path() {
    return journal.file().path();
  }

  /**
   * What opening repaired: a truncated torn tail, with its size and offset.
   *
   * @return the notes, empty if nothing was repaired
   */
  public List<String> recoveryNotes() {
    return journal.file().recoveryNotes();
  }

  /**
   * Every device account's state, without secrets.
   *
   * @return the status
   */
  public JournalStatus status() {
    List<JournalStatus.DeviceStatus> out = new ArrayList<>();
    for (JournalState.View v : journal.state().views()) {
      out.add(
          new JournalStatus.DeviceStatus(
              AccountKeys.account(v),
              stateOf(v),
              v.lastStep() == null ? "" : v.lastStep().name(),
              v.reason().replaceFirst("^(NEITHER|LOGIN_REFUSED): ", ""),
              v.time()));
    }
    KdfParams p = journal.file().kdfParams();
    return new JournalStatus(
        out,
        journal.state().exports(),
        journal.state().lastExport(),
        recoveryNotes(),
        "argon2id m=" + p.memoryKiB() + "KiB t=" + p.iterations() + " p=" + p.parallelism());
  }

  static JournalStatus.State stateOf(JournalState.View v) {
    if (v.open()) {
      if (v.stuck()) {
        return JournalStatus.State.STUCK;
      }
      if (v.lastStep() == RecordType.CONFIRMED_OLD) {
        return JournalStatus.State.UNCHANGED;
      }
      return JournalStatus.State.IN_PROGRESS;
    }
    if (v.commits() > 0) {
      return JournalStatus.State.COMMITTED;
    }
    if (v.stuck()) {
      return JournalStatus.State.STUCK;
    }
    if (v.lastStep() == RecordType.ABORTED) {
      return JournalStatus.State.UNCHANGED;
    }
    return JournalStatus.State.NOT_STARTED;
  }

  /**
   * Sends every device account's current password to {@code sink}, then records the export. A
   * device whose unfinished rotation leaves its password uncertain is left out and listed.
   *
   * @param sink the integrator's vault
   * @return what was exported
   * @throws JournalException if the export cannot be recorded
   * @throws RuntimeException whatever {@code sink} throws (nothing is recorded then)
   */
  public JournalExport export(SecretSink sink) {
    Objects.requireNonNull(sink, "sink");
    int n = 0;
    List<DeviceAccount> uncertain = new ArrayList<>();
    for (JournalState.View v : journal.state().views()) {
      Secret current = v.current();
      if (current == null) {
        uncertain.add(AccountKeys.account(v));
        continue;
      }
      sink.accept(AccountKeys.account(v), current);
      n++;
    }
    record("sink " + sink.describe(), n, uncertain.size());
    return new JournalExport(n, uncertain);
  }

  /**
   * Writes every device account's current password to a new CSV file ({@code url,user,password})
   * that only its owner can read (POSIX), forces it to disk, then records the export.
   *
   * @param out the file; must not exist
   * @return what was exported
   * @throws JournalException if the file exists or cannot be written ({@link Kind#FILE_STATE},
   *     {@link Kind#IO})
   */
  public JournalExport exportCsv(Path out) {
    Objects.requireNonNull(out, "out");
    List<DeviceAccount> uncertain = new ArrayList<>();
    int[] n = {0};
    writeOwnerOnlyCsv(
        out,
        "url,user,password",
        w -> {
          for (JournalState.View v : journal.state().views()) {
            Secret current = v.current();
            if (current == null) {
              uncertain.add(AccountKeys.account(v));
              continue;
            }
            writeRow(w, v, null, current);
            n[0]++;
          }
        });
    record("csv " + out.toAbsolutePath(), n[0], uncertain.size());
    return new JournalExport(n[0], uncertain);
  }

  /**
   * The break-glass companion of {@link #exportCsv}: writes both candidate passwords of every
   * device whose unfinished rotation leaves its password uncertain to a new CSV file ({@code
   * url,user,candidate,password}, the candidate being {@code old} or {@code new}) that only its
   * owner can read (POSIX), forces it to disk, then records the export. A person who cannot wait
   * for {@link Rotation#resume()} (the device stays unreachable, or is STUCK) logs in with one of
   * the two; trying them by hand spends the device's failed-login budget, so try the {@code new}
   * one first when the reason says the change may have been sent.
   *
   * @param out the file; must not exist
   * @return how many uncertain devices were written ({@link JournalExport#uncertain()} lists them)
   * @throws JournalException if the file exists or cannot be written ({@link Kind#FILE_STATE},
   *     {@link Kind#IO})
   */
  public JournalExport exportCandidatesCsv(Path out) {
    Objects.requireNonNull(out, "out");
    List<DeviceAccount> written = new ArrayList<>();
    writeOwnerOnlyCsv(
        out,
        "url,user,candidate,password",
        w -> {
          for (JournalState.View v : journal.state().views()) {
            if (v.current() != null || v.txOld() == null || v.txNew() == null) {
              continue;
            }
            writeRow(w, v, "old", v.txOld());
            writeRow(w, v, "new", v.txNew());
            written.add(AccountKeys.account(v));
          }
        });
    record("candidates csv " + out.toAbsolutePath(), written.size(), 0);
    return new JournalExport(written.size(), written);
  }

  /** Rows to a writer; may throw {@link IOException}. */
  private interface CsvBody {
    void write(Writer w) throws IOException;
  }

  /** Creates {@code out} (owner-only where POSIX), writes the header and body, forces it. */
  private static void writeOwnerOnlyCsv(Path out, String header, CsvBody body) {
    try {
      FileAttribute<?>[] attrs = new FileAttribute<?>[0];
      Path dir = out.toAbsolutePath().getParent();
      if (dir != null && Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        attrs =
            new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            };
      }
      try (FileChannel ch =
          FileChannel.open(
              out,
              java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              attrs)) {
        Writer w = new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8);
        w.write(header);
        w.write('\n');
        body.write(w);
        w.flush();
        ch.force(true);
      }
      JournalFile.fsyncDirectory(out);
    } catch (FileAlreadyExistsException e) {
      throw new JournalException(
          Kind.FILE_STATE, "export file already exists (refusing to overwrite): " + out, null);
    } catch (IOException e) {
      throw new JournalException(Kind.IO, "cannot write export file " + out, e);
    }
  }

  private static void writeRow(Writer w, JournalState.View v, @Nullable String candidate, Secret pw)
      throws IOException {
    w.write(RotationReport.csv(v.url()));
    w.write(',');
    w.write(RotationReport.csv(v.user()));
    w.write(',');
    if (candidate != null) {
      w.write(candidate);
      w.write(',');
    }
    char[] c = pw.copyChars();
    try {
      writeCsvSecret(w, c);
    } finally {
      Arrays.fill(c, '\0');
    }
    w.write('\n');
  }

  private static void writeCsvSecret(Writer w, char[] c) throws IOException {
    boolean quote = false;
    for (char x : c) {
      if (x == ',' || x == '"' || x == '\n' || x == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      w.write(c);
      return;
    }
    w.write('"');
    for (char x : c) {
      if (x == '"') {
        w.write('"');
      }
      w.write(x);
    }
    w.write('"');
  }

  private void record(String destination, int exported, int uncertain) {
    journal.appendAndForce(
        JournalRecord.step(
            RecordType.EXPORTED,
            Instant.now(),
            "",
            "",
            "exported "
                + exported
                + " credential(s) to "
                + destination
                + "; "
                + uncertain
                + " uncertain left out"));
  }

  /** Forces the last records to disk, releases the file and wipes the passwords held in memory. */
  @Override
  public void close() {
    journal.close();
  }

  @Override
  public String toString() {
    return "RotationJournal[" + path() + "]";
  }
}
