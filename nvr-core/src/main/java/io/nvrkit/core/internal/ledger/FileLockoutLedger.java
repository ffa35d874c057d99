package io.nvrkit.core.internal.ledger;

import io.nvrkit.core.NvrException;
import io.nvrkit.core.internal.FileLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link io.nvrkit.core.spi.LockoutLedger} in a file that processes share. Every operation is a
 * read-modify-write under an exclusive lock on a sibling {@code <name>.lock} file ({@link
 * FileChannel#tryLock()}, retried for at most {@link #LOCK_WAIT_SECONDS} seconds): the file is
 * read, one account's state changed by the rules of {@link AccountState}, and, if the text changed,
 * written to a temporary owner-only file that is moved over the old one atomically.
 *
 * <p>A file that is not valid (see {@link LedgerCodec}), too large, not a regular file, or writable
 * by others is reported once with a WARN naming the file and the reason (never its contents) and
 * replaced by an empty ledger: never trusted in part. Lapsed entries are dropped at each write and
 * at most {@link LedgerCodec#MAX_ENTRIES} accounts are kept. Thread-safe; several instances on one
 * file, in one process or in several, agree.
 */
public final class FileLockoutLedger extends StateLedger {
  private static final Logger LOG = LoggerFactory.getLogger(FileLockoutLedger.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  /** How long an operation waits for another process's lock before it fails. */
  static final int LOCK_WAIT_SECONDS = 10;

  private final Path file;
  private final Path lockFile;
  private final ReentrantLock local = new ReentrantLock();

  /**
   * A ledger in {@code file}; the file and its directory are created on the first write.
   *
   * @param file the ledger file
   * @param clock the wall clock
   */
  public FileLockoutLedger(Path file, Clock clock) {
    super(clock);
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    Path name = this.file.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("the lockout ledger needs a file name: " + file);
    }
    this.lockFile = this.file.resolveSibling(name + ".lock");
  }

  /**
   * The ledger file.
   *
   * @return its absolute path
   */
  public Path file() {
    return file;
  }

  @Override
  protected <R> R update(
      String deviceKey, String user, boolean create, BiFunction<AccountState, Instant, R> change) {
    String key = LedgerCodec.key(deviceKey, user);
    return locked(
        states -> {
          AccountState s = states.get(key);
          if (s == null && create) {
            s = new AccountState();
            states.put(key, s);
          }
          return change.apply(s, now());
        });
  }

  @Override
  protected void forgetStates(String deviceKey) {
    locked(
        states -> {
          states.keySet().removeIf(k -> LedgerCodec.deviceOf(k).equals(deviceKey));
          return null;
        });
  }

  private <R> R locked(java.util.function.Function<Map<String, AccountState>, R> body) {
    local.lock();
    try {
      Path dir = file.getParent();
      createDirectory(dir);
      return FileLocks.withLock(
          lockFile, Duration.ofSeconds(LOCK_WAIT_SECONDS), () -> readModifyWrite(body));
    } catch (IOException e) {
      throw new NvrException(
          "cannot use the lockout ledger "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + "); no login was attempted",
          null,
          null,
          new UncheckedIOException(e));
    } finally {
      local.unlock();
    }
  }

  private <R> R readModifyWrite(java.util.function.Function<Map<String, AccountState>, R> body)
      throws IOException {
    Instant now = now();
    String before = read(now);
    Map<String, AccountState> states;
    try {
      states = LedgerCodec.parse(before == null ? "" : before, now);
    } catch (LedgerCodec.Invalid e) {
      warnInvalid(e.getMessage());
      states = new java.util.LinkedHashMap<>();
      before = null;
    }
    R result;
    try {
      result = body.apply(states);
    } finally {
      // a refused attempt changes nothing worth writing but expiry; write what changed
      String after = LedgerCodec.format(states, now);
      if (before == null || !after.equals(before)) {
        write(after);
      }
    }
    return result;
  }

  /** The file's text, or null when it is absent; an invalid file is reported and reads as null. */
  private String read(Instant now) throws IOException {
    byte[] raw;
    try (SeekableByteChannel ch =
        Files.newByteChannel(file, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        warnInvalid("it is not a regular file");
        return null;
      }
      if (writableByOthers()) {
        warnInvalid("others may write to it");
        return null;
      }
      long size = ch.size();
      if (size > LedgerCodec.MAX_BYTES) {
        warnInvalid("it is larger than " + LedgerCodec.MAX_BYTES + " bytes");
        return null;
      }
      ByteBuffer bb = ByteBuffer.allocate((int) size + 1);
      while (ch.read(bb) > 0 && bb.position() <= size) {
        // read to the end, one byte beyond the size seen (the file may have grown)
      }
      if (bb.position() > size) {
        warnInvalid("it grew while being read");
        return null;
      }
      bb.flip();
      raw = new byte[bb.remaining()];
      bb.get(raw);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      if (Files.isSymbolicLink(file)) {
        warnInvalid("it is a symbolic link");
        return null;
      }
      throw e;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException e) {
      warnInvalid("it is not UTF-8 text");
      return null;
    }
  }

  private boolean writableByOthers() throws IOException {
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return false;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    return p.contains(PosixFilePermission.GROUP_WRITE)
        || p.contains(PosixFilePermission.OTHERS_WRITE);
  }

  private void warnInvalid(String reason) {
    LOG.warn(
        "The lockout ledger {} is not valid ({}); it is replaced by an empty ledger, so failed"
            + " logins recorded there are forgotten",
        file,
        reason);
  }

  private void write(String text) throws IOException {
    Path dir = file.getParent();
    Path tmp =
        dir.resolve(
            "."
                + file.getFileName()
                + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              FileLocks.ownerOnly(tmp))) {
        ByteBuffer bb = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
      }
      if (posix()) {
        Files.setPosixFilePermissions(tmp, OWNER_ONLY); // umask may remove bits, never adds
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  private void createDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix()) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    } else {
      Files.createDirectories(dir);
    }
  }

  private boolean posix() {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  @Override
  public String toString() {
    return "LockoutLedger.file(" + file + ")";
  }
}
