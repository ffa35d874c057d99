package io.nvrkit.testkit.internal.onvif;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A POSIX 1003.1 TZ string for a {@link ZoneId}, as ONVIF's {@code tt:TimeZone/TZ} carries it (e.g.
 * {@code CET-1CEST,M3.5.0/2,M10.5.0/3}). Zones whose DST rules cannot be written in the {@code
 * Mm.w.d} form get only their standard offset.
 */
final class PosixTz {
  private PosixTz() {}

  /**
   * The zone a POSIX TZ string stands for: a fixed offset ({@code UTC0}, {@code CST-8}, {@code
   * <+0545>-5:45}) or a zone whose rules this class writes exactly so ({@code
   * EST5EDT,M3.2.0,M11.1.0} → e.g. America/New_York).
   */
  static Optional<ZoneId> parse(String tz, Instant now) {
    String s = tz.strip();
    Matcher m = SIMPLE.matcher(s);
    if (m.matches()) {
      int sign = m.group(2) != null && m.group(2).equals("-") ? 1 : -1; // POSIX is west-positive
      int h = Integer.parseInt(m.group(3));
      int min = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
      if (h > 24 || min > 59) {
        return Optional.empty();
      }
      int total = sign * (h * 3600 + min * 60);
      return Optional.of(total == 0 ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(total));
    }
    // No cache: the TZ string of a zone depends on `now` (its rules change over the years), and a
    // fake parses one only when a client sets the device's zone. First match in id order.
    for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
      ZoneId z = ZoneId.of(id);
      if (of(z, now).equals(s)) {
        return Optional.of(z);
      }
    }
    return Optional.empty();
  }

  private static final Pattern SIMPLE =
      Pattern.compile("([A-Za-z]{3,}|<[+-]?[0-9A-Za-z]+>)([+-])?(\\d{1,2})(?::(\\d{2}))?");

  static String of(ZoneId zone, Instant now) {
    ZoneRules rules = zone.getRules();
    ZoneOffset std = rules.getStandardOffset(now);
    StringBuilder sb = new StringBuilder();
    sb.append(name(zone, false, std)).append(offset(std));
    List<ZoneOffsetTransitionRule> tr = rules.getTransitionRules();
    if (tr.size() == 2) {
      ZoneOffsetTransitionRule start =
          tr.get(0).getOffsetAfter().getTotalSeconds()
                  > tr.get(0).getOffsetBefore().getTotalSeconds()
              ? tr.get(0)
              : tr.get(1);
      ZoneOffsetTransitionRule end = start == tr.get(0) ? tr.get(1) : tr.get(0);
      String s = rule(start, now);
      String e = rule(end, now);
      if (s != null && e != null) {
        ZoneOffset dst = start.getOffsetAfter();
        sb.append(name(zone, true, dst));
        if (dst.getTotalSeconds() - std.getTotalSeconds() != 3600) {
          sb.append(offset(dst));
        }
        sb.append(',').append(s).append(',').append(e);
      }
    }
    return sb.toString();
  }

  private static String name(ZoneId zone, boolean dst, ZoneOffset offset) {
    Instant jan = ZonedDateTime.of(2021, 1, 15, 12, 0, 0, 0, zone).toInstant();
    Instant jul = ZonedDateTime.of(2021, 7, 15, 12, 0, 0, 0, zone).toInstant();
    boolean janDst = zone.getRules().isDaylightSavings(jan);
    String n =
        DateTimeFormatter.ofPattern("zzz", Locale.ROOT)
            .withZone(zone)
            .format(dst == janDst ? jan : jul);
    if (n.length() >= 3 && n.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
      return n;
    }
    int t = offset.getTotalSeconds();
    return String.format(
        Locale.ROOT, "<%s%02d%02d>", t < 0 ? "-" : "+", Math.abs(t) / 3600, Math.abs(t) / 60 % 60);
  }

  /** POSIX offsets are west-positive: UTC+1 is {@code -1}. */
  private static String offset(ZoneOffset o) {
    int t = -o.getTotalSeconds();
    int a = Math.abs(t);
    String s = (t < 0 ? "-" : "") + (a / 3600);
    if (a % 3600 != 0) {
      s += String.format(Locale.ROOT, ":%02d", a / 60 % 60);
      if (a % 60 != 0) {
        s += String.format(Locale.ROOT, ":%02d", a % 60);
      }
    }
    return s;
  }

  private static String rule(ZoneOffsetTransitionRule r, Instant now) {
    if (r.getDayOfWeek() == null) {
      return null;
    }
    int dom = r.getDayOfMonthIndicator();
    int week;
    if (dom < 0) {
      if (dom != -1) {
        return null;
      }
      week = 5;
    } else if (dom + 6 == r.getMonth().maxLength() && r.getMonth() != java.time.Month.FEBRUARY) {
      week = 5; // "lastSun" is stored as "Sun>=25" for a 31-day month
    } else if ((dom - 1) % 7 == 0 && dom <= 22) {
      week = (dom - 1) / 7 + 1;
    } else {
      return null;
    }
    int year = ZonedDateTime.ofInstant(now, ZoneOffset.UTC).getYear();
    LocalTime before = r.createTransition(year).getDateTimeBefore().toLocalTime();
    String time =
        before.getMinute() == 0 && before.getSecond() == 0
            ? Integer.toString(before.getHour())
            : String.format(Locale.ROOT, "%d:%02d", before.getHour(), before.getMinute());
    int d = r.getDayOfWeek().getValue() % 7;
    return "M"
        + r.getMonth().getValue()
        + "."
        + week
        + "."
        + d
        + (time.equals("2") ? "" : "/" + time);
  }
}
