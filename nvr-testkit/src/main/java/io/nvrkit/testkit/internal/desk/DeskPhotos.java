package io.nvrkit.testkit.internal.desk;

import io.nvrkit.testkit.ResetDeskRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The desk's checks of the two evidence photos of a reset request: present as file parts, at most
 * 10 MB, a JPEG or PNG by content (magic bytes), the declared type matching, and the SHA-256 the
 * client sent matching the bytes received.
 */
final class DeskPhotos {
  private static final int MAX_PHOTO_BYTES = 10 * 1024 * 1024;
  private static final List<String> PHOTOS = List.of("infoScreenPhoto", "stickerPhoto");

  private DeskPhotos() {}

  /**
   * Checks the photos of one request.
   *
   * @param files the file parts by name
   * @param fields the text fields by name
   * @param photos receives what was received of each photo
   * @param problems receives a problem per field (the first one wins)
   */
  static void check(
      Map<String, MultipartParser.Part> files,
      Map<String, String> fields,
      Map<String, ResetDeskRequest.Photo> photos,
      Map<String, String> problems) {
    for (String name : PHOTOS) {
      MultipartParser.Part p = files.get(name);
      if (p == null) {
        if (fields.containsKey(name)) {
          problems.putIfAbsent(name, "must be a file part, not a text field");
        } else {
          problems.putIfAbsent(name, "a photo is required");
        }
        continue;
      }
      String detected = sniff(p.body());
      String sha = sha256(p.body());
      photos.put(
          name,
          new ResetDeskRequest.Photo(
              nz(p.fileName()), nz(p.contentType()), nz(detected), p.body().length, sha));
      if (p.body().length > MAX_PHOTO_BYTES) {
        problems.putIfAbsent(name, "is larger than 10 MB");
      } else if (detected == null) {
        problems.putIfAbsent(name, "is not a JPEG or PNG image (checked by its content)");
      } else if (p.contentType() != null
          && !p.contentType().toLowerCase(Locale.ROOT).startsWith(detected)) {
        problems.putIfAbsent(name, "is declared " + p.contentType() + " but is " + detected);
      }
      String claimed = fields.get(name + "Sha256");
      if (claimed != null && !claimed.isEmpty() && !claimed.equals(sha)) {
        problems.putIfAbsent(
            name + "Sha256",
            "does not match the photo's SHA-256 (the file was changed in transit)");
      }
    }
  }

  private static String sniff(byte[] d) {
    if (d.length >= 3 && (d[0] & 0xFF) == 0xFF && (d[1] & 0xFF) == 0xD8 && (d[2] & 0xFF) == 0xFF) {
      return "image/jpeg";
    }
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (d.length >= png.length && Arrays.equals(Arrays.copyOf(d, png.length), png)) {
      return "image/png";
    }
    return null;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
