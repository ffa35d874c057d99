package io.nvrkit.core.internal;

import io.nvrkit.core.NvrException;
import io.nvrkit.core.PinStore;
import io.nvrkit.core.TlsTrust;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A {@link PinStore} in a properties file: one {@code host\:port=base64pin} line per endpoint.
 *
 * <p>The file is read on every look-up (pins are needed once per TLS handshake, and connections are
 * pooled) and rewritten atomically when a pin is recorded: a temporary file in the same directory,
 * created with owner-only permissions ({@code rw-------} where the file system supports POSIX
 * permissions), forced to disk, then moved over the old file with {@code ATOMIC_MOVE}, and the
 * directory forced. A reader therefore sees the old file or the new one, never half of one.
 *
 * <p>Thread-safe. Recording a pin is a read-modify-write under an exclusive lock on the sibling
 * file {@code <name>.lock} ({@link FileLocks}), so several instances for the same file, in one JVM
 * or in several processes, agree on the first pin recorded for an endpoint. A file that is not
 * valid (a line without a valid SHA-256 pin) makes every call throw {@link NvrException} naming the
 * file and the key, rather than trusting or re-pinning anything.
 */
public final class FilePinStore implements PinStore {
  private static final Duration LOCK_WAIT = Duration.ofSeconds(10);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final Path lockFile;

  /**
   * Creates the store; the file is created when the first pin is recorded.
   *
   * @param file the file
   */
  public FilePinStore(Path file) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    Path name = this.file.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("the TLS pin store needs a file name: " + file);
    }
    this.lockFile = this.file.resolveSibling(name + ".lock");
  }

  @Override
  public Optional<String> pin(String endpointKey) {
    Objects.requireNonNull(endpointKey, "endpointKey");
    // no lock: the file is only ever replaced whole, so a reader sees the old one or the new one
    return Optional.ofNullable(read().get(endpointKey));
  }

  @Override
  public String recordIfAbsent(String endpointKey, String pin) {
    Objects.requireNonNull(endpointKey, "endpointKey");
    String canonical = ((TlsTrust.Pinned) TlsTrust.pinned(pin)).sha256Base64();
    synchronized (this) {
      try {
        Files.createDirectories(lockFile.getParent());
        return FileLocks.withLock(
            lockFile,
            LOCK_WAIT,
            () -> {
              Map<String, String> pins = read();
              String prior = pins.get(endpointKey);
              if (prior != null) {
                return prior;
              }
              pins.put(endpointKey, canonical);
              write(pins);
              return canonical;
            });
      } catch (IOException e) {
        throw new NvrException(
            "cannot create or lock " + lockFile + " to record a TLS pin: " + e.getMessage(),
            null,
            null,
            new UncheckedIOException(e));
      }
    }
  }

  private Map<String, String> read() {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new TreeMap<>();
    } catch (IOException e) {
      throw new NvrException("cannot read TLS pin file " + file + ": " + e.getMessage());
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
    } catch (CharacterCodingException e) {
      throw new NvrException("TLS pin file " + file + " is malformed: not UTF-8 text");
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new NvrException("TLS pin file " + file + " is malformed: " + e.getMessage());
    }
    Map<String, String> pins = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key);
      try {
        pins.put(key, ((TlsTrust.Pinned) TlsTrust.pinned(value)).sha256Base64());
      } catch (IllegalArgumentException e) {
        throw new NvrException(
            "TLS pin file "
                + file
                + " is malformed: the entry for '"
                + key
                + "' is not a SHA-256 pin (expected host:port=base64 SHA-256 of the key)");
      }
    }
    return pins;
  }

  private void write(Map<String, String> pins) {
    StringBuilder sb = new StringBuilder();
    sb.append("# NVR Account Kit TLS pins: host:port = base64 SHA-256 of SubjectPublicKeyInfo\n");
    for (Map.Entry<String, String> e : pins.entrySet()) {
      sb.append(escapeKey(e.getKey())).append('=').append(e.getValue()).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    Path dir = file.getParent();
    Path tmp =
        dir.resolve(
            "."
                + file.getFileName()
                + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.createDirectories(dir);
      createOwnerOnly(tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer bb = ByteBuffer.wrap(bytes);
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory(dir);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort
      }
      throw new NvrException(
          "cannot write TLS pin file " + file + ": " + e.getMessage(),
          null,
          null,
          new UncheckedIOException(e));
    }
  }

  private static void createOwnerOnly(Path p) throws IOException {
    boolean posix = p.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      FileAttribute<Set<PosixFilePermission>> attr =
          PosixFilePermissions.asFileAttribute(OWNER_ONLY);
      Files.createFile(p, attr);
      Files.setPosixFilePermissions(p, OWNER_ONLY); // umask may have removed bits, never added
    } else {
      Files.createFile(p);
    }
  }

  private static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not possible on every platform (Windows); the rename itself is atomic
    }
  }

  private static String escapeKey(String key) {
    StringBuilder sb = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == ':' || c == '=' || c == ' ' || c == '#' || c == '!' || c == '\\') {
        sb.append('\\');
      }
      if (c < 0x20 || c > 0x7e) {
        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "PinStore.file(" + file + ")";
  }
}
