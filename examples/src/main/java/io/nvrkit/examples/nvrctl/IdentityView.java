package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityConflict;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link DeviceIdentity} for people (with where each field came from) and as JSON. */
final class IdentityView {
  private IdentityView() {}

  static String label(IdentityField f) {
    return switch (f) {
      case VENDOR -> "Vendor";
      case MODEL -> "Model number";
      case DEVICE_ID -> "Device ID";
      case SERIAL -> "Serial number";
      case FIRMWARE -> "Firmware";
      case FIRMWARE_BUILD -> "Firmware build";
      case HARDWARE_VERSION -> "Hardware version";
      case MACHINE_NAME -> "Device name";
      case MAC -> "MAC address";
      case DEVICE_DATE_TIME -> "Date and time shown";
      case DEVICE_ZONE -> "Time zone";
      case START_TIME -> "Start time";
      case DEVICE_TYPE -> "Device type";
    };
  }

  static String source(Provenance p) {
    return switch (p) {
      case NETWORK_AUTHENTICATED -> "read from the device (logged in)";
      case NETWORK_PRE_AUTH -> "read from the device (before login)";
      case INFO_SCREEN -> "typed from the Info screen";
      case STICKER -> "typed from the sticker";
      case TYPED -> "typed";
      case NOT_READABLE_FROM_DEVICE ->
          "not readable over the network: take it from the sticker or Info screen";
    };
  }

  static void print(PrintWriter out, DeviceIdentity id, String indent) {
    for (IdentityField f : id.fields()) {
      String v = id.value(f).orElse("-");
      String src = id.provenance(f).map(IdentityView::source).orElse("?");
      out.printf("%s%-20s %-28s (%s)%n", indent, label(f), v, src);
    }
    if (zoneUnknown(id)) {
      out.printf(
          "%s%-20s %-28s (%s)%n",
          indent, label(IdentityField.DEVICE_ZONE), "unknown", "the device does not say");
    }
    id.clockSkew().ifPresent(s -> out.printf("%s%-20s %s%n", indent, "Clock skew", seconds(s)));
    for (IdentityConflict c : id.conflicts()) {
      out.printf(
          "%sconflict: %s is %s (%s) but %s says %s%n",
          indent,
          label(c.field()),
          c.kept(),
          source(c.keptFrom()),
          source(c.otherFrom()),
          c.other());
    }
    out.flush();
  }

  static Map<String, Object> json(DeviceIdentity id) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (IdentityField f : id.fields()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("value", id.value(f).orElse(null));
      e.put("provenance", id.provenance(f).map(Enum::name).orElse(null));
      m.put(camel(f), e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fields", m);
    if (zoneUnknown(id)) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("value", null);
      e.put("provenance", null);
      m.put(camel(IdentityField.DEVICE_ZONE), e);
    }
    out.put("clockSkewMillis", id.clockSkew().map(IdentityView::millis).orElse(null));
    List<Map<String, Object>> cs = new ArrayList<>();
    for (IdentityConflict c : id.conflicts()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("field", camel(c.field()));
      e.put("kept", c.kept());
      e.put("keptFrom", c.keptFrom().name());
      e.put("other", c.other());
      e.put("otherFrom", c.otherFrom().name());
      cs.add(e);
    }
    out.put("conflicts", cs);
    return out;
  }

  /** The time shown is known but not its zone: say so rather than leave the line out. */
  private static boolean zoneUnknown(DeviceIdentity id) {
    return id.value(IdentityField.DEVICE_DATE_TIME).isPresent()
        && id.value(IdentityField.DEVICE_ZONE).isEmpty();
  }

  /**
   * A duration as signed seconds with millisecond precision, such as {@code -0.716 s}: how far the
   * device's clock is ahead (positive) or behind.
   */
  static String seconds(Duration d) {
    long ms = millis(d);
    return String.format(
        Locale.ROOT, "%s%d.%03d s", ms < 0 ? "-" : "+", Math.abs(ms) / 1000, Math.abs(ms) % 1000);
  }

  /** Whole milliseconds, rounded toward zero (so -0.7163 s is -716, not -717). */
  static long millis(Duration d) {
    return d.isNegative() ? -d.negated().toMillis() : d.toMillis();
  }

  static String camel(IdentityField f) {
    String[] parts = f.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder b = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      b.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return b.toString();
  }
}
