package io.nvrkit.core.internal.ledger;

import io.nvrkit.core.spi.LockoutLedger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger file's text form. One header line, then one line per account:
 *
 * <pre>
 * nvrkit-lockout-ledger 1
 * DEVICE USER BUDGET WINDOW_S CONFIGURED_MS SPENT LAST_FAILURE_MS LOCKED_UNTIL_MS LEASES_MS
 * </pre>
 *
 * <p>{@code DEVICE} ({@code host:port}) and {@code USER} are URL-encoded; {@code -} stands for "not
 * known"; {@code LEASES_MS} is a comma-separated list of reservation ends. Times are epoch
 * milliseconds. No secret is ever written. Parsing is strict and bounded: any line that is not
 * exactly this, a count or time out of range, or more than {@link #MAX_ENTRIES} lines, makes the
 * whole file invalid ({@link Invalid}); the ledger then starts empty rather than trust part of it.
 */
final class LedgerCodec {
  static final String HEADER = "nvrkit-lockout-ledger 1";

  /**
   * The most accounts kept; beyond it, entries that only remember a learned budget go first, then
   * those that lapse soonest. (Each operation rewrites the file: about 2 ms at this size.)
   */
  static final int MAX_ENTRIES = 512;

  /** The largest file read; a larger one is invalid. */
  static final int MAX_BYTES = 256 * 1024;

  private static final int MAX_KEY_CHARS = 300;

  /** Slack for times in the file beyond the longest lock (clocks of processes differ a little). */
  private static final Duration FUTURE_SLACK = Duration.ofHours(1);

  /** The file is not a ledger this code wrote. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String reason) {
      super(reason, null, false, false);
    }
  }

  private LedgerCodec() {}

  /** The map key of an account. */
  static String key(String deviceKey, String user) {
    return deviceKey + '\n' + user;
  }

  static String deviceOf(String key) {
    return key.substring(0, key.indexOf('\n'));
  }

  static Map<String, AccountState> parse(String text, Instant now) throws Invalid {
    Map<String, AccountState> out = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return out;
    }
    String[] lines = text.split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      throw new Invalid("it does not start with '" + HEADER + "'");
    }
    Instant latest = now.plus(LockoutLedger.MAX_LOCK).plus(FUTURE_SLACK);
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) {
        break;
      }
      if (out.size() >= MAX_ENTRIES) {
        throw new Invalid("it has more than " + MAX_ENTRIES + " entries");
      }
      String[] f = line.split(" ", -1);
      if (f.length != 9) {
        throw new Invalid("line " + (i + 1) + " does not have 9 fields");
      }
      try {
        String device = decode(f[0]);
        String user = decode(f[1]);
        AccountState s = new AccountState();
        if (!f[2].equals("-")) {
          s.configured = true;
          s.budget = (int) range(f[2], 0, LockoutLedger.MAX_DEVICE_BUDGET);
        }
        if (!f[3].equals("-")) {
          long sec =
              range(f[3], LockoutLedger.MIN_WINDOW.toSeconds(), LockoutLedger.MAX_LOCK.toSeconds());
          s.window = Duration.ofSeconds(sec);
        }
        s.configuredAt = instant(f[4], latest);
        if (s.configured != (s.configuredAt != null)) {
          throw new Invalid("line " + (i + 1) + " has a budget without a time, or a time without");
        }
        s.spent = (int) range(f[5], 0, AccountState.MAX_SPENT);
        s.lastFailure = instant(f[6], latest);
        s.lockedUntil = instant(f[7], latest);
        if (!f[8].equals("-")) {
          String[] leases = f[8].split(",", -1);
          if (leases.length > AccountState.MAX_PENDING) {
            throw new Invalid("line " + (i + 1) + " has too many reservations");
          }
          for (String l : leases) {
            s.pending.add(instant(l, now.plus(AccountState.RESERVATION_LEASE).plus(FUTURE_SLACK)));
          }
          s.pending.sort(Comparator.naturalOrder());
        }
        if (s.spent > 0 && s.lastFailure == null) {
          throw new Invalid("line " + (i + 1) + " counts failures without a time");
        }
        if (out.put(key(device, user), s) != null) {
          throw new Invalid("line " + (i + 1) + " repeats an account");
        }
      } catch (IllegalArgumentException e) {
        throw new Invalid("line " + (i + 1) + " is malformed");
      }
    }
    return out;
  }

  private static String decode(String field) {
    if (field.isEmpty() || field.length() > 3 * MAX_KEY_CHARS || field.equals("-")) {
      throw new IllegalArgumentException("bad key");
    }
    String s = URLDecoder.decode(field, StandardCharsets.UTF_8);
    if (s.length() > MAX_KEY_CHARS || s.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("bad key");
    }
    return s;
  }

  private static long range(String field, long min, long max) {
    if (field.isEmpty() || field.length() > 19 || !field.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("not a number");
    }
    long v = Long.parseLong(field);
    if (v < min || v > max) {
      throw new IllegalArgumentException("out of range");
    }
    return v;
  }

  private static Instant instant(String field, Instant latest) {
    if (field.equals("-")) {
      return null;
    }
    long ms = range(field, 0, latest.toEpochMilli());
    return Instant.ofEpochMilli(ms);
  }

  /**
   * The file text for {@code states}: lapsed and clean states are left out, and at most {@link
   * #MAX_ENTRIES} are kept (those that matter longest).
   */
  static String format(Map<String, AccountState> states, Instant now) {
    List<Map.Entry<String, AccountState>> kept = new ArrayList<>();
    for (Map.Entry<String, AccountState> e : states.entrySet()) {
      e.getValue().expire(now);
      if (!e.getValue().isClean(now)) {
        kept.add(e);
      }
    }
    if (kept.size() > MAX_ENTRIES) {
      kept.sort(
          Comparator.comparing((Map.Entry<String, AccountState> e) -> !e.getValue().counts())
              .thenComparing(
                  Comparator.comparing(
                          (Map.Entry<String, AccountState> e) -> e.getValue().expiresAt())
                      .reversed()));
      kept = kept.subList(0, MAX_ENTRIES);
    }
    kept.sort(Map.Entry.comparingByKey());
    StringBuilder sb = new StringBuilder(64 + kept.size() * 80);
    sb.append(HEADER).append('\n');
    for (Map.Entry<String, AccountState> e : kept) {
      String k = e.getKey();
      int nl = k.indexOf('\n');
      AccountState s = e.getValue();
      sb.append(encode(k.substring(0, nl)))
          .append(' ')
          .append(encode(k.substring(nl + 1)))
          .append(' ')
          .append(s.configured ? Integer.toString(s.budget) : "-")
          .append(' ')
          .append(s.window == null ? "-" : Long.toString(s.window.toSeconds()))
          .append(' ')
          .append(millis(s.configuredAt))
          .append(' ')
          .append(s.spent)
          .append(' ')
          .append(millis(s.lastFailure))
          .append(' ')
          .append(millis(s.lockedUntil))
          .append(' ');
      if (s.pending.isEmpty()) {
        sb.append('-');
      } else {
        for (int i = 0; i < s.pending.size(); i++) {
          sb.append(i == 0 ? "" : ",").append(s.pending.get(i).toEpochMilli());
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String millis(Instant t) {
    return t == null ? "-" : Long.toString(Math.max(0, t.toEpochMilli()));
  }

  private static String encode(String s) {
    String e = URLEncoder.encode(s, StandardCharsets.UTF_8);
    return e.isEmpty() ? "%00" : e;
  }
}
