package io.nvrkit.core.reset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.internal.reset.BoundedJson;
import io.nvrkit.core.internal.reset.ResetForm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link ResetRequest} as a self-contained package that a person uploads to the vendor's
 * web form: a folder or a zip file holding
 *
 * <ul>
 *   <li>{@code manifest.json}: format version, id, creation time, every form field with its {@link
 *       Provenance}, and for each photo its file name, media type, size and SHA-256 (and the
 *       summary's SHA-256);
 *   <li>the two photos ({@code info-screen.jpg|png}, {@code sticker.jpg|png});
 *   <li>{@code summary.txt}: the fields in the order of the vendor's web form (first name, last
 *       name, phone, e-mail, model number, device ID, serial number, date on the recorder; then the
 *       photos), ready to be typed in.
 * </ul>
 *
 * <pre>{@code
 * ResetTicket t = ResetPackageChannel.zip(Path.of("reset-requests")).submit(request);
 * System.out.println("Upload " + t.location());
 * // later, before uploading, or on another machine:
 * ResetPackage p = ResetPackageChannel.read(Path.of(t.location()));   // verifies every checksum
 * }</pre>
 *
 * <p>The package is written under a temporary name and moved into place, so a crash never leaves a
 * half-written package under the final name. Where the file system supports POSIX permissions the
 * folder is created {@code rwx------} and every file {@code rw-------} (the package holds personal
 * data). A package has no way back: {@link #poll} always returns empty; the person types in the
 * vendor's answer ({@link ResetGrant#of}).
 *
 * <p>Immutable and thread-safe; concurrent submissions get distinct package names.
 */
public final class ResetPackageChannel implements ResetChannel {
  /** The {@code formatVersion} this class writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final Logger LOG = LoggerFactory.getLogger(ResetPackageChannel.class);
  private static final String FORMAT = "nvrkit-reset-package";
  private static final String MANIFEST = "manifest.json";
  private static final String SUMMARY = "summary.txt";
  private static final int MAX_SUMMARY_BYTES = 64 * 1024;
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** How a package is laid out on disk. */
  public enum Format {
    /** A folder holding the files. */
    FOLDER,
    /** A single zip file holding the files at its root. */
    ZIP
  }

  private final Path directory;
  private final Format format;
  private final Clock clock;

  private ResetPackageChannel(Builder b) {
    this.directory = b.directory;
    this.format = b.format;
    this.clock = b.clock;
  }

  /**
   * A channel writing package folders into {@code directory}.
   *
   * @param directory where packages go; created (owner-only) if missing
   * @return the channel
   */
  public static ResetPackageChannel folder(Path directory) {
    return builder(directory).format(Format.FOLDER).build();
  }

  /**
   * A channel writing zip packages into {@code directory}.
   *
   * @param directory where packages go; created (owner-only) if missing
   * @return the channel
   */
  public static ResetPackageChannel zip(Path directory) {
    return builder(directory).format(Format.ZIP).build();
  }

  /**
   * A builder; default format {@link Format#FOLDER}, default clock the system UTC clock.
   *
   * @param directory where packages go; created (owner-only) if missing
   * @return the builder
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /**
   * Writes the package. The ticket's id is the package id (e.g. {@code
   * lorex-reset-ND0219070012345-20261125T101530Z}), its status {@link
   * ResetTicket.Status#SUBMITTED}, its location the absolute path of the folder or zip file.
   *
   * @param request a validated request
   * @return the ticket
   * @throws UncheckedIOException if the package cannot be written (nothing is left under the final
   *     name)
   */
  @Override
  public ResetTicket submit(ResetRequest request) {
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
        Path target = directory.resolve(format == Format.ZIP ? id + ".zip" : id);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Map<String, byte[]> files = render(id, createdAt, request);
        if (write(target, files, createdAt)) {
          LOG.debug("reset package {} written ({})", id, format);
          return new ResetTicket(
              id, ResetTicket.Status.SUBMITTED, createdAt, target.toAbsolutePath().toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write reset package in " + directory, e);
    }
  }

  /**
   * Reads a package back (folder or zip) and verifies it: the manifest's format and version, every
   * photo's presence, size, SHA-256 and media type (by its content), the summary's SHA-256, and the
   * request's fields as {@link ResetRequest.Builder#build()} does.
   *
   * @param location the package folder or zip file
   * @return the verified package
   * @throws CorruptResetPackageException naming the file that is missing, malformed or changed
   * @throws UncheckedIOException if the package cannot be read at all (e.g. no such path)
   */
  public static ResetPackage read(Path location) {
    Objects.requireNonNull(location, "location");
    if (Files.isDirectory(location)) {
      return verify(location, (name, limit) -> readBounded(location, name, limit));
    }
    if (!Files.isRegularFile(location)) {
      throw new UncheckedIOException(
          new NoSuchFileException(location.toString(), null, "no reset package here"));
    }
    try (ZipFile zip = new ZipFile(location.toFile(), StandardCharsets.UTF_8)) {
      return verify(location, (name, limit) -> readBounded(zip, name, limit));
    } catch (java.util.zip.ZipException e) {
      throw new CorruptResetPackageException(
          location.getFileName().toString(), "not a zip file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reset package " + location, e);
    }
  }

  @Override
  public String toString() {
    return "ResetPackageChannel[" + format + " in " + directory + "]";
  }

  // ---------------------------------------------------------------- writing

  private static Map<String, byte[]> render(String id, Instant createdAt, ResetRequest r) {
    List<ResetForm.Field> fields = ResetForm.fields(r);
    List<EvidencePhoto> photos = ResetForm.photos(r);
    byte[] summary = summary(id, createdAt, r, fields, photos).getBytes(StandardCharsets.UTF_8);

    ObjectNode m = BoundedJson.newObject();
    m.put("format", FORMAT);
    m.put("formatVersion", FORMAT_VERSION);
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
  private boolean write(Path target, Map<String, byte[]> files, Instant createdAt)
      throws IOException {
    String tmpName = "." + target.getFileName() + ".tmp-" + Long.toHexString(RANDOM.nextLong());
    Path tmp = directory.resolve(tmpName);
    try {
      if (format == Format.FOLDER) {
        createOwnerOnlyDirectory(tmp);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
          Path f = tmp.resolve(e.getKey());
          createOwnerOnlyFile(f);
          Files.write(f, e.getValue());
        }
      } else {
        createOwnerOnlyFile(tmp);
        try (OutputStream out = Files.newOutputStream(tmp);
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
          for (Map.Entry<String, byte[]> e : files.entrySet()) {
            ZipEntry ze = new ZipEntry(e.getKey());
            ze.setLastModifiedTime(FileTime.from(createdAt));
            zip.putNextEntry(ze);
            zip.write(e.getValue());
            zip.closeEntry();
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

  // ---------------------------------------------------------------- reading

  /** Reads an entry of a package: at most {@code limit}+1 bytes, or null if absent. */
  @FunctionalInterface
  private interface Reader {
    byte[] read(String name, int limit) throws IOException;
  }

  private static ResetPackage verify(Path location, Reader in) {
    ObjectNode m;
    try {
      byte[] mb = require(in, MANIFEST, BoundedJson.MAX_DOCUMENT_BYTES);
      m = BoundedJson.parseObject(mb);
    } catch (IOException e) {
      throw new CorruptResetPackageException(MANIFEST, "not a valid manifest", e);
    }
    try {
      if (!FORMAT.equals(BoundedJson.optText(m, "format"))) {
        throw corrupt("is not a reset package manifest (format is not " + FORMAT + ")");
      }
      JsonNode v = m.get("formatVersion");
      if (v == null || !v.isInt() || v.intValue() != FORMAT_VERSION) {
        throw corrupt(
            "formatVersion "
                + (v == null ? "missing" : v)
                + " is not supported ("
                + FORMAT_VERSION
                + " is)");
      }
      String id = BoundedJson.text(m, "id");
      Instant createdAt;
      try {
        createdAt = Instant.parse(BoundedJson.text(m, "createdAt"));
      } catch (DateTimeParseException e) {
        throw corrupt("createdAt is not an ISO-8601 instant");
      }
      String vendor = BoundedJson.text(m, "vendor");

      Map<String, String> values = new HashMap<>();
      Map<String, Provenance> sources = new HashMap<>();
      JsonNode fa = m.get("fields");
      if (fa == null || !fa.isArray()) {
        throw corrupt("fields is missing");
      }
      for (JsonNode f : fa) {
        String name = BoundedJson.text(f, "name");
        values.put(name, BoundedJson.optText(f, "value"));
        try {
          sources.put(name, Provenance.valueOf(BoundedJson.text(f, "provenance")));
        } catch (IllegalArgumentException e) {
          throw corrupt("field " + name + " has an unknown provenance");
        }
      }

      // the summary is checksummed too, so a changed value there is caught
      JsonNode s = m.get("summary");
      if (s == null || !s.isObject()) {
        throw corrupt("summary is missing");
      }
      byte[] summary = require(in, SUMMARY, MAX_SUMMARY_BYTES);
      if (!sha256(summary).equals(BoundedJson.text(s, "sha256"))) {
        throw new CorruptResetPackageException(
            SUMMARY, "SHA-256 does not match the manifest: the file was changed", null);
      }

      ResetRequest.Builder b = ResetRequest.builder(vendor);
      Requester req =
          Requester.of(values.get("firstName"), values.get("lastName"), values.get("phone"));
      String email = values.get("email");
      b.requester(email == null ? req : req.withEmail(email));
      b.model(values.get("model"), sources.get("model"));
      b.deviceId(values.get("deviceId"), sources.get("deviceId"));
      b.serial(values.get("serial"), sources.get("serial"));
      String date = values.get("displayedDate");
      if (date != null) {
        try {
          b.displayedDate(LocalDate.parse(date), sources.get("displayedDate"));
        } catch (DateTimeParseException e) {
          throw corrupt("displayedDate is not a YYYY-MM-DD date");
        }
      }

      JsonNode pa = m.get("photos");
      if (pa == null || !pa.isArray()) {
        throw corrupt("photos is missing");
      }
      for (JsonNode p : pa) {
        b.photo(photo(in, p));
      }
      try {
        return new ResetPackage(id, createdAt, location, b.build());
      } catch (InvalidResetRequestException e) {
        throw new CorruptResetPackageException(
            MANIFEST, "the request it describes is not valid: " + e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new CorruptResetPackageException(MANIFEST, "malformed: " + e.getMessage(), e);
    }
  }

  private static EvidencePhoto photo(Reader in, JsonNode p) throws IOException {
    String field = BoundedJson.text(p, "field");
    EvidencePhoto.Kind kind;
    if (field.equals(EvidencePhoto.fieldName(EvidencePhoto.Kind.INFO_SCREEN))) {
      kind = EvidencePhoto.Kind.INFO_SCREEN;
    } else if (field.equals(EvidencePhoto.fieldName(EvidencePhoto.Kind.STICKER))) {
      kind = EvidencePhoto.Kind.STICKER;
    } else {
      throw corrupt("unknown photo field " + field);
    }
    String file = BoundedJson.text(p, "file");
    if (!file.matches("[a-z][a-z-]{0,30}\\.(jpg|png)")) {
      throw corrupt("photo file name is not one this format writes");
    }
    JsonNode size = p.get("size");
    if (size == null || !size.canConvertToLong()) {
      throw corrupt("photo " + file + " has no size");
    }
    byte[] data = require(in, file, EvidencePhoto.MAX_BYTES);
    if (data.length > EvidencePhoto.MAX_BYTES) {
      throw new CorruptResetPackageException(
          file, "larger than " + EvidencePhoto.MAX_BYTES + " bytes", null);
    }
    if (data.length != size.longValue()) {
      throw new CorruptResetPackageException(
          file,
          "size is "
              + data.length
              + " bytes, the manifest says "
              + size.longValue()
              + ": the file was changed",
          null);
    }
    if (!sha256(data).equals(BoundedJson.text(p, "sha256"))) {
      throw new CorruptResetPackageException(
          file, "SHA-256 does not match the manifest: the file was changed", null);
    }
    EvidencePhoto photo;
    try {
      photo = EvidencePhoto.of(kind, file, data);
    } catch (InvalidResetRequestException e) {
      throw new CorruptResetPackageException(file, "not a JPEG or PNG image", e);
    }
    if (!photo.mediaType().equals(BoundedJson.text(p, "mediaType"))) {
      throw new CorruptResetPackageException(
          file, "content is " + photo.mediaType() + ", the manifest says otherwise", null);
    }
    return photo;
  }

  private static byte[] require(Reader in, String name, int limit) throws IOException {
    byte[] b = in.read(name, limit);
    if (b == null) {
      throw new CorruptResetPackageException(name, "missing from the package", null);
    }
    if (b.length > limit) {
      throw new CorruptResetPackageException(name, "larger than " + limit + " bytes", null);
    }
    return b;
  }

  private static CorruptResetPackageException corrupt(String message) {
    return new CorruptResetPackageException(MANIFEST, message, null);
  }

  private static byte[] readBounded(Path dir, String name, int limit) throws IOException {
    Path f = dir.resolve(name);
    if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(f, LinkOption.NOFOLLOW_LINKS)) {
      return in.readNBytes(limit + 1);
    }
  }

  private static byte[] readBounded(ZipFile zip, String name, int limit) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null || e.isDirectory()) {
      return null;
    }
    try (InputStream in = zip.getInputStream(e)) {
      return in.readNBytes(limit + 1);
    }
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds a {@link ResetPackageChannel}. Not thread-safe. */
  public static final class Builder {
    private final Path directory;
    private Format format = Format.FOLDER;
    private Clock clock = Clock.systemUTC();

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Folder or zip. Default {@link Format#FOLDER}.
     *
     * @param format the layout
     * @return this builder
     */
    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * The clock that stamps {@code createdAt} and the package id. Default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the channel. The directory is created on the first submission.
     *
     * @return the channel
     */
    public ResetPackageChannel build() {
      return new ResetPackageChannel(this);
    }
  }
}
