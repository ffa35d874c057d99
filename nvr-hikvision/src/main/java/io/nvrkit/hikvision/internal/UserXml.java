package io.nvrkit.hikvision.internal;

import io.nvrkit.core.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the {@code User} document of {@code PUT/POST /ISAPI/Security/users} (research note §2.2):
 * {@code id, userName, password, loginPassword, userLevel} in the vendor's order, in the namespace
 * the device itself uses. Secrets are written into a {@code char[]} that is wiped after encoding.
 * Thread-safe and stateless.
 */
public final class UserXml {
  /** The namespace used when the device's own is unknown (cameras, older NVRs). */
  public static final String DEFAULT_NAMESPACE = "http://www.hikvision.com/ver20/XMLSchema";

  private UserXml() {}

  /**
   * The document.
   *
   * @param namespace the namespace, or null/empty for {@link #DEFAULT_NAMESPACE}
   * @param id the user's id
   * @param userName the user name
   * @param password the new password, or null
   * @param loginPassword the caller's (administrator's) password, or null
   * @param userLevel {@code Administrator}, {@code Operator}, {@code Viewer}, or null
   * @return UTF-8 bytes
   */
  public static byte[] user(
      String namespace,
      int id,
      String userName,
      Secret password,
      Secret loginPassword,
      String userLevel) {
    String ns = namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
    StringBuilder head = new StringBuilder(256);
    head.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<User version=\"2.0\" xmlns=\"");
    IsapiXml.escape(ns, head);
    head.append("\">\r\n<id>").append(id).append("</id>\r\n<userName>");
    IsapiXml.escape(userName, head);
    head.append("</userName>\r\n");
    char[] buf = new char[0];
    try {
      buf = append(buf, head);
      if (password != null) {
        buf = appendSecret(buf, "password", password);
      }
      if (loginPassword != null) {
        buf = appendSecret(buf, "loginPassword", loginPassword);
      }
      StringBuilder tail = new StringBuilder();
      if (userLevel != null) {
        tail.append("<userLevel>").append(userLevel).append("</userLevel>\r\n");
      }
      tail.append("</User>\r\n");
      buf = append(buf, tail);
      ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(buf));
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      if (bb.hasArray()) {
        Arrays.fill(bb.array(), (byte) 0);
      }
      return out;
    } finally {
      Arrays.fill(buf, '\0');
    }
  }

  private static char[] appendSecret(char[] buf, String element, Secret s) {
    char[] v = s.copyChars();
    char[] escaped = new char[v.length * 6];
    int n = 0;
    try {
      for (char c : v) {
        String rep =
            switch (c) {
              case '&' -> "&amp;";
              case '<' -> "&lt;";
              case '>' -> "&gt;";
              case '"' -> "&quot;";
              case '\'' -> "&apos;";
              default -> null;
            };
        if (rep == null) {
          escaped[n++] = c;
        } else {
          rep.getChars(0, rep.length(), escaped, n);
          n += rep.length();
        }
      }
      char[] b = append(buf, "<" + element + ">");
      char[] c = Arrays.copyOf(b, b.length + n);
      System.arraycopy(escaped, 0, c, b.length, n);
      Arrays.fill(b, '\0');
      char[] d = append(c, "</" + element + ">\r\n");
      Arrays.fill(c, '\0');
      return d;
    } finally {
      Arrays.fill(v, '\0');
      Arrays.fill(escaped, '\0');
    }
  }

  private static char[] append(char[] buf, CharSequence s) {
    char[] out = Arrays.copyOf(buf, buf.length + s.length());
    for (int i = 0; i < s.length(); i++) {
      out[buf.length + i] = s.charAt(i);
    }
    Arrays.fill(buf, '\0');
    return out;
  }
}
