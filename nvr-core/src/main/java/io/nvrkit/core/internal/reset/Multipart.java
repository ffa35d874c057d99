package io.nvrkit.core.internal.reset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Builds a {@code multipart/form-data} body (RFC 7578) in memory. Values must not contain CR or LF
 * in names or file names (checked); the boundary is 128 random bits.
 */
public final class Multipart {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String boundary;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A new, empty body with a random boundary. */
  public Multipart() {
    byte[] r = new byte[16];
    RANDOM.nextBytes(r);
    this.boundary = "nvrkit-" + HexFormat.of().formatHex(r);
  }

  /**
   * The {@code Content-Type} header value, with the boundary.
   *
   * @return the content type
   */
  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /**
   * Adds a text part ({@code text/plain; charset=UTF-8}).
   *
   * @param name the part name
   * @param value the value
   * @return this
   */
  public Multipart text(String name, String value) {
    head(name, null, "text/plain; charset=UTF-8");
    write(value.getBytes(StandardCharsets.UTF_8));
    write("\r\n");
    return this;
  }

  /**
   * Adds a file part.
   *
   * @param name the part name
   * @param fileName the file name
   * @param contentType its media type
   * @param data its bytes
   * @return this
   */
  public Multipart file(String name, String fileName, String contentType, byte[] data) {
    head(name, fileName, contentType);
    write(data);
    write("\r\n");
    return this;
  }

  /**
   * Closes the body and returns it.
   *
   * @return the bytes
   */
  public byte[] finish() {
    write("--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  private void head(String name, String fileName, String contentType) {
    check(name);
    StringBuilder h = new StringBuilder();
    h.append("--").append(boundary).append("\r\n");
    h.append("Content-Disposition: form-data; name=\"").append(name).append('"');
    if (fileName != null) {
      check(fileName);
      h.append("; filename=\"").append(fileName).append('"');
    }
    h.append("\r\nContent-Type: ").append(contentType).append("\r\n\r\n");
    write(h.toString());
  }

  private static void check(String s) {
    if (s.indexOf('"') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("part names and file names must not contain \" CR LF");
    }
  }

  private void write(String s) {
    write(s.getBytes(StandardCharsets.UTF_8));
  }

  private void write(byte[] b) {
    out.write(b, 0, b.length);
  }
}
