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

  private static final Pattern POSIX =
      Pattern.compile("^(?:<[^>]+>|[A-Za-z]{3,})([+-]?)(\\d{1,2})(?::(\\d{1,2}))?(?::\\d{1,2})?");

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
    Matcher m = POSIX.matcher(tz.trim());
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
    XmlElement sdt = r.childAnyNs("SystemDateAndTime").orElse(r);
    LocalDateTime utc = sdt.childAnyNs("UTCDateTime").map(Responses::dateTime).orElse(null);
    LocalDateTime local = sdt.childAnyNs("LocalDateTime").map(Responses::dateTime).orElse(null);
    String tz =
        sdt.childAnyNs("TimeZone")
            .flatMap(t -> t.childAnyNs("TZ"))
            .map(XmlElement::text)
            .orElse(null);
    String type = sdt.childAnyNs("DateTimeType").map(XmlElement::text).orElse(null);
    boolean dst =
        sdt.childAnyNs("DaylightSavings").map(XmlElement::text).map("true"::equals).orElse(false);
    return new SystemDateTime(
        utc == null ? null : utc.toInstant(ZoneOffset.UTC), local, tz, type, dst);
  }

  private static LocalDateTime dateTime(XmlElement dt) {
    try {
      XmlElement t = dt.childAnyNs("Time").orElse(null);
      XmlElement d = dt.childAnyNs("Date").orElse(null);
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
    return Integer.parseInt(e.childAnyNs(name).map(XmlElement::text).orElse("x"));
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
      String hw =
          ni.childAnyNs("Info")
              .flatMap(i -> i.childAnyNs("HwAddress"))
              .map(XmlElement::text)
              .filter(s -> !s.isEmpty())
              .orElse(null);
      if (hw == null) {
        continue;
      }
      boolean enabled =
          ni.childAnyNs("Enabled").map(XmlElement::text).map("true"::equals).orElse(true);
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
    return r.childAnyNs("HostnameInformation")
        .flatMap(h -> h.childAnyNs("Name"))
        .map(XmlElement::text)
        .filter(s -> !s.isEmpty());
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
        s.childAnyNs("ScopeItem").map(XmlElement::text).ifPresent(out::add);
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
      String ns = s.childAnyNs("Namespace").map(XmlElement::text).orElse("");
      if (!Ns.TDS.equals(ns)) {
        continue;
      }
      Optional<XmlElement> outer = s.childAnyNs("Capabilities");
      if (outer.isEmpty()) {
        return Optional.empty();
      }
      // Service/Capabilities wraps a tds:Capabilities element (xs:any in the schema)
      XmlElement caps = outer.get().childAnyNs("Capabilities").orElse(outer.get());
      return Optional.of(Capabilities.from(caps));
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
    return Capabilities.from(r.childAnyNs("Capabilities").orElse(r));
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
      String name = u.childAnyNs("Username").map(XmlElement::text).orElse(null);
      if (name == null || name.isEmpty()) {
        continue;
      }
      out.add(new User(name, u.childAnyNs("UserLevel").map(XmlElement::text).orElse("")));
    }
    return out;
  }

  private static String text(XmlElement r, String local) {
    return r.childAnyNs(local).map(XmlElement::text).filter(s -> !s.isEmpty()).orElse(null);
  }
}
