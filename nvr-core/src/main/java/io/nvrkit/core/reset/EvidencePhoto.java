package io.nvrkit.core.reset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A photo sent with a reset request: the recorder's Info screen or its sticker. The type is taken
 * from the magic bytes (JPEG or PNG only, whatever the file name says), the size is at most {@link
 * #MAX_BYTES}, and the SHA-256 is recorded so a package can be verified later. Immutable.
 */
public final class EvidencePhoto {
  /** Largest photo accepted: 10 MB. */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  private final Kind kind;
  private final String fileName;
  private final String mediaType;
  private final byte[] bytes;
  private final String sha256;

  /** Which photo the procedure asks for. */
  public enum Kind {
    /** The recorder's Info screen (model, device ID, serial, date). */
    INFO_SCREEN,
    /** The sticker on the recorder (model, device ID, serial, QR code). */
    STICKER
  }

  private EvidencePhoto(Kind kind, String fileName, String mediaType, byte[] bytes) {
    this.kind = kind;
    this.fileName = fileName;
    this.mediaType = mediaType;
    this.bytes = bytes;
    this.sha256 = sha256Hex(bytes);
  }

  /**
   * Reads a photo file.
   *
   * @param kind which photo
   * @param file the file
   * @return the photo
   * @throws InvalidResetRequestException if it is not a JPEG or PNG, is empty or too large
   * @throws UncheckedIOException if it cannot be read
   */
  public static EvidencePhoto read(Kind kind, Path file) {
    Objects.requireNonNull(file, "file");
    String field = fieldName(kind);
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw invalid(field, "photo is " + size + " bytes; at most " + MAX_BYTES + " allowed");
      }
      byte[] data;
      try (InputStream in = Files.newInputStream(file)) {
        data = in.readNBytes(MAX_BYTES + 1);
      }
      return of(kind, file.getFileName().toString(), data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + field + " " + file, e);
    }
  }

  /**
   * A photo from bytes.
   *
   * @param kind which photo
   * @param fileName a file name for the package (the extension is corrected from the content)
   * @param data the image bytes; copied
   * @return the photo
   * @throws InvalidResetRequestException if it is not a JPEG or PNG, is empty or too large
   */
  public static EvidencePhoto of(Kind kind, String fileName, byte[] data) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(data, "data");
    String field = fieldName(kind);
    if (data.length == 0) {
      throw invalid(field, "photo is empty");
    }
    if (data.length > MAX_BYTES) {
      throw invalid(field, "photo is larger than " + MAX_BYTES + " bytes");
    }
    String type = sniff(data);
    if (type == null) {
      throw invalid(field, "photo is not a JPEG or PNG image (checked by its content)");
    }
    String ext = type.equals("image/png") ? ".png" : ".jpg";
    String base = kind == Kind.INFO_SCREEN ? "info-screen" : "sticker";
    return new EvidencePhoto(kind, base + ext, type, data.clone());
  }

  private static InvalidResetRequestException invalid(String field, String reason) {
    return new InvalidResetRequestException(java.util.List.of(new FieldProblem(field, reason)));
  }

  /**
   * The request field name of a photo kind: {@code infoScreenPhoto} or {@code stickerPhoto}.
   *
   * @param kind the kind
   * @return the field name
   */
  public static String fieldName(Kind kind) {
    return kind == Kind.INFO_SCREEN ? "infoScreenPhoto" : "stickerPhoto";
  }

  private static String sniff(byte[] d) {
    if (d.length >= 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF) {
      return "image/jpeg";
    }
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (d.length >= png.length) {
      for (int i = 0; i < png.length; i++) {
        if (d[i] != png[i]) {
          return null;
        }
      }
      return "image/png";
    }
    return null;
  }

  private static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Which photo this is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The file name used in packages: {@code info-screen.jpg}, {@code sticker.png}, ...
   *
   * @return the name
   */
  public String fileName() {
    return fileName;
  }

  /**
   * {@code image/jpeg} or {@code image/png}, from the content.
   *
   * @return the media type
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The image bytes.
   *
   * @return a copy
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The size in bytes.
   *
   * @return the size
   */
  public int size() {
    return bytes.length;
  }

  /**
   * The SHA-256 of the bytes, lower-case hex.
   *
   * @return the checksum
   */
  public String sha256() {
    return sha256;
  }

  @Override
  public String toString() {
    return "EvidencePhoto["
        + kind
        + ", "
        + mediaType
        + ", "
        + bytes.length
        + " bytes, sha256="
        + sha256
        + "]";
  }
}
