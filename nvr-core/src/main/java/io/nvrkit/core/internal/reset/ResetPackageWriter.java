package io.nvrkit.core.internal.reset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.ResetPackageChannel;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a reset package (folder or zip) for {@link ResetPackageChannel}: renders the manifest, the
 * photos and the summary, writes them owner-only under a temporary name and moves them into place.
 * Stateless and thread-safe.
 */
public final class ResetPackageWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ResetPackageChannel.class);
  private static final String FORMAT = "nvrkit-reset-package";
  static final String MANIFEST = "manifest.json";
  static final String SUMMARY = "summary.txt";
  static final int MAX_SUMMARY_BYTES = 64 * 1024;
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ResetPackageWriter() {}

  /**
   * Writes {@code request} as a new package in {@code directory}.
   *
   * @param directory where packages are written (created if missing)
   * @param zip true for a zip file, false for a folder
   * @param clock stamps the creation time and the id
   * @param request a validated request
   * @return the ticket: the package id, SUBMITTED, the absolute path
   * @throws UncheckedIOException if the package cannot be written
   */
  public static ResetTicket submit(Path directory, boolean zip, Clock clock, ResetRequest request) {
    Objects.requireNonNull(request, "request");
    Instant createdAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    try {
      createDirectories(directory);
      String base =
          request.vendor()
              + "-reset-"
              + request.serial().value().replaceAll("[^A-Za-z0-9._-]", "_")
              + "-"
              + ID_TIME.format(createdAt);
      for (int n = 1; ; n++) {
        String id = n == 1 ? base : base + "-" + n;
        Path target = directory.resolve(zip ? id + ".zip" : id);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Map<String, byte[]> files = render(id, createdAt, request);
        if (write(directory, zip, target, files, createdAt)) {
          LOG.debug("reset package {} written ({})", id, zip ? "ZIP" : "FOLDER");
          return new ResetTicket(
              id, ResetTicket.Status.SUBMITTED, createdAt, target.toAbsolutePath().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write reset package in " + directory, e);
    }
  }

  private static Map<String, byte[]> render(String id, Instant createdAt, ResetRequest r) {
    List<ResetForm.Field> fields = ResetForm.fields(r);
    List<EvidencePhoto> photos = ResetForm.photos(r);
    byte[] summary = summary(id, createdAt, r, fields, photos).getBytes(StandardCharsets.UTF_8);

    ObjectNode m = BoundedJson.newObject();
    m.put("format", FORMAT);
    m.put("formatVersion", ResetPackageChannel.FORMAT_VERSION);
    m.put("id", id);
    m.put("createdAt", createdAt.toString());
    m.put("vendor", r.vendor());
    ArrayNode fa = m.putArray("fields");
    for (ResetForm.Field f : fields) {
      ObjectNode o = fa.addObject();
      o.put("name", f.name());
      o.put("label", f.label());
      if (f.value().isEmpty()) {
        o.putNull("value");
      } else {
        o.put("value", f.value());
      }
      o.put("provenance", f.provenance().name());
    }
    ArrayNode pa = m.putArray("photos");
    for (EvidencePhoto p : photos) {
      ObjectNode o = pa.addObject();
      o.put("field", EvidencePhoto.fieldName(p.kind()));
      o.put("file", p.fileName());
      o.put("mediaType", p.mediaType());
      o.put("size", p.size());
      o.put("sha256", p.sha256());
    }
    ObjectNode s = m.putObject("summary");
    s.put("file", SUMMARY);
    s.put("sha256", sha256(summary));

    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    files.put(MANIFEST, BoundedJson.write(m));
    files.put(SUMMARY, summary);
    for (EvidencePhoto p : photos) {
      files.put(p.fileName(), p.bytes());
    }
    return files;
  }

  private static String summary(
      String id,
      Instant createdAt,
      ResetRequest r,
      List<ResetForm.Field> fields,
      List<EvidencePhoto> photos) {
    StringBuilder sb = new StringBuilder();
    sb.append("Password reset request for a ")
        .append(r.vendor())
        .append(" recorder\n")
        .append("Package ")
        .append(id)
        .append(", written ")
        .append(createdAt)
        .append("\n\n")
        .append("Enter these values in the vendor's web form, in this order:\n\n");
    int width = fields.stream().mapToInt(f -> f.label().length()).max().orElse(0) + 2;
    for (ResetForm.Field f : fields) {
      sb.append(pad(f.label() + ":", width));
      if (f.value().isEmpty()) {
        sb.append("(not given)");
      } else {
        sb.append(f.value());
        if (f.sourceField() != null) {
          sb.append("   [").append(ResetForm.describe(f.provenance())).append(']');
        }
      }
      sb.append('\n');
    }
    sb.append("\nAttach these photos:\n\n");
    for (EvidencePhoto p : photos) {
      String label =
          p.kind() == EvidencePhoto.Kind.INFO_SCREEN
              ? "Photo of the Info screen:"
              : "Photo of the sticker:";
      sb.append(pad(label, 28))
          .append(p.fileName())
          .append(" (")
          .append(p.mediaType())
          .append(", ")
          .append(p.size())
          .append(" bytes)\n")
          .append(pad("", 28))
          .append("SHA-256 ")
          .append(p.sha256())
          .append('\n');
    }
    return sb.toString();
  }

  private static String pad(String s, int width) {
    StringBuilder sb = new StringBuilder(s);
    while (sb.length() < width) {
      sb.append(' ');
    }
    return sb.toString();
  }

  /** Writes into a temporary sibling and moves it into place; false if the target appeared. */
  private static boolean write(
      Path directory, boolean zip, Path target, Map<String, byte[]> files, Instant createdAt)
      throws IOException {
    String tmpName = "." + target.getFileName() + ".tmp-" + Long.toHexString(RANDOM.nextLong());
    Path tmp = directory.resolve(tmpName);
    try {
      if (!zip) {
        createOwnerOnlyDirectory(tmp);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
          Path f = tmp.resolve(e.getKey());
          createOwnerOnlyFile(f);
          Files.write(f, e.getValue());
        }
      } else {
        createOwnerOnlyFile(tmp);
        try (OutputStream out = Files.newOutputStream(tmp);
            ZipOutputStream zipOut = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
          for (Map.Entry<String, byte[]> e : files.entrySet()) {
            ZipEntry ze = new ZipEntry(e.getKey());
            ze.setLastModifiedTime(FileTime.from(createdAt));
            zipOut.putNextEntry(ze);
            zipOut.write(e.getValue());
            zipOut.closeEntry();
          }
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        return false;
      }
      if (Files.exists(tmp, LinkOption.NOFOLLOW_LINKS)) {
        // an atomic rename onto an existing empty folder would not leave tmp behind; be safe
        return false;
      }
      return true;
    } finally {
      deleteRecursively(tmp);
    }
  }

  private static boolean posix(Path dir) throws IOException {
    return Files.getFileStore(dir).supportsFileAttributeView("posix");
  }

  private static void createDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      createOwnerOnlyDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private static void createOwnerOnlyDirectory(Path dir) throws IOException {
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null && posix(parent)) {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectory(dir);
    }
  }

  private static void createOwnerOnlyFile(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    FileAttribute<?>[] attrs =
        parent != null && posix(parent)
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    Files.createFile(file, attrs);
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
