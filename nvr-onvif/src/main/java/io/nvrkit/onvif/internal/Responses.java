package io.nvrkit.onvif.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the answers this module reads. The response element itself is identified by namespace
 * URI and local name; its fields are looked up by local name in any namespace, because devices swap
 * {@code tds}/{@code tt} on inner elements and the values are unambiguous.
 *
 * <p>Written with plain look-ups ({@link XmlElement#find}, {@link XmlElement#textAt}) rather than
 * {@code Optional} chains: these run on the first identity read of every command-line call, where
 * each distinct lambda costs a class spun at run time.
 */
public final class Responses {
  private Responses() {}

  /** GetSystemDateAndTime. */
  public record SystemDateTime(
      Instant utc, LocalDateTime local, String posixTz, String type, boolean daylightSavings) {

    /**
     * The device's current UTC offset: local minus UTC rounded to 15 minutes when both are given,
     * else the standard offset of the POSIX TZ string.
     *
     * @return the offset, if derivable
     */
    public Optional<ZoneOffset> offset() {
      if (utc != null && local != null) {
        long secs =
            Duration.between(utc.atOffset(ZoneOffset.UTC).toLocalDateTime(), local).getSeconds();
        long quarter = Math.round(secs / 900.0) * 900;
        if (Math.abs(quarter) <= 18 * 3600) {
          return Optional.of(ZoneOffset.ofTotalSeconds((int) quarter));
        }
      }
      return posixStandardOffset(posixTz);
    }
  }

  /** GetDeviceInformation. */
  public record DeviceInformation(
      String manufacturer, String model, String firmware, String serial, String hardwareId) {}

  /** One user of GetUsers. */
  public record User(String name, String level) {}

  /** Compiled on first use: only devices without UTCDateTime or a parsable offset need it. */
  private static final class Posix {
    static final Pattern TZ =
        Pattern.compile("^(?:<[^>]+>|[A-Za-z]{3,})([+-]?)(\\d{1,2})(?::(\\d{1,2}))?(?::\\d{1,2})?");
  }

  /**
   * The standard-time offset of a POSIX 1003.1 TZ string ({@code CST-8} is UTC+8: the sign is
   * inverted).
   *
   * @param tz the string, or null
   * @return the offset, if the string has one
   */
  public static Optional<ZoneOffset> posixStandardOffset(String tz) {
    if (tz == null) {
      return Optional.empty();
    }
    Matcher m = Posix.TZ.matcher(tz.trim());
    if (!m.find()) {
      return Optional.empty();
    }
    int h = Integer.parseInt(m.group(2));
    int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int secs = h * 3600 + min * 60;
    if (!"-".equals(m.group(1))) {
      secs = -secs; // POSIX offsets are west-positive: "CST-8" is UTC+8, "EST5" is UTC-5
    }
    try {
      return Optional.of(ZoneOffset.ofTotalSeconds(secs));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses GetSystemDateAndTimeResponse.
   *
   * @param r the response element
   * @return the date and time (UTC may be missing on broken devices)
   */
  public static SystemDateTime systemDateAndTime(XmlElement r) {
    XmlElement sdt = r.find("SystemDateAndTime");
    if (sdt == null) {
      sdt = r;
    }
    LocalDateTime utc = dateTime(sdt.find("UTCDateTime"));
    LocalDateTime local = dateTime(sdt.find("LocalDateTime"));
    String tz = sdt.textAt("TimeZone", "TZ");
    String type = sdt.textAt("DateTimeType");
    boolean dst = "true".equals(sdt.textAt("DaylightSavings"));
    return new SystemDateTime(
        utc == null ? null : utc.toInstant(ZoneOffset.UTC), local, tz, type, dst);
  }

  private static LocalDateTime dateTime(XmlElement dt) {
    if (dt == null) {
      return null;
    }
    try {
      XmlElement t = dt.find("Time");
      XmlElement d = dt.find("Date");
      if (t == null || d == null) {
        return null;
      }
      return LocalDateTime.of(
          num(d, "Year"),
          num(d, "Month"),
          num(d, "Day"),
          num(t, "Hour"),
          num(t, "Minute"),
          num(t, "Second"));
    } catch (NumberFormatException | DateTimeException e) {
      return null;
    }
  }

  private static int num(XmlElement e, String name) {
    String t = e.textAt(name);
    return Integer.parseInt(t == null ? "x" : t);
  }

  /**
   * Parses GetDeviceInformationResponse.
   *
   * @param r the response element
   * @return the information (fields may be null on broken devices)
   */
  public static DeviceInformation deviceInformation(XmlElement r) {
    return new DeviceInformation(
        text(r, "Manufacturer"),
        text(r, "Model"),
        text(r, "FirmwareVersion"),
        text(r, "SerialNumber"),
        text(r, "HardwareId"));
  }

  /**
   * The MAC of the first enabled interface that has one (any interface if none is enabled).
   *
   * @param r GetNetworkInterfacesResponse
   * @return the normalised MAC, if any
   */
  public static Optional<String> mac(XmlElement r) {
    String fallback = null;
    for (XmlElement ni : r.children()) {
      if (!ni.local().equals("NetworkInterfaces")) {
        continue;
      }
      String hw = ni.textAt("Info", "HwAddress");
      if (hw == null || hw.isEmpty()) {
        continue;
      }
      String en = ni.textAt("Enabled");
      boolean enabled = en == null || "true".equals(en);
      if (enabled) {
        return Optional.of(Scopes.normaliseMac(hw));
      }
      if (fallback == null) {
        fallback = Scopes.normaliseMac(hw);
      }
    }
    return Optional.ofNullable(fallback);
  }

  /**
   * The host name of GetHostnameResponse.
   *
   * @param r the response element
   * @return the name, if assigned
   */
  public static Optional<String> hostname(XmlElement r) {
    String name = r.textAt("HostnameInformation", "Name");
    return name == null || name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /**
   * The scope items of GetScopesResponse.
   *
   * @param r the response element
   * @return the items
   */
  public static List<String> scopes(XmlElement r) {
    List<String> out = new ArrayList<>();
    for (XmlElement s : r.children()) {
      if (s.local().equals("Scopes")) {
        String item = s.textAt("ScopeItem");
        if (item != null) {
          out.add(item);
        }
      }
    }
    return out;
  }

  /**
   * The device service's capabilities in GetServicesResponse.
   *
   * @param r the response element
   * @return the capabilities, if the device service entry carries them
   */
  public static Optional<Capabilities> servicesCapabilities(XmlElement r) {
    for (XmlElement s : r.children()) {
      if (!s.local().equals("Service")) {
        continue;
      }
      if (!Ns.TDS.equals(s.textAt("Namespace"))) {
        continue;
      }
      XmlElement outer = s.find("Capabilities");
      if (outer == null) {
        return Optional.empty();
      }
      // Service/Capabilities wraps a tds:Capabilities element (xs:any in the schema)
      XmlElement caps = outer.find("Capabilities");
      return Optional.of(Capabilities.from(caps == null ? outer : caps));
    }
    return Optional.empty();
  }

  /**
   * The capabilities of GetServiceCapabilitiesResponse.
   *
   * @param r the response element
   * @return the capabilities
   */
  public static Capabilities serviceCapabilities(XmlElement r) {
    XmlElement caps = r.find("Capabilities");
    return Capabilities.from(caps == null ? r : caps);
  }

  /**
   * The users of GetUsersResponse (possibly none).
   *
   * @param r the response element
   * @return the users
   */
  public static List<User> users(XmlElement r) {
    List<User> out = new ArrayList<>();
    for (XmlElement u : r.children()) {
      if (!u.local().equals("User")) {
        continue;
      }
      String name = u.textAt("Username");
      if (name == null || name.isEmpty()) {
        continue;
      }
      String level = u.textAt("UserLevel");
      out.add(new User(name, level == null ? "" : level));
    }
    return out;
  }

  private static String text(XmlElement r, String local) {
    String t = r.textAt(local);
    return t == null || t.isEmpty() ? null : t;
  }
}
