package io.nvrkit.onvif.internal;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Decodes ONVIF scope URIs ({@code onvif://www.onvif.org/<category>/<value>}, CORE "Scope
 * parameters"): hardware (model), name, MAC and serial where present. Values are percent-decoded
 * ({@code +} stays a plus: scopes are URIs, not form data); categories are matched
 * case-insensitively because devices vary ({@code hardware}, {@code Hardware}, {@code MacAddress},
 * {@code mac}).
 *
 * @param hardware the first hardware scope, or null
 * @param name the first name scope, or null
 * @param mac the first MAC scope, normalised, or null
 * @param serial the first serial scope, or null
 */
public record Scopes(String hardware, String name, String mac, String serial) {
  private static final String PREFIX = "onvif://www.onvif.org/";

  /**
   * Fills the model, MAC and serial of {@code b} from these scopes where they are still missing
   * (scopes are the least precise source: they never replace what the device answered directly).
   *
   * @param b the identity so far
   * @param p the provenance of the scopes
   */
  void fillGaps(DeviceIdentity.Builder b, Provenance p) {
    DeviceIdentity soFar = b.build();
    if (soFar.model().isEmpty()) {
      b.set(IdentityField.MODEL, hardware(), p);
    }
    if (soFar.mac().isEmpty()) {
      b.set(IdentityField.MAC, mac(), p);
    }
    if (soFar.serial().isEmpty()) {
      b.set(IdentityField.SERIAL, serial(), p);
    }
  }

  /**
   * Decodes a list of scope URIs.
   *
   * @param scopes the scope items
   * @return what was found
   */
  public static Scopes decode(List<String> scopes) {
    String hardware = null;
    String name = null;
    String mac = null;
    String serial = null;
    for (String s : scopes) {
      if (s.length() <= PREFIX.length() || !s.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
        continue;
      }
      String rest = s.substring(PREFIX.length());
      int slash = rest.indexOf('/');
      if (slash <= 0 || slash == rest.length() - 1) {
        continue;
      }
      String category = rest.substring(0, slash).toLowerCase(Locale.ROOT);
      String value = percentDecode(rest.substring(slash + 1)).trim();
      if (value.isEmpty()) {
        continue;
      }
      switch (category) {
        case "hardware":
          hardware = hardware == null ? value : hardware;
          break;
        case "name":
          name = name == null ? value : name;
          break;
        case "macaddress":
        case "mac":
          mac = mac == null ? normaliseMac(value) : mac;
          break;
        case "serialnumber":
        case "serial":
          serial = serial == null ? value : serial;
          break;
        default:
          break;
      }
    }
    return new Scopes(hardware, name, mac, serial);
  }

  /**
   * A MAC address as lower-case colon-separated hex when it has 12 hex digits; else as given.
   *
   * @param raw e.g. {@code 44-19-B6-12-34-56} or {@code 4419b6123456}
   * @return e.g. {@code 44:19:b6:12:34:56}
   */
  public static String normaliseMac(String raw) {
    // separators : - . and white space are dropped; exactly 12 hex digits must remain (no regex:
    // this runs on the first identity read of every command-line call)
    char[] hex = new char[12];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == ':' || c == '-' || c == '.' || c == ' ' || (c >= '\t' && c <= '\r')) {
        continue;
      }
      char l = Character.toLowerCase(c);
      if (n == 12 || !((l >= '0' && l <= '9') || (l >= 'a' && l <= 'f'))) {
        return raw.trim();
      }
      hex[n++] = l;
    }
    if (n != 12) {
      return raw.trim();
    }
    StringBuilder sb = new StringBuilder(17);
    for (int i = 0; i < 12; i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, 2);
    }
    return sb.toString();
  }

  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()) {
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 3;
          continue;
        }
      }
      int cp = s.codePointAt(i);
      byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
      i += Character.charCount(cp);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
