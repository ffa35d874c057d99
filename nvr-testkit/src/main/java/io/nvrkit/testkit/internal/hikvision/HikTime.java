package io.nvrkit.testkit.internal.hikvision;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * The {@code timeZone} of {@code /ISAPI/System/time}: a POSIX string whose letters are always
 * {@code CST} and whose sign is inverted ({@code CST-8:00:00} is UTC+8), optionally followed by
 * {@code DST<amount>,M<m>.<w>.<d>/<hh:mm:ss>,M<m>.<w>.<d>/<hh:mm:ss>}.
 */
final class HikTime {
  static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);

  private static final Pattern FORM =
      Pattern.compile("[A-Za-z]{3,}([+-]?)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?(DST.*)?");

  private HikTime() {}

  /** The POSIX string for {@code zone} as the device writes it. */
  static String posix(ZoneId zone, Instant now) {
    ZoneRules r = zone.getRules();
    ZoneOffset std = r.getStandardOffset(now);
    StringBuilder sb = new StringBuilder("CST").append(offset(-std.getTotalSeconds(), true));
    List<ZoneOffsetTransitionRule> rules = r.getTransitionRules();
    if (rules.size() == 2) {
      ZoneOffsetTransitionRule start = rules.get(0);
      ZoneOffsetTransitionRule end = rules.get(1);
      if (start.getOffsetAfter().getTotalSeconds() < end.getOffsetAfter().getTotalSeconds()) {
        ZoneOffsetTransitionRule t = start;
        start = end;
        end = t;
      }
      String a = rule(start);
      String b = rule(end);
      if (a != null && b != null) {
        int amount =
            start.getOffsetAfter().getTotalSeconds() - start.getOffsetBefore().getTotalSeconds();
        sb.append("DST").append(offset(amount, false)).append(',').append(a);
        sb.append(',').append(b);
      }
    }
    return sb.toString();
  }

  private static String rule(ZoneOffsetTransitionRule t) {
    DayOfWeek dow = t.getDayOfWeek();
    if (dow == null) {
      return null;
    }
    int dom = t.getDayOfMonthIndicator();
    int week;
    if (dom < 0 || dom + 6 >= t.getMonth().minLength()) {
      week = 5; // "last": Java writes the EU's last Sunday as "Sunday on or after the 25th"
    } else if ((dom - 1) % 7 == 0) {
      week = (dom - 1) / 7 + 1;
    } else {
      return null;
    }
    int secs = t.isMidnightEndOfDay() ? 86_400 : t.getLocalTime().toSecondOfDay();
    switch (t.getTimeDefinition()) {
      case UTC -> secs += t.getOffsetBefore().getTotalSeconds();
      case STANDARD ->
          secs += t.getOffsetBefore().getTotalSeconds() - t.getStandardOffset().getTotalSeconds();
      default -> {}
    }
    if (secs < 0 || secs > 86_400) {
      return null;
    }
    return "M"
        + t.getMonth().getValue()
        + "."
        + week
        + "."
        + (dow.getValue() % 7)
        + "/"
        + String.format(Locale.ROOT, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
  }

  /** {@code [-]h:mm:ss} (with {@code +} omitted) or {@code hh:mm:ss} for the DST amount. */
  private static String offset(int seconds, boolean signed) {
    int a = Math.abs(seconds);
    String body =
        String.format(
            Locale.ROOT, signed ? "%d:%02d:%02d" : "%02d:%02d:%02d", a / 3600, a / 60 % 60, a % 60);
    return signed ? (seconds < 0 ? "-" : "+") + body : body;
  }

  /**
   * The zone a device {@code timeZone} stands for: a zone whose string this class writes exactly
   * so, else the fixed standard offset.
   */
  static Optional<ZoneId> parse(String tz, Instant now) {
    String s = tz.strip();
    Matcher m = FORM.matcher(s);
    if (!m.matches()) {
      return Optional.empty();
    }
    int h = Integer.parseInt(m.group(2));
    int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    int sec = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    if (h > 14 || min > 59 || sec > 59) {
      return Optional.empty();
    }
    int total = (m.group(1).equals("-") ? 1 : -1) * (h * 3600 + min * 60 + sec);
    if (m.group(5) != null) {
      for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
        ZoneId z = ZoneId.of(id);
        if (posix(z, now).equals(s)) {
          return Optional.of(z);
        }
      }
    }
    return Optional.of(ZoneOffset.ofTotalSeconds(total));
  }
}
