package io.nvrkit.core.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An exclusive lock on a sibling lock file that processes and instances share: the
 * read-modify-write of the kit's small state files (lockout ledger, TLS pins) runs under it.
 *
 * <p>The lock is {@link FileChannel#tryLock()} on an owner-only lock file, retried with a growing
 * pause (0.2 to 20 ms) until the wait runs out. Two instances on one file in one JVM cannot both
 * hold a {@link FileLock} (the JDK throws {@link OverlappingFileLockException} to the second): that
 * case is waited for without a time limit (closing this channel meanwhile would drop the holder's
 * lock on POSIX systems), so no JVM-wide registry of locks is needed. Stateless.
 */
public final class FileLocks {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private FileLocks() {}

  /** A body that runs under the lock. */
  @FunctionalInterface
  public interface LockedBody<R> {
    /**
     * Runs while the lock is held.
     *
     * @return the result
     * @throws IOException if the body's I/O fails
     */
    R run() throws IOException;
  }

  /**
   * Runs {@code body} while holding the lock on {@code lockFile} (created owner-only if absent; its
   * directory must exist).
   *
   * @param lockFile the lock file
   * @param wait how long to wait for another holder
   * @param body what to run
   * @param <R> the result type
   * @return the body's result
   * @throws IOException if the lock file cannot be opened, the wait runs out (the message names the
   *     file), or the body fails
   */
  public static <R> R withLock(Path lockFile, Duration wait, LockedBody<R> body)
      throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            lockFile,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
            ownerOnly(lockFile))) {
      FileLock lock = acquire(ch, lockFile, wait);
      try {
        return body.run();
      } finally {
        lock.release();
      }
    }
  }

  private static FileLock acquire(FileChannel ch, Path lockFile, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = TimeUnit.MICROSECONDS.toNanos(200);
    while (true) {
      boolean heldInThisJvm = false;
      try {
        FileLock l = ch.tryLock();
        if (l != null) {
          return l;
        }
      } catch (OverlappingFileLockException e) {
        // another instance on this file in this process holds it
        heldInThisJvm = true;
      }
      // Only another process's hold times out. Giving up while an instance in this JVM holds the
      // lock would close this channel, and on POSIX systems closing any descriptor of the file
      // drops every lock the process holds on it, letting another process in. The holder in this
      // JVM does a bounded read-modify-write of a small file, so the wait ends.
      if (!heldInThisJvm && System.nanoTime() - deadline > 0) {
        throw new IOException(
            "the lock file " + lockFile + " is held by another process for too long");
      }
      LockSupport.parkNanos(pause);
      pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  /**
   * The attributes that create a file readable and writable by its owner only, where the file
   * system has POSIX permissions.
   *
   * @param file the file to be created
   * @return the attributes (none on other file systems)
   */
  public static FileAttribute<?>[] ownerOnly(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }
}
