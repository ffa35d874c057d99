package io.nvrkit.hikvision.internal;

import io.nvrkit.hikvision.internal.IsapiXml.Node;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * SADP (Search Active Devices Protocol) datagrams, research note §1.5: the {@code Probe} a client
 * multicasts to {@code 239.255.255.250:37020} and the {@code ProbeMatch} a device answers. Pure
 * functions on bytes; thread-safe.
 */
public final class SadpCodec {
  /** Largest datagram read (a real ProbeMatch is about 1.5 kB). */
  public static final int MAX_DATAGRAM = 8192;

  private static final DateTimeFormatter BOOT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

  private SadpCodec() {}

  /**
   * A {@code ProbeMatch}, every field optional except the serial.
   *
   * @param uuid the echoed probe UUID
   * @param model {@code DeviceDescription}
   * @param serial {@code DeviceSN}, the full serial
   * @param mac lower case with colons
   * @param ipv4 {@code IPv4Address}
   * @param httpPort {@code HttpPort}, or 0
   * @param firmware the version part of {@code SoftwareVersion}
   * @param firmwareBuild the ISO build date of {@code SoftwareVersion}
   * @param bootTime {@code BootTime}, the device's local start time
   * @param activated {@code Activated}, null if absent
   * @param passwordResetAbility {@code PasswordResetAbility}, verbatim, or null
   * @param passwordResetMode {@code PasswordResetModeSecond}, verbatim, or null
   */
  public record ProbeMatch(
      String uuid,
      String model,
      String serial,
      String mac,
      String ipv4,
      int httpPort,
      String firmware,
      String firmwareBuild,
      LocalDateTime bootTime,
      Boolean activated,
      String passwordResetAbility,
      String passwordResetMode) {}

  /**
   * A new probe id.
   *
   * @return a random UUID in upper case, as the SADP tool sends
   */
  public static String newProbeId() {
    return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
  }

  /**
   * The probe datagram.
   *
   * @param uuid the probe id (echoed by devices)
   * @return the bytes
   */
  public static byte[] probe(String uuid) {
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?><Probe><Uuid>"
            + uuid
            + "</Uuid><Types>inquiry</Types></Probe>")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a datagram.
   *
   * @param datagram the bytes received
   * @return the match, or null if it is not a usable ProbeMatch (foreign traffic, our own probe
   *     looped back, garbage, no serial)
   */
  public static ProbeMatch parse(byte[] datagram) {
    if (datagram == null || datagram.length > MAX_DATAGRAM) {
      return null;
    }
    Node n;
    try {
      n = IsapiXml.parse(datagram);
    } catch (IsapiXml.RejectedXmlException e) {
      return null;
    }
    if (!n.is("ProbeMatch")) {
      return null;
    }
    String serial = IsapiDocs.bounded(n.childText("DeviceSN"), 128);
    if (serial == null) {
      return null;
    }
    String mac = null;
    String rawMac = n.childText("MAC");
    if (rawMac != null) {
      try {
        mac = IsapiDocs.mac(rawMac);
      } catch (IsapiDocs.Malformed e) {
        mac = null;
      }
    }
    String[] fw = IsapiDocs.firmwareAndBuild(n.childText("SoftwareVersion"));
    return new ProbeMatch(
        IsapiDocs.bounded(n.childText("Uuid"), 64),
        IsapiDocs.bounded(n.childText("DeviceDescription"), 128),
        serial,
        mac,
        IsapiDocs.bounded(n.childText("IPv4Address"), 64),
        port(n.childText("HttpPort")),
        fw[0],
        fw[1],
        bootTime(n.childText("BootTime")),
        bool(n.childText("Activated")),
        IsapiDocs.bounded(n.childText("PasswordResetAbility"), 32),
        IsapiDocs.bounded(n.childText("PasswordResetModeSecond"), 32));
  }

  /**
   * {@code true}/{@code false}, and the firmware's {@code flase}.
   *
   * @param s the text
   * @return the value, or null if absent or neither
   */
  static Boolean bool(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip().toLowerCase(Locale.ROOT);
    return switch (t) {
      case "true" -> Boolean.TRUE;
      case "false", "flase" -> Boolean.FALSE;
      default -> null;
    };
  }

  static LocalDateTime bootTime(String s) {
    if (s == null || s.length() > 32) {
      return null;
    }
    try {
      return LocalDateTime.parse(s.strip(), BOOT);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s.strip().replace(' ', 'T'));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static int port(String s) {
    if (s == null || !s.strip().matches("\\d{1,5}")) {
      return 0;
    }
    int p = Integer.parseInt(s.strip());
    return p > 65535 ? 0 : p;
  }
}
