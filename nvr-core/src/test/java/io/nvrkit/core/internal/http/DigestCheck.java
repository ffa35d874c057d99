package io.nvrkit.core.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent re-computation of RFC 7616 digest responses for tests, from a recorded {@code
 * Authorization} header (written separately from {@link Digest} on purpose).
 */
final class DigestCheck {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=(\"([^\"]*)\"|([^,\\s]*))");

  private DigestCheck() {}

  static Map<String, String> params(String authorization) {
    Map<String, String> m = new HashMap<>();
    Matcher x = PARAM.matcher(authorization.substring(authorization.indexOf(' ') + 1));
    while (x.find()) {
      m.put(x.group(1), x.group(3) != null ? x.group(3) : x.group(4));
    }
    return m;
  }

  /** The response the server expects for this header, computed with {@code jcaAlgorithm}. */
  static String expected(String authorization, String method, String password, String jca)
      throws Exception {
    Map<String, String> p = params(authorization);
    String ha1 = h(jca, p.get("username") + ":" + p.get("realm") + ":" + password);
    String ha2 = h(jca, method + ":" + p.get("uri"));
    return h(
        jca,
        ha1
            + ":"
            + p.get("nonce")
            + ":"
            + p.get("nc")
            + ":"
            + p.get("cnonce")
            + ":"
            + p.get("qop")
            + ":"
            + ha2);
  }

  static String h(String jca, String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance(jca).digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
