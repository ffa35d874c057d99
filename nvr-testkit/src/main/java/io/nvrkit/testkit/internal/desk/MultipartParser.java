package io.nvrkit.testkit.internal.desk;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A strict, bounded {@code multipart/form-data} parser (RFC 7578) for the fake reset desk. It reads
 * a body already held in memory; every malformed input raises {@link IllegalArgumentException} with
 * a short reason.
 */
public final class MultipartParser {
  /** Most parts accepted in one body. */
  public static final int MAX_PARTS = 64;

  private MultipartParser() {}

  /**
   * One part.
   *
   * @param name the form field name
   * @param fileName the file name, or null for a text part
   * @param contentType the part's content type, or null
   * @param body the part's bytes
   */
  public record Part(String name, String fileName, String contentType, byte[] body) {
    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * The boundary parameter of a {@code multipart/form-data} content type.
   *
   * @param contentType the header value
   * @return the boundary
   * @throws IllegalArgumentException if it is not multipart/form-data with a boundary
   */
  public static String boundary(String contentType) {
    if (contentType == null) {
      throw new IllegalArgumentException("no Content-Type");
    }
    String[] bits = contentType.split(";");
    if (!bits[0].trim().toLowerCase(Locale.ROOT).equals("multipart/form-data")) {
      throw new IllegalArgumentException("Content-Type is not multipart/form-data");
    }
    for (int i = 1; i < bits.length; i++) {
      String p = bits[i].trim();
      int eq = p.indexOf('=');
      if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
        String b = p.substring(eq + 1).trim();
        if (b.length() >= 2 && b.startsWith("\"") && b.endsWith("\"")) {
          b = b.substring(1, b.length() - 1);
        }
        if (b.isEmpty() || b.length() > 70) {
          throw new IllegalArgumentException("bad multipart boundary");
        }
        return b;
      }
    }
    throw new IllegalArgumentException("multipart Content-Type without boundary");
  }

  /**
   * Splits a body into parts; later parts with the same name are kept in order.
   *
   * @param body the body
   * @param boundary the boundary
   * @return the parts by name (first occurrence wins in the map; see {@code duplicates})
   * @throws IllegalArgumentException if malformed
   */
  public static List<Part> parse(byte[] body, String boundary) {
    byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    byte[] crlfDelim = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int pos = indexOf(body, delim, 0);
    if (pos != 0) {
      // a preamble is allowed only before a CRLF-delimited boundary
      pos = indexOf(body, crlfDelim, 0);
      if (pos < 0) {
        throw new IllegalArgumentException("multipart boundary not found");
      }
      pos += 2;
    }
    List<Part> parts = new ArrayList<>();
    while (true) {
      int after = pos + delim.length;
      if (after + 2 > body.length) {
        throw new IllegalArgumentException("multipart body truncated");
      }
      if (body[after] == '-' && body[after + 1] == '-') {
        return parts; // closing delimiter
      }
      if (body[after] != '\r' || body[after + 1] != '\n') {
        throw new IllegalArgumentException("malformed multipart delimiter line");
      }
      int headStart = after + 2;
      int headEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, headStart);
      if (headEnd < 0 || headEnd - headStart > 8192) {
        throw new IllegalArgumentException("malformed part headers");
      }
      Map<String, String> headers =
          headers(new String(body, headStart, headEnd - headStart, StandardCharsets.UTF_8));
      int dataStart = headEnd + 4;
      int next = indexOf(body, crlfDelim, dataStart);
      if (next < 0) {
        throw new IllegalArgumentException("multipart body truncated");
      }
      byte[] data = java.util.Arrays.copyOfRange(body, dataStart, next);
      String disposition = headers.get("content-disposition");
      if (disposition == null) {
        throw new IllegalArgumentException("part without Content-Disposition");
      }
      Map<String, String> dp = params(disposition);
      String name = dp.get("name");
      if (name == null || !disposition.trim().toLowerCase(Locale.ROOT).startsWith("form-data")) {
        throw new IllegalArgumentException("part is not form-data with a name");
      }
      parts.add(new Part(name, dp.get("filename"), headers.get("content-type"), data));
      if (parts.size() > MAX_PARTS) {
        throw new IllegalArgumentException("too many parts");
      }
      pos = next + 2;
    }
  }

  private static Map<String, String> headers(String block) {
    Map<String, String> h = new LinkedHashMap<>();
    for (String line : block.split("\r\n")) {
      int c = line.indexOf(':');
      if (c <= 0) {
        throw new IllegalArgumentException("malformed part header");
      }
      h.put(line.substring(0, c).trim().toLowerCase(Locale.ROOT), line.substring(c + 1).trim());
    }
    return h;
  }

  private static Map<String, String> params(String disposition) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String p : disposition.split(";")) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String k = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String v = p.substring(eq + 1).trim();
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1);
      }
      m.put(k, v);
    }
    return m;
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
