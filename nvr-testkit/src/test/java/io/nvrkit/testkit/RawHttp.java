package io.nvrkit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal HTTP/1.1 client on a plain socket, so tests see the exact bytes on the wire. */
final class RawHttp {
  private RawHttp() {}

  /** A response as received. */
  record Response(int status, String head, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  static Response get(int port, String target, String authorization) throws IOException {
    return send(port, "GET", target, authorization, null, null);
  }

  static Response post(int port, String target, String contentType, String body)
      throws IOException {
    return send(port, "POST", target, null, contentType, body);
  }

  static Response send(
      int port, String method, String target, String authorization, String contentType, String body)
      throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(10_000);
      StringBuilder req = new StringBuilder();
      req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      req.append("Host: 127.0.0.1:").append(port).append("\r\n");
      req.append("Connection: close\r\n");
      if (authorization != null) {
        req.append("Authorization: ").append(authorization).append("\r\n");
      }
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      if (body != null) {
        req.append("Content-Type: ").append(contentType).append("\r\n");
        req.append("Content-Length: ").append(b.length).append("\r\n");
      }
      req.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(b);
      out.flush();
      return read(s.getInputStream());
    }
  }

  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      all.write(buf, 0, n);
    }
    byte[] a = all.toByteArray();
    int end = -1;
    for (int i = 0; i + 3 < a.length; i++) {
      if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
        end = i;
        break;
      }
    }
    if (end < 0) {
      throw new IOException("no complete head in " + a.length + " bytes");
    }
    String head = new String(a, 0, end, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int c = lines[i].indexOf(':');
      headers.putIfAbsent(
          lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(c + 1).trim());
    }
    byte[] body = java.util.Arrays.copyOfRange(a, end + 4, a.length);
    return new Response(status, head, headers, body);
  }

  /** A Digest challenge's parameters. */
  static Map<String, String> challenge(String wwwAuthenticate) {
    Map<String, String> p = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(wwwAuthenticate);
    while (m.find()) {
      p.put(m.group(1), m.group(2));
    }
    return p;
  }

  static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RFC 7616 Digest MD5 qop=auth answer, computed here independently of the fake. */
  static String digest(
      Map<String, String> ch, String user, String password, String method, String uri, String nc) {
    String ha1 = md5(user + ":" + ch.get("realm") + ":" + password);
    String ha2 = md5(method + ":" + uri);
    String cnonce = "0a4f113b";
    String resp = md5(ha1 + ":" + ch.get("nonce") + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    return "Digest username=\""
        + user
        + "\", realm=\""
        + ch.get("realm")
        + "\", nonce=\""
        + ch.get("nonce")
        + "\", uri=\""
        + uri
        + "\", algorithm=MD5, qop=auth, nc="
        + nc
        + ", cnonce=\""
        + cnonce
        + "\", response=\""
        + resp
        + "\", opaque=\""
        + ch.get("opaque")
        + "\"";
  }

  /** GET with a Digest login: one challenge, one answer (two connections, as the device closes). */
  static Response digestGet(int port, String target, String user, String password)
      throws IOException {
    Response r = get(port, target, null);
    if (r.status() != 401) {
      return r;
    }
    Map<String, String> ch = challenge(r.header("WWW-Authenticate"));
    return get(port, target, digest(ch, user, password, "GET", target, "00000001"));
  }
}
