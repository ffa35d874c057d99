package io.nvrkit.core.internal.reset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.reset.CorruptResetPackageException;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetPackage;
import io.nvrkit.core.reset.ResetPackageChannel;
import io.nvrkit.core.reset.ResetRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a reset package back (folder or zip) and verifies it for {@link
 * ResetPackageChannel#read(Path)}: every size, checksum, media type and field, with bounded reads.
 * Stateless and thread-safe.
 */
public final class ResetPackageReader {
  private static final String FORMAT = "nvrkit-reset-package";
  private static final String MANIFEST = ResetPackageWriter.MANIFEST;
  private static final String SUMMARY = ResetPackageWriter.SUMMARY;
  private static final int MAX_SUMMARY_BYTES = ResetPackageWriter.MAX_SUMMARY_BYTES;

  private ResetPackageReader() {}

  /**
   * Reads and verifies the package at {@code location}.
   *
   * @param location the package folder or zip file
   * @return the verified package
   * @throws CorruptResetPackageException naming the file that is missing, malformed or changed
   * @throws UncheckedIOException if the package cannot be read at all
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
      if (v == null || !v.isInt() || v.intValue() != ResetPackageChannel.FORMAT_VERSION) {
        throw corrupt(
            "formatVersion "
                + (v == null ? "missing" : v)
                + " is not supported ("
                + ResetPackageChannel.FORMAT_VERSION
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
      if (!ResetPackageWriter.sha256(summary).equals(BoundedJson.text(s, "sha256"))) {
        throw new CorruptResetPackageException(
            SUMMARY, "SHA-256 does not match the manifest: the file was changed", null);
      }

      ResetRequest.Builder b = ResetRequest.builder(vendor);
      Requester req =
          Requester.of(values.get("firstName"), values.get("lastName"), values.get("phone"));
      String email = values.get("email");
      b.requester(email == null ? req : req.withEmail(email));
      b.model(values.get("model"), sources.get("model"));
      // the package was validated when written: what it holds is what the vendor required
      List<ResetRequest.Detail> held = new ArrayList<>();
      if (values.containsKey("deviceId")) {
        b.deviceId(values.get("deviceId"), sources.get("deviceId"));
        held.add(ResetRequest.Detail.DEVICE_ID);
      }
      b.serial(values.get("serial"), sources.get("serial"));
      if (values.containsKey("firmware")) {
        b.firmware(values.get("firmware"), sources.get("firmware"));
      }
      if (values.get("startTime") != null) {
        try {
          b.startTime(
              LocalDateTime.parse(values.get("startTime"), ResetForm.START_TIME),
              sources.get("startTime"));
        } catch (DateTimeParseException e) {
          throw corrupt("startTime is not a YYYY-MM-DD HH:MM:SS date-time");
        }
        held.add(ResetRequest.Detail.START_TIME);
      }
      b.requires(held.toArray(new ResetRequest.Detail[0]));
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
    if (!ResetPackageWriter.sha256(data).equals(BoundedJson.text(p, "sha256"))) {
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
}
