package io.nvrkit.lorex.internal;

import io.nvrkit.core.ProtocolException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing of the identity values Dahua-family firmware returns. Stateless, thread-safe. */
final class IdentityParsing {
  private static final DateTimeFormatter TIME_24 =
      DateTimeFormatter.ofPattern("uuuu-M-d H:m:s", Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final DateTimeFormatter TIME_12 =
      DateTimeFormatter.ofPattern("uuuu-M-d h:m:s a", Locale.US)
          .withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern SOFTWARE =
      Pattern.compile("([^\\s,]{1,64})(?:[,\\s]+build\\s*:\\s*([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}))?");
  private static final Pattern OEM = Pattern.compile("\\.00([A-Z]{2})\\d");
  private static final Pattern MAC_COLON = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");
  private static final Pattern MAC_BARE = Pattern.compile("[0-9A-Fa-f]{12}");

  private IdentityParsing() {}

  /** Firmware version and build date. */
  record Software(String version, String build) {}

  /**
   * Parses the body of {@code getSoftwareVersion}: {@code version=V,build:D}, with a comma or
   * whitespace (including a line break) between the parts; the build may be absent.
   */
  static Software software(String body, String device, String op) {
    String t = body.strip();
    if (!t.startsWith("version=")) {
      throw new ProtocolException("firmware reply lacks 'version='", device, op, null);
    }
    String rest = t.substring("version=".length()).strip();
    Matcher m = SOFTWARE.matcher(rest);
    if (!m.matches()) {
      throw new ProtocolException("firmware reply is malformed", device, op, null);
    }
    return new Software(m.group(1), m.group(2));
  }

  /** Parses the device's local time: {@code 2024-1-15 10:30:00}, padded or not, or 12-hour. */
  static LocalDateTime time(String value, String device, String op) {
    String v = value.strip();
    try {
      return LocalDateTime.parse(v, TIME_24);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(v.toUpperCase(Locale.ROOT), TIME_12);
      } catch (DateTimeParseException e2) {
        throw new ProtocolException("device time is not a date-time", device, op, null);
      }
    }
  }

  /** A MAC as {@code aa:bb:cc:dd:ee:ff}; accepts colons, dashes or none, any case. */
  static String mac(String value, String device, String op) {
    String v = value.strip();
    if (MAC_BARE.matcher(v).matches()) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 12; i += 2) {
        b.append(i == 0 ? "" : ":").append(v, i, i + 2);
      }
      v = b.toString();
    } else if (MAC_COLON.matcher(v).matches()) {
      v = v.replace('-', ':');
    } else {
      throw new ProtocolException("device MAC address is malformed", device, op, null);
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /**
   * The OEM code in a firmware string ({@code LR} Lorex, {@code AC} Amcrest, {@code DH}), or null.
   */
  static String oemCode(String firmware) {
    Matcher m = OEM.matcher(firmware == null ? "" : firmware);
    return m.find() ? m.group(1) : null;
  }

  /** The brand from {@code getVendor} and the firmware's OEM code. */
  static String brand(String vendor, String firmware) {
    String v = vendor == null ? "" : vendor.strip().toLowerCase(Locale.ROOT);
    String oem = oemCode(firmware);
    if (v.equals("lorex") || v.equals("lr") || "LR".equals(oem)) {
      return "Lorex";
    }
    if (v.equals("amcrest") || v.equals("ac") || "AC".equals(oem)) {
      return "Amcrest";
    }
    if (v.equals("dahua") || v.equals("dh") || v.equals("general") || "DH".equals(oem)) {
      return "Dahua";
    }
    return vendor == null || vendor.isBlank() ? null : vendor.strip();
  }

  /**
   * A zone from a device setting: a region id ({@code America/Toronto}) or an offset ({@code
   * GMT-05:00}, {@code UTC+8}, {@code +05:30}); null when it is neither (e.g. a bare index).
   */
  static String zone(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty() || v.length() > 64 || v.matches("\\d+")) {
      return null;
    }
    try {
      if (v.contains("/")) {
        return ZoneId.of(v).getId();
      }
      Matcher m = Pattern.compile("(?:GMT|UTC)?\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?").matcher(v);
      if (m.matches()) {
        int h = Integer.parseInt(m.group(2));
        int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        int sign = m.group(1).equals("-") ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * h, sign * min).getId();
      }
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
    return null;
  }
}
