package io.nvrkit.testkit.internal.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 request parsing with hard limits, and response head writing. */
final class HttpWire {
  static final int MAX_LINE = 8 * 1024;
  static final int MAX_HEADER_BYTES = 16 * 1024;
  static final int MAX_HEADERS = 100;
  static final int MAX_BODY = 1024 * 1024;

  /** A request line and headers, before the body. */
  record Head(String method, String target, String version, Map<String, List<String>> headers) {
    String first(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  /** A request that breaks the protocol or a limit; answered with {@code status} and closed. */
  static final class BadRequest extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private HttpWire() {}

  /**
   * Reads a request head; null on a clean end of stream before any byte.
   *
   * @param in the stream
   * @return the head or null
   * @throws IOException on I/O errors or a malformed head
   */
  static Head readHead(InputStream in) throws IOException {
    String line;
    do {
      line = readLine(in, MAX_LINE, true);
      if (line == null) {
        return null;
      }
    } while (line.isEmpty()); // tolerate stray CRLF between requests (RFC 9112 2.2)
    String[] parts = line.split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.") || parts[1].isEmpty()) {
      throw new BadRequest(400, "bad request line");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    int total = line.length();
    int count = 0;
    while (true) {
      String h = readLine(in, MAX_LINE, false);
      if (h == null) {
        throw new BadRequest(400, "end of stream in headers");
      }
      if (h.isEmpty()) {
        break;
      }
      total += h.length();
      if (++count > MAX_HEADERS || total > MAX_HEADER_BYTES) {
        throw new BadRequest(431, "headers too large");
      }
      int colon = h.indexOf(':');
      if (colon <= 0 || h.charAt(0) == ' ' || h.charAt(0) == '\t') {
        throw new BadRequest(400, "bad header line");
      }
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, k -> new ArrayList<>()).add(h.substring(colon + 1).trim());
    }
    return new Head(parts[0], parts[1], parts[2], headers);
  }

  /**
   * Reads the body the head announces (Content-Length or chunked).
   *
   * @param in the stream
   * @param head the head
   * @param maxBody the largest body accepted
   * @return the body
   * @throws IOException on I/O errors, a bad framing or a too large body
   */
  static byte[] readBody(InputStream in, Head head, int maxBody) throws IOException {
    String te = head.first("transfer-encoding");
    if (te != null) {
      if (!te.toLowerCase(Locale.ROOT).endsWith("chunked")) {
        throw new BadRequest(501, "unsupported transfer coding");
      }
      return readChunked(in, maxBody);
    }
    List<String> cls = head.headers().get("content-length");
    if (cls == null) {
      return new byte[0];
    }
    long len;
    try {
      len = Long.parseLong(cls.get(0).trim());
    } catch (NumberFormatException e) {
      throw new BadRequest(400, "bad Content-Length");
    }
    for (String other : cls) {
      if (!other.trim().equals(cls.get(0).trim())) {
        throw new BadRequest(400, "conflicting Content-Length");
      }
    }
    if (len < 0) {
      throw new BadRequest(400, "bad Content-Length");
    }
    if (len > maxBody) {
      throw new BadRequest(413, "body too large");
    }
    byte[] body = in.readNBytes((int) len);
    if (body.length != len) {
      throw new IOException("end of stream in body");
    }
    return body;
  }

  private static byte[] readChunked(InputStream in, int maxBody) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, 1024, false);
      if (sizeLine == null) {
        throw new BadRequest(400, "end of stream in chunked body");
      }
      int semi = sizeLine.indexOf(';');
      String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new BadRequest(400, "bad chunk size");
      }
      if (size < 0 || out.size() + (long) size > maxBody) {
        throw new BadRequest(413, "body too large");
      }
      if (size == 0) {
        // trailers
        String t;
        int n = 0;
        while ((t = readLine(in, MAX_LINE, false)) != null && !t.isEmpty()) {
          if (++n > MAX_HEADERS) {
            throw new BadRequest(431, "too many trailers");
          }
        }
        return out.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new BadRequest(400, "end of stream in chunk");
      }
      out.write(chunk);
      String crlf = readLine(in, 2, false);
      if (crlf == null || !crlf.isEmpty()) {
        throw new BadRequest(400, "chunk not followed by CRLF");
      }
    }
  }

  /** Reads a line ending in LF (CR before it dropped); null on end of stream before any byte. */
  private static String readLine(InputStream in, int max, boolean nullOnCleanEof)
      throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (b.size() == 0) {
          return null;
        }
        throw new BadRequest(400, "end of stream in line");
      }
      if (c == '\n') {
        byte[] a = b.toByteArray();
        int n = a.length;
        if (n > 0 && a[n - 1] == '\r') {
          n--;
        }
        return new String(a, 0, n, StandardCharsets.ISO_8859_1);
      }
      if (b.size() >= max) {
        throw new BadRequest(nullOnCleanEof ? 414 : 431, "line too long");
      }
      b.write(c);
    }
  }

  /**
   * Writes a status line and headers, with {@code Content-Length: contentLength}.
   *
   * @param out the stream
   * @param status the status
   * @param reason the reason phrase
   * @param headers the headers
   * @param contentLength the body length
   * @throws IOException on I/O errors
   */
  static void writeHead(
      OutputStream out,
      int status,
      String reason,
      List<Map.Entry<String, String>> headers,
      long contentLength)
      throws IOException {
    StringBuilder sb = new StringBuilder(256);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    boolean lengthWritten = false;
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase("content-length")) {
        if (!lengthWritten && status != 204 && status != 304) {
          sb.append(h.getKey()).append(": ").append(contentLength).append("\r\n");
          lengthWritten = true;
        }
        continue;
      }
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (!lengthWritten && status != 204 && status != 304) {
      sb.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 413:
        return "Payload Too Large";
      case 414:
        return "URI Too Long";
      case 431:
        return "Request Header Fields Too Large";
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      default:
        return "Status " + status;
    }
  }
}
