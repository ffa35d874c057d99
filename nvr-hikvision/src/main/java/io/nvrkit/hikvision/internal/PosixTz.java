package io.nvrkit.hikvision.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneOffsetTransitionRule.TimeDefinition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The POSIX-style {@code timeZone} of {@code /ISAPI/System/time} (research note §1.3): {@code
 * CST-8:00:00} is UTC<b>+</b>8 (the sign is inverted), and {@code
 * CST+5:00:00DST01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00} is UTC−5 with a DST that moves the clock
 * by the amount after {@code DST} (Hikvision's form; POSIX proper would give the DST offset there),
 * from the second Sunday of March 02:00 to the first Sunday of November 02:00. Week 5 means the
 * last such weekday; {@code 24:00:00} is the end of the day; the start month may come after the end
 * month (southern hemisphere). The letters are ignored ({@code CST} whatever the zone). Immutable.
 *
 * @param standardOffset the standard offset from UTC
 * @param dstSaving how far DST moves the clock, or zero without DST
 * @param rules the start and end transitions, empty without DST
 */
public record PosixTz(
    ZoneOffset standardOffset, Duration dstSaving, List<ZoneOffsetTransitionRule> rules) {

  private static final Pattern TZ =
      Pattern.compile(
          "([A-Za-z]{3,10}|<[A-Za-z0-9+-]{1,10}>)?([+-]?\\d{1,2}(?::\\d{1,2}(?::\\d{1,2})?)?)"
              + "(?:([A-Za-z]{3,10}|<[A-Za-z0-9+-]{1,10}>)([+-]?\\d{1,2}(?::\\d{1,2}(?::\\d{1,2})?)?)?"
              + ",(M\\d{1,2}\\.\\d\\.\\d(?:/\\d{1,2}(?::\\d{1,2}(?::\\d{1,2})?)?)?)"
              + ",(M\\d{1,2}\\.\\d\\.\\d(?:/\\d{1,2}(?::\\d{1,2}(?::\\d{1,2})?)?)?))?");
  private static final Pattern RULE =
      Pattern.compile(
          "M(\\d{1,2})\\.(\\d)\\.(\\d)(?:/(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2}))?)?)?");

  /** Checks and copies the components. */
  public PosixTz {
    rules = List.copyOf(rules);
  }

  /**
   * Parses the device's zone.
   *
   * @param text e.g. {@code CST-8:00:00}
   * @return the zone
   * @throws IllegalArgumentException if it is not of the documented form
   */
  public static PosixTz parse(String text) {
    String s = text == null ? "" : text.strip();
    Matcher m = TZ.matcher(s);
    if (s.length() > 80 || !m.matches()) {
      throw new IllegalArgumentException("not a POSIX time zone");
    }
    int stdSeconds = -seconds(m.group(2), 14 * 3600);
    ZoneOffset std = ZoneOffset.ofTotalSeconds(stdSeconds);
    if (m.group(3) == null) {
      return new PosixTz(std, Duration.ZERO, List.of());
    }
    int save = m.group(4) == null ? 3600 : Math.abs(seconds(m.group(4), 3 * 3600));
    if (save == 0) {
      throw new IllegalArgumentException("DST without a saving");
    }
    ZoneOffset dst = ZoneOffset.ofTotalSeconds(stdSeconds + save);
    List<ZoneOffsetTransitionRule> rules = new ArrayList<>();
    rules.add(rule(m.group(5), std, std, dst));
    rules.add(rule(m.group(6), std, dst, std));
    rules.sort(Comparator.comparing(ZoneOffsetTransitionRule::getMonth));
    return new PosixTz(std, Duration.ofSeconds(save), rules);
  }

  private static ZoneOffsetTransitionRule rule(
      String text, ZoneOffset std, ZoneOffset before, ZoneOffset after) {
    Matcher m = RULE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("bad DST rule");
    }
    int month = Integer.parseInt(m.group(1));
    int week = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (month < 1 || month > 12 || week < 1 || week > 5 || day > 6) {
      throw new IllegalArgumentException("bad DST rule");
    }
    int h = m.group(4) == null ? 2 : Integer.parseInt(m.group(4));
    int min = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int sec = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    if (h > 24 || min > 59 || sec > 59 || (h == 24 && (min > 0 || sec > 0))) {
      throw new IllegalArgumentException("bad DST rule time");
    }
    boolean endOfDay = h == 24;
    LocalTime time = endOfDay ? LocalTime.MIDNIGHT : LocalTime.of(h, min, sec);
    // POSIX weekday 0 = Sunday; java.time: MONDAY = 1 ... SUNDAY = 7
    DayOfWeek dow = DayOfWeek.of(day == 0 ? 7 : day);
    int indicator = week == 5 ? -1 : 1 + 7 * (week - 1);
    return ZoneOffsetTransitionRule.of(
        Month.of(month), indicator, dow, time, endOfDay, TimeDefinition.WALL, std, before, after);
  }

  private static int seconds(String hms, int max) {
    String t = hms.strip();
    int sign = 1;
    if (t.startsWith("-")) {
      sign = -1;
      t = t.substring(1);
    } else if (t.startsWith("+")) {
      t = t.substring(1);
    }
    String[] p = t.split(":");
    int h = Integer.parseInt(p[0]);
    int m = p.length > 1 ? Integer.parseInt(p[1]) : 0;
    int s = p.length > 2 ? Integer.parseInt(p[2]) : 0;
    if (m > 59 || s > 59) {
      throw new IllegalArgumentException("bad offset");
    }
    int total = h * 3600 + m * 60 + s;
    if (total > max) {
      throw new IllegalArgumentException("offset out of range");
    }
    return sign * total;
  }

  /**
   * Whether the zone has DST rules.
   *
   * @return true with DST
   */
  public boolean hasDst() {
    return !rules.isEmpty();
  }

  /**
   * The offset in force at an instant.
   *
   * @param instant the instant
   * @return the offset
   */
  public ZoneOffset offsetAt(Instant instant) {
    if (rules.isEmpty()) {
      return standardOffset;
    }
    int year = LocalDateTime.ofInstant(instant, standardOffset).getYear();
    ZoneOffset current = null;
    for (int y = year - 1; y <= year; y++) {
      for (ZoneOffsetTransitionRule r : rules) {
        ZoneOffsetTransition t = r.createTransition(y);
        if (!t.getInstant().isAfter(instant)) {
          current = t.getOffsetAfter();
        }
      }
    }
    return current == null ? standardOffset : current;
  }

  /**
   * The date-time the device shows at an instant.
   *
   * @param instant the instant
   * @return the local date-time
   */
  public LocalDateTime displayed(Instant instant) {
    return LocalDateTime.ofInstant(instant, offsetAt(instant));
  }
}
