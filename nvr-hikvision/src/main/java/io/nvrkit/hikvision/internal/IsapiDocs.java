package io.nvrkit.hikvision.internal;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.UserAccount;
import io.nvrkit.hikvision.internal.IsapiXml.Node;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ISAPI documents this adapter reads, as pure functions from bytes to values (research note
 * §1–§4). Every parser identifies elements by local name, accepts any of the three namespaces or
 * none, and throws {@link Malformed} (a reason without device content) for anything it cannot use.
 * Thread-safe and stateless.
 */
public final class IsapiDocs {
  private IsapiDocs() {}

  /** A document this adapter cannot use; the message never quotes device content. */
  public static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }

    Malformed(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  private static final Pattern MAC_COLON = Pattern.compile("[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}");
  private static final Pattern BUILD = Pattern.compile("(?i)\\s*build\\s*(\\d{6})\\s*");
  private static final Pattern FIRMWARE =
      Pattern.compile("(?i)\\s*(V?\\d+(?:\\.\\d+){1,3})\\s*(?:build\\s*(\\d{6}))?.*");

  static Node root(byte[] body, String expected) throws Malformed {
    Node n;
    try {
      n = IsapiXml.parse(body);
    } catch (IsapiXml.RejectedXmlException e) {
      throw new Malformed(e.getMessage(), e);
    }
    if (expected != null && !n.is(expected)) {
      throw new Malformed("expected a " + expected + " document, got " + safeName(n.name()));
    }
    return n;
  }

  private static String safeName(String s) {
    return s.length() > 40 || !s.matches("[A-Za-z0-9_.-]+") ? "(unexpected element)" : s;
  }

  // ---- deviceInfo -----------------------------------------------------------------------------

  /**
   * {@code /ISAPI/System/deviceInfo}. Empty elements are null.
   *
   * @param deviceName the user-editable name
   * @param deviceId the UUID-shaped device ID
   * @param model the model, may contain {@code / ( )}
   * @param serial the full serial number
   * @param mac lower case with colons
   * @param firmware e.g. {@code V4.62.210}
   * @param firmwareBuild ISO date of {@code build YYMMDD}, or the raw text when not that form
   * @param deviceType {@code IPCamera}, {@code NVR}, ...
   * @param hardwareVersion free text
   * @param manufacturer {@code hikvision} on newer firmware
   */
  public record DeviceInfo(
      String deviceName,
      String deviceId,
      String model,
      String serial,
      String mac,
      String firmware,
      String firmwareBuild,
      String deviceType,
      String hardwareVersion,
      String manufacturer) {}

  /**
   * Parses {@code DeviceInfo}.
   *
   * @param body the body
   * @return the values
   * @throws Malformed if it is not a DeviceInfo with a model and a serial
   */
  public static DeviceInfo deviceInfo(byte[] body) throws Malformed {
    Node n = root(body, "DeviceInfo");
    String model = bounded(n.childText("model"), 128);
    String serial = bounded(n.childText("serialNumber"), 128);
    if (model == null || serial == null) {
      throw new Malformed("DeviceInfo lacks model or serialNumber");
    }
    String mac = n.childText("macAddress");
    return new DeviceInfo(
        bounded(n.childText("deviceName"), 128),
        bounded(n.childText("deviceID"), 128),
        model,
        serial,
        mac == null ? null : mac(mac),
        bounded(n.childText("firmwareVersion"), 64),
        build(n.childText("firmwareReleasedDate")),
        bounded(n.childText("deviceType"), 64),
        bounded(n.childText("hardwareVersion"), 128),
        bounded(n.childText("manufacturer"), 64));
  }

  /**
   * A MAC in the device's notation ({@code a6:63:9e:f8:01:09} or SADP's {@code 58-50-ED-1F-E3-85})
   * as lower case with colons.
   *
   * @param raw the MAC
   * @return the normalised MAC
   * @throws Malformed if it is not six hex octets
   */
  public static String mac(String raw) throws Malformed {
    String m = raw.strip();
    if (!MAC_COLON.matcher(m).matches()) {
      throw new Malformed("MAC address is malformed");
    }
    return m.replace('-', ':').toLowerCase(Locale.ROOT);
  }

  /**
   * {@code build 240826} → {@code 2024-08-26}; other non-empty text is kept as it is (bounded).
   *
   * @param raw the text or null
   * @return the build or null
   */
  static String build(String raw) {
    if (raw == null) {
      return null;
    }
    Matcher m = BUILD.matcher(raw);
    if (m.matches()) {
      String iso = yymmdd(m.group(1));
      if (iso != null) {
        return iso;
      }
    }
    return bounded(raw, 64);
  }

  static String yymmdd(String six) {
    try {
      return LocalDate.of(
              2000 + Integer.parseInt(six.substring(0, 2)),
              Integer.parseInt(six.substring(2, 4)),
              Integer.parseInt(six.substring(4, 6)))
          .toString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Splits a SADP {@code SoftwareVersion} ({@code V5.6.2build 190701}, no space before {@code
   * build}) into version and ISO build date.
   *
   * @param raw the text
   * @return {@code [version, build]}, either possibly null
   */
  public static String[] firmwareAndBuild(String raw) {
    if (raw == null || raw.isBlank()) {
      return new String[] {null, null};
    }
    Matcher m = FIRMWARE.matcher(raw);
    if (m.matches()) {
      return new String[] {m.group(1), m.group(2) == null ? null : yymmdd(m.group(2))};
    }
    return new String[] {bounded(raw, 64), null};
  }

  static String bounded(String s, int max) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    if (t.isEmpty()) {
      return null;
    }
    if (t.length() > max || t.chars().anyMatch(Character::isISOControl)) {
      return null;
    }
    return t;
  }

  // ---- time -----------------------------------------------------------------------------------

  /**
   * {@code /ISAPI/System/time}.
   *
   * @param localTime the displayed date-time with the offset in force
   * @param timeZone the POSIX zone, or null
   * @param timeMode {@code NTP}, {@code manual}, ... or null
   */
  public record DeviceTime(OffsetDateTime localTime, PosixTz timeZone, String timeMode) {}

  /**
   * Parses {@code Time}.
   *
   * @param body the body
   * @return the values
   * @throws Malformed if {@code localTime} is missing or not ISO-8601 with an offset
   */
  public static DeviceTime time(byte[] body) throws Malformed {
    Node n = root(body, "Time");
    String lt = n.childText("localTime");
    if (lt == null) {
      throw new Malformed("Time lacks localTime");
    }
    OffsetDateTime t = offsetDateTime(lt);
    String tz = n.childText("timeZone");
    PosixTz zone = null;
    if (tz != null) {
      try {
        zone = PosixTz.parse(tz);
      } catch (IllegalArgumentException e) {
        zone = null; // an unreadable zone: keep the displayed time, drop the zone
      }
    }
    return new DeviceTime(t, zone, bounded(n.childText("timeMode"), 32));
  }

  /**
   * ISO-8601 date-time with an offset; tolerates a {@code Z} and a missing colon in the offset.
   *
   * @param text the text
   * @return the value
   * @throws Malformed if it is not one
   */
  static OffsetDateTime offsetDateTime(String text) throws Malformed {
    String s = text.strip();
    if (s.length() > 40) {
      throw new Malformed("localTime is too long");
    }
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      Matcher m =
          Pattern.compile("(.*[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)([+-]\\d{2})(\\d{2})")
              .matcher(s);
      if (m.matches()) {
        try {
          return OffsetDateTime.parse(m.group(1).replace(' ', 'T') + m.group(2) + ":" + m.group(3));
        } catch (DateTimeParseException e2) {
          // fall through
        }
      }
      throw new Malformed("localTime is not an ISO-8601 date-time with offset");
    }
  }

  // ---- users ----------------------------------------------------------------------------------

  /**
   * One {@code User} of a {@code UserList}.
   *
   * @param id the device's id (1 = the built-in admin)
   * @param account the account
   */
  public record User(int id, UserAccount account) {}

  /**
   * Parses {@code UserList} (or a single {@code User}).
   *
   * @param body the body
   * @return the users, in the device's order
   * @throws Malformed if an entry lacks a usable id or name
   */
  public static List<User> users(byte[] body) throws Malformed {
    Node root = root(body, null);
    List<Node> nodes;
    if (root.is("UserList")) {
      nodes = root.all("User");
    } else if (root.is("User")) {
      nodes = List.of(root);
    } else {
      throw new Malformed("expected a UserList document");
    }
    if (nodes.size() > 256) {
      throw new Malformed("UserList has too many entries");
    }
    List<User> out = new ArrayList<>();
    for (Node u : nodes) {
      int id = intOf(u.childText("id"), "User id");
      String name = bounded(u.childText("userName"), 64);
      if (name == null || id < 0) {
        throw new Malformed("a User lacks a valid userName or id");
      }
      String level = u.childText("userLevel");
      String raw = level == null ? "" : bounded(level, 32) == null ? "" : level;
      Node attr = u.child("attribute");
      boolean inherent = attr != null && "true".equalsIgnoreCase(attr.childText("inherent"));
      out.add(new User(id, new UserAccount(name, level(raw), raw, id == 1 || inherent)));
    }
    return List.copyOf(out);
  }

  /**
   * The core level of an ISAPI {@code userLevel}.
   *
   * @param raw {@code Administrator}, {@code Operator}, {@code Viewer} (any case)
   * @return the level; {@link AccountLevel#OTHER} for anything else
   */
  static AccountLevel level(String raw) {
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "administrator", "admin" -> AccountLevel.ADMINISTRATOR;
      case "operator" -> AccountLevel.OPERATOR;
      case "viewer", "user" -> AccountLevel.USER;
      default -> AccountLevel.OTHER;
    };
  }

  // ---- userCheck, ResponseStatus, lock settings, activation -----------------------------------

  /**
   * A {@code userCheck} body (a 401's, or the 200 of {@code GET /ISAPI/Security/userCheck}).
   *
   * @param statusValue 200 or 401, or -1 if absent
   * @param locked whether {@code lockStatus} is {@code lock}
   * @param unlockSeconds seconds until the lock ends, if told
   * @param retriesLeft attempts left before the lock, if told
   * @param riskPassword whether the device flags the password as risky, if told
   */
  public record UserCheck(
      int statusValue,
      boolean locked,
      OptionalInt unlockSeconds,
      OptionalInt retriesLeft,
      Boolean riskPassword) {}

  /**
   * Parses a {@code userCheck} body; null when the body is not one (the 2017 firmware's HTML 401,
   * an empty body, garbage: the 401 itself still counts).
   *
   * @param body the body
   * @return the values, or null
   */
  public static UserCheck userCheck(byte[] body) {
    Node n;
    try {
      n = root(body, "userCheck");
    } catch (Malformed e) {
      return null;
    }
    int sv;
    try {
      sv = n.childText("statusValue") == null ? -1 : intOf(n.childText("statusValue"), "x");
    } catch (Malformed e) {
      sv = -1;
    }
    String ls = n.childText("lockStatus");
    String risk = n.childText("isRiskPassword");
    return new UserCheck(
        sv,
        ls != null && ls.equalsIgnoreCase("lock"),
        optInt(n.childText("unlockTime"), 7 * 86_400),
        optInt(n.childText("retryLoginTime"), 1000),
        risk == null ? null : risk.equalsIgnoreCase("true"));
  }

  /**
   * A {@code ResponseStatus} (research note §4).
   *
   * @param statusCode 1 OK, 2 busy, 3 device error, 4 invalid operation, 5 bad XML, 6 bad content,
   *     7 reboot required, 9 additional error; -1 if absent
   * @param subStatusCode e.g. {@code badParameters}, or null
   * @param statusString the words, or null
   */
  public record ResponseStatus(int statusCode, String subStatusCode, String statusString) {
    /**
     * Whether it reports success.
     *
     * @return true for status 0 or 1 (sub-status {@code ok} or none)
     */
    public boolean ok() {
      return (statusCode == 1 || statusCode == 0)
          && (subStatusCode == null || subStatusCode.equalsIgnoreCase("ok"));
    }
  }

  /**
   * Parses a {@code ResponseStatus}; null if the body is not one.
   *
   * @param body the body
   * @return the status, or null
   */
  public static ResponseStatus responseStatus(byte[] body) {
    Node n;
    try {
      n = root(body, "ResponseStatus");
    } catch (Malformed e) {
      return null;
    }
    int code;
    try {
      code = n.childText("statusCode") == null ? -1 : intOf(n.childText("statusCode"), "x");
    } catch (Malformed e) {
      code = -1;
    }
    String sub = n.childText("subStatusCode");
    return new ResponseStatus(
        code,
        sub != null && sub.matches("[A-Za-z0-9_]{1,64}") ? sub : null,
        bounded(n.childText("statusString"), 64));
  }

  /**
   * {@code IllegalLoginLock} (research note §3.6).
   *
   * @param enabled whether the IP lock is on
   * @param maxTimes failures before the lock, or 0 if not told
   * @param lockSeconds lock duration in seconds, or 0 if not told
   */
  public record LockSettings(boolean enabled, int maxTimes, int lockSeconds) {}

  /**
   * Parses {@code IllegalLoginLock}.
   *
   * @param body the body
   * @return the settings
   * @throws Malformed if it is not one
   */
  public static LockSettings lockSettings(byte[] body) throws Malformed {
    Node n = root(body, "IllegalLoginLock");
    String en = n.childText("enabled");
    return new LockSettings(
        en == null || !en.equalsIgnoreCase("false"),
        optInt(n.childText("maxIllegalLoginTimes"), 1000).orElse(0),
        optInt(n.childText("maxIllegalLoginLockTime"), 7 * 86_400).orElse(0));
  }

  /**
   * Parses {@code ActivateStatus} ({@code GET /SDK/activateStatus}, no login).
   *
   * @param body the body
   * @return true if activated, false if not
   * @throws Malformed if it is not an ActivateStatus with a boolean {@code Activated}
   */
  public static boolean activated(byte[] body) throws Malformed {
    Node n = root(body, "ActivateStatus");
    String a = n.childText("Activated");
    if ("true".equalsIgnoreCase(a)) {
      return true;
    }
    if ("false".equalsIgnoreCase(a) || "flase".equalsIgnoreCase(a)) {
      return false;
    }
    throw new Malformed("ActivateStatus lacks Activated");
  }

  static int intOf(String s, String what) throws Malformed {
    if (s == null || !s.strip().matches("-?\\d{1,9}")) {
      throw new Malformed(what + " is not a number");
    }
    return Integer.parseInt(s.strip());
  }

  static OptionalInt optInt(String s, int max) {
    if (s == null || !s.strip().matches("\\d{1,9}")) {
      return OptionalInt.empty();
    }
    int v = Integer.parseInt(s.strip());
    return v > max ? OptionalInt.empty() : OptionalInt.of(v);
  }
}
