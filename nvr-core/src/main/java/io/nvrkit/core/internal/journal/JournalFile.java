package io.nvrkit.core.internal.journal;

import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.JournalException;
import io.nvrkit.core.rotation.JournalException.Kind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, encrypted journal file with one writer thread doing group commit: callers enqueue
 * records; the writer encrypts each with its sequence number, writes a batch, forces it to disk
 * once ({@link FileChannel#force(boolean)}) and then completes every caller's future. A fleet
 * therefore pays one fsync per batch, not per record.
 *
 * <p>The file is locked exclusively while open. Thread-safe.
 */
public final class JournalFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);
  private static final int MAX_BATCH = 256;

  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private final JournalCodec codec;
  private final List<JournalRecord> initialRecords;
  private final List<String> recoveryNotes;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile Throwable halted;
  private volatile boolean closed;
  private long nextSeq;
  private long fsyncs;
  private long written;

  private static final class Pending {
    final JournalRecord record;
    final boolean force;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Pending(JournalRecord record, boolean force) {
      this.record = record;
      this.force = force;
    }
  }

  private static final Pending STOP = new Pending(null, false);

  private JournalFile(
      Path path,
      FileChannel channel,
      FileLock lock,
      JournalCodec codec,
      List<JournalRecord> records,
      List<String> notes,
      long nextSeq) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
    this.codec = codec;
    this.initialRecords = records;
    this.recoveryNotes = notes;
    this.nextSeq = nextSeq;
    this.writer = new Thread(this::writeLoop, "nvrkit-journal-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /**
   * Creates a new journal (owner-only permissions where the file system is POSIX).
   *
   * @param path the file; must not exist
   * @param passphrase the passphrase
   * @return the open journal
   * @throws JournalException if the file exists or cannot be written
   */
  public static JournalFile create(Path path, Secret passphrase) {
    return create(path, passphrase, KdfParams.RFC9106_SECOND);
  }

  /**
   * Creates a new journal file with the given key-derivation cost.
   *
   * @param path the file; must not exist
   * @param passphrase the passphrase
   * @param kdf the Argon2id cost
   * @return the open file
   */
  public static JournalFile create(Path path, Secret passphrase, KdfParams kdf) {
    FileChannel ch = null;
    try {
      try {
        if (Files.getFileStore(path.toAbsolutePath().getParent())
            .supportsFileAttributeView("posix")) {
          Files.createFile(
              path,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
          Files.createFile(path);
        }
      } catch (FileAlreadyExistsException e) {
        throw new JournalException(
            Kind.FILE_STATE, "journal already exists: " + path + " (open or resume it)", null);
      }
      ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = lock(ch, path);
      JournalCodec codec = JournalCodec.create(passphrase, kdf);
      writeFully(ch, ByteBuffer.wrap(codec.header()), 0);
      ch.position(JournalCodec.HEADER_LENGTH);
      ch.force(true);
      fsyncDirectory(path);
      return new JournalFile(path, ch, lock, codec, List.of(), List.of(), 0);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new JournalException(Kind.IO, "cannot create journal " + path, e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  /**
   * Opens an existing journal, reads and decrypts every record, and truncates a torn tail.
   *
   * @param path the file
   * @param passphrase the passphrase
   * @return the open journal
   * @throws JournalException on a wrong passphrase, tampering, an unknown format or I/O failure
   */
  public static JournalFile open(Path path, Secret passphrase) {
    FileChannel ch = null;
    try {
      try {
        ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (NoSuchFileException e) {
        throw new JournalException(Kind.FILE_STATE, "journal does not exist: " + path, null);
      }
      FileLock lock = lock(ch, path);
      long size = ch.size();
      if (size < JournalCodec.HEADER_LENGTH) {
        throw new JournalException(
            Kind.UNSUPPORTED_FORMAT,
            "not a rotation journal, or its creation was interrupted (" + size + " bytes)",
            null);
      }
      byte[] header = new byte[JournalCodec.HEADER_LENGTH];
      readFully(ch, ByteBuffer.wrap(header), 0);
      JournalCodec codec = JournalCodec.open(header, passphrase);
      List<JournalRecord> records = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      long pos = JournalCodec.HEADER_LENGTH;
      long seq = 0;
      ByteBuffer frameHead = ByteBuffer.allocate(JournalCodec.FRAME_OVERHEAD);
      while (pos < size) {
        long remaining = size - pos;
        if (remaining < JournalCodec.FRAME_OVERHEAD) {
          pos = truncate(ch, pos, size, notes, "an incomplete record header");
          break;
        }
        frameHead.clear();
        readFully(ch, frameHead, pos);
        frameHead.flip();
        int len = frameHead.getInt();
        int crc = frameHead.getInt();
        if (len <= 0 || len > JournalCodec.MAX_BODY) {
          if (allZero(ch, pos, size)) {
            pos = truncate(ch, pos, size, notes, "zero-filled space after the last record");
            break;
          }
          throw new JournalException(
              Kind.TAMPERED, "journal record " + seq + " has an impossible length", null);
        }
        if (remaining < JournalCodec.FRAME_OVERHEAD + (long) len) {
          if (intactWithDamagedLength(ch, pos, size, crc)) {
            // truncating here would throw away a complete record (and every one after it)
            throw new JournalException(
                Kind.TAMPERED,
                "journal record " + seq + " has a damaged length: the file was altered or damaged",
                null);
          }
          pos = truncate(ch, pos, size, notes, "an incomplete record");
          break;
        }
        byte[] body = new byte[len];
        readFully(ch, ByteBuffer.wrap(body), pos + JournalCodec.FRAME_OVERHEAD);
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(body);
        long end = pos + JournalCodec.FRAME_OVERHEAD + len;
        if ((int) c.getValue() != crc) {
          // A torn append leaves unwritten blocks reading as zeros; an altered record does not.
          if ((end == size || allZero(ch, end, size)) && hasZeroRun(body)) {
            pos = truncate(ch, pos, size, notes, "a partly written record at the end");
            break;
          }
          throw new JournalException(
              Kind.TAMPERED,
              "journal record " + seq + " has a bad checksum: the file was altered or damaged",
              null);
        }
        records.add(codec.decode(seq, body));
        seq++;
        pos = end;
      }
      ch.position(pos);
      return new JournalFile(path, ch, lock, codec, List.copyOf(records), List.copyOf(notes), seq);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new JournalException(Kind.IO, "cannot read journal " + path, e);
    } catch (RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  private static FileLock lock(FileChannel ch, Path path) throws IOException {
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      throw new JournalException(
          Kind.IN_USE, "journal is in use by another process or rotation: " + path, null);
    }
    return l;
  }

  private static long truncate(FileChannel ch, long pos, long size, List<String> notes, String what)
      throws IOException {
    ch.truncate(pos);
    ch.force(true);
    String note =
        "torn tail: removed "
            + (size - pos)
            + " byte(s) at offset "
            + pos
            + " ("
            + what
            + ", left by an interrupted write; it had not been confirmed to anyone)";
    notes.add(note);
    LOG.warn("rotation journal: {}", note);
    return pos;
  }

  /**
   * Whether {@code body} holds 16 consecutive zero bytes: what a write torn at a block boundary
   * leaves, and what AES-GCM output practically never contains (probability about 2^-128 per
   * position).
   */
  private static boolean hasZeroRun(byte[] body) {
    int run = 0;
    for (byte b : body) {
      run = b == 0 ? run + 1 : 0;
      if (run >= 16) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the bytes after the frame header at {@code pos} begin with a body whose CRC is {@code
   * crc}: then the record was written completely and only its length field is wrong, which a torn
   * append does not produce (a false match has probability about 2^-32 per candidate length).
   */
  private static boolean intactWithDamagedLength(FileChannel ch, long pos, long size, int crc)
      throws IOException {
    long start = pos + JournalCodec.FRAME_OVERHEAD;
    int n = (int) Math.min(size - start, JournalCodec.MAX_BODY);
    if (n <= 0) {
      return false;
    }
    byte[] rest = new byte[n];
    readFully(ch, ByteBuffer.wrap(rest), start);
    java.util.zip.CRC32C c = new java.util.zip.CRC32C();
    int min = JournalCodec.TAG_LENGTH + JournalCodec.IV_LENGTH + JournalCodec.GCM_TAG_BITS / 8;
    for (int i = 0; i < n; i++) {
      c.update(rest[i]);
      if (i + 1 >= min && (int) c.getValue() == crc) {
        return true;
      }
    }
    return false;
  }

  private static boolean allZero(FileChannel ch, long from, long size) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8192);
    long p = from;
    while (p < size) {
      b.clear();
      int n = ch.read(b, p);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) != 0) {
          return false;
        }
      }
      p += n;
    }
    return true;
  }

  /**
   * The records read when the journal was opened.
   *
   * @return the records, oldest first
   */
  public List<JournalRecord> initialRecords() {
    return initialRecords;
  }

  /**
   * What opening repaired (a truncated torn tail), for the user.
   *
   * @return the notes
   */
  public List<String> recoveryNotes() {
    return recoveryNotes;
  }

  /**
   * The file.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * The key-derivation parameters of this journal.
   *
   * @return the parameters
   */
  public KdfParams kdfParams() {
    return codec.params();
  }

  /**
   * Number of forces performed by the writer so far.
   *
   * @return the count
   */
  public synchronized long fsyncCount() {
    return fsyncs;
  }

  /**
   * Number of records written by this instance so far.
   *
   * @return the count
   */
  public synchronized long writtenCount() {
    return written;
  }

  /**
   * Enqueues a record. With {@code force}, the future completes only once the record is on disk;
   * otherwise once it is written to the file (page cache).
   *
   * @param r the record
   * @param force whether the caller needs it durable
   * @return completes when written (and forced)
   */
  public CompletableFuture<Void> append(JournalRecord r, boolean force) {
    Pending p = new Pending(r, force);
    Throwable h = halted;
    if (h != null || closed) {
      p.done.completeExceptionally(
          h != null ? h : new JournalException(Kind.IO, "journal is closed", null));
      return p.done;
    }
    queue.add(p);
    if (halted != null || closed || !writer.isAlive()) {
      // raced with halt/close, or the writer is gone: make sure the caller does not wait forever
      Throwable t = halted;
      p.done.completeExceptionally(
          t != null ? t : new JournalException(Kind.IO, "journal is closed", null));
      wake();
    }
    return p.done;
  }

  /**
   * Waits until everything appended so far is on disk.
   *
   * @throws JournalException if writing or forcing failed
   */
  public void sync() {
    await(append(null, true));
  }

  /**
   * Appends a record and waits until it is on disk.
   *
   * @param r the record
   * @throws JournalException if writing or forcing failed
   */
  public void appendAndForce(JournalRecord r) {
    await(append(r, true));
  }

  /**
   * Waits for an append.
   *
   * @param f the future from {@link #append}
   */
  public static void await(CompletableFuture<Void> f) {
    try {
      f.join();
    } catch (java.util.concurrent.CompletionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw new JournalException(Kind.IO, "journal write failed", c);
    }
  }

  /**
   * Stops the writer at once, as a process crash would: records not yet written are dropped and
   * their callers get {@code reason}. Test hook for crash simulation; the file stays as it is.
   *
   * @param reason what pending and later appends fail with
   */
  public void halt(Throwable reason) {
    halted = reason;
    wake();
  }

  private void wake() {
    queue.add(STOP);
  }

  private void writeLoop() {
    try {
      writeLoop0();
    } catch (Throwable t) {
      // never die silently: every waiting and later caller must learn the journal is unusable
      JournalException je =
          new JournalException(Kind.IO, "the journal writer failed; the rotation stops", t);
      if (halted == null) {
        halted = je;
      }
      failAll(drain(), halted);
      LOG.error("rotation journal writer failed", t);
      if (t instanceof Error && !(t instanceof VirtualMachineError)) {
        return;
      }
      if (t instanceof Error) {
        throw (Error) t;
      }
    }
  }

  private void writeLoop0() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      batch.clear();
      Pending first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      batch.add(first);
      queue.drainTo(batch, MAX_BATCH - 1);
      boolean stop = false;
      List<Pending> work = new ArrayList<>(batch.size());
      for (Pending p : batch) {
        if (p == STOP) {
          stop = true;
        } else {
          work.add(p);
        }
      }
      Throwable h = halted;
      if (h != null) {
        failAll(work, h);
        failAll(drain(), h);
        return;
      }
      try {
        writeBatch(work);
      } catch (IOException | RuntimeException | Error e) {
        JournalException je =
            new JournalException(Kind.IO, "cannot write or force the journal " + path, e);
        halted = je;
        failAll(work, je);
        failAll(drain(), je);
        LOG.error("rotation journal write failed; the rotation stops", e);
        return;
      }
      if (stop && closed && queue.isEmpty()) {
        return;
      }
    }
  }

  private List<Pending> drain() {
    List<Pending> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.removeIf(p -> p == STOP);
    return rest;
  }

  private static void failAll(List<Pending> ps, Throwable t) {
    for (Pending p : ps) {
      p.done.completeExceptionally(t);
    }
  }

  private void writeBatch(List<Pending> work) throws IOException {
    if (work.isEmpty()) {
      return;
    }
    List<byte[]> frames = new ArrayList<>(work.size());
    int total = 0;
    boolean force = false;
    long seq;
    synchronized (this) {
      seq = nextSeq;
    }
    for (Pending p : work) {
      force |= p.force;
      if (p.record == null) {
        continue; // a barrier: force only
      }
      byte[] f = codec.encode(seq++, p.record);
      frames.add(f);
      total += f.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    for (byte[] f : frames) {
      buf.put(f);
    }
    buf.flip();
    while (buf.hasRemaining()) {
      channel.write(buf);
    }
    if (force) {
      channel.force(false);
    }
    synchronized (this) {
      nextSeq = seq;
      written += frames.size();
      if (force) {
        fsyncs++;
      }
    }
    for (Pending p : work) {
      p.done.complete(null);
    }
  }

  /** Writes what is queued, forces it, stops the writer and releases the file. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    wake();
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      if (halted == null && channel.isOpen()) {
        channel.force(true);
      }
    } catch (IOException e) {
      LOG.warn("rotation journal: final force failed", e);
    } finally {
      try {
        if (lock.isValid()) {
          lock.release();
        }
      } catch (IOException e) {
        LOG.debug("rotation journal: unlock failed", e);
      }
      closeQuietly(channel);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        LOG.debug("close failed", e);
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      p += ch.write(b, p);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    long p = pos;
    while (b.hasRemaining()) {
      int n = ch.read(b, p);
      if (n < 0) {
        throw new IOException("unexpected end of journal");
      }
      p += n;
    }
  }

  /**
   * Forces the directory entry of a new file to disk (Linux, macOS); ignored where unsupported.
   *
   * @param file the file whose directory to force
   */
  public static void fsyncDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("directory fsync not supported here", e);
    }
  }
}
