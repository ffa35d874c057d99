package io.nvrkit.core.internal.policy;

import io.nvrkit.core.PersonalInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds personal information in a password: the "nothing personal" rule.
 *
 * <p>What is searched, case-insensitively (code point by code point, locale-independent):
 *
 * <ul>
 *   <li>names: each name as given without separators ({@code "Jane Doe"} → {@code janedoe}) and
 *       each part of at least 3 letters ({@code jane}, {@code doe});
 *   <li>the user name, whole and its parts of at least 3 characters;
 *   <li>the phone: the last 4 digits, every run of 6 consecutive digits, and every group of 4 or
 *       more digits as written ({@code 0412 345 678} → {@code 0412});
 *   <li>birth dates: {@code 1990-04-17}, {@code 17-04-1990}, {@code 04-17-1990} (with {@code -},
 *       {@code .}, {@code /} or no separator), {@code 170490}, {@code 041790}, {@code 900417},
 *       {@code 0417}, {@code 1704} and the year {@code 1990}. The two-digit year alone ({@code 90})
 *       is deliberately not searched: any two digits would match one in a hundred passwords;
 *   <li>serial, device ID, model and other context words of at least 3 characters, as given and
 *       with separators removed ({@code DS-7608NI} → {@code ds7608ni}).
 * </ul>
 *
 * <p>Each is also searched reversed, and with common substitutions undone: the password and the
 * word are both mapped by 0→o, 1→i (and, separately, 1→l), 3→e, 4→a, @→a, 5→s, $→s, 7→t before
 * comparing. A match reports the kind of information ("a name"), never the matched text.
 */
final class PersonalMatcher {
  /** What kind of personal information matched; the label is safe to show. */
  enum Kind {
    NAME("a name"),
    USER_NAME("the user name"),
    PHONE("the phone number"),
    BIRTH_DATE("a birth date"),
    SERIAL("the device serial number"),
    DEVICE_ID("the device ID"),
    MODEL("the device model"),
    OTHER("a context word");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** How it matched. */
  enum Mode {
    PLAIN(""),
    REVERSED(" written backwards"),
    SUBSTITUTED(" with characters substituted (such as 0 for o)"),
    SUBSTITUTED_REVERSED(" written backwards with characters substituted");

    final String suffix;

    Mode(String suffix) {
      this.suffix = suffix;
    }
  }

  /** One finding: a kind and how it was found. */
  record Finding(Kind kind, Mode mode) {}

  private static final int MIN_WORD = 3;
  private static final int MIN_DIGITS = 4;
  private static final int PHONE_WINDOW = 6;

  private PersonalMatcher() {}

  /**
   * The words to search for, per kind, lower-cased, as code points.
   *
   * @param p the personal information
   * @return the needles per kind
   */
  static Map<Kind, List<int[]>> needles(PersonalInfo p) {
    Map<Kind, Set<String>> words = new EnumMap<>(Kind.class);
    for (String name : p.names()) {
      addWordAndParts(words, Kind.NAME, name, true);
    }
    if (p.userName() != null) {
      addWordAndParts(words, Kind.USER_NAME, p.userName(), false);
    }
    if (p.phone() != null) {
      addPhone(words, p.phone());
    }
    for (LocalDate d : p.birthDates()) {
      addDate(words, d);
    }
    addDeviceWord(words, Kind.SERIAL, p.serial());
    addDeviceWord(words, Kind.DEVICE_ID, p.deviceId());
    addDeviceWord(words, Kind.MODEL, p.model());
    for (String w : p.otherWords()) {
      addDeviceWord(words, Kind.OTHER, w);
    }
    Map<Kind, List<int[]>> out = new EnumMap<>(Kind.class);
    words.forEach(
        (kind, set) -> {
          List<int[]> l = new ArrayList<>(set.size());
          for (String s : set) {
            l.add(lower(s.codePoints().toArray()));
          }
          out.put(kind, l);
        });
    return out;
  }

  /**
   * The plain-text words zxcvbn should treat as guessable (its {@code sanitizedInputs}).
   *
   * @param p the personal information
   * @return the words
   */
  static List<String> words(PersonalInfo p) {
    List<String> out = new ArrayList<>();
    for (List<int[]> l : needles(p).values()) {
      for (int[] w : l) {
        out.add(new String(w, 0, w.length));
      }
    }
    return out;
  }

  /**
   * Searches {@code password} (code points, any case) for every needle.
   *
   * @param password the password's code points; not modified
   * @param needles from {@link #needles(PersonalInfo)}
   * @return one finding per kind found, in kind order
   */
  static List<Finding> find(int[] password, Map<Kind, List<int[]>> needles) {
    List<Finding> out = new ArrayList<>();
    if (needles.isEmpty()) {
      return out;
    }
    int[] plain = lower(password.clone());
    int[] reversed = reverse(plain.clone());
    int[] subI = substitute(plain.clone(), 'i');
    int[] subL = substitute(plain.clone(), 'l');
    int[] subIrev = reverse(subI.clone());
    int[] subLrev = reverse(subL.clone());
    try {
      for (Map.Entry<Kind, List<int[]>> e : needles.entrySet()) {
        Mode found = null;
        for (int[] n : e.getValue()) {
          Mode m = null;
          if (indexOf(plain, n) >= 0) {
            m = Mode.PLAIN;
          } else if (indexOf(reversed, n) >= 0) {
            m = Mode.REVERSED;
          } else {
            int[] nI = substitute(n.clone(), 'i');
            int[] nL = substitute(n.clone(), 'l');
            if (indexOf(subI, nI) >= 0 || indexOf(subL, nL) >= 0) {
              m = Mode.SUBSTITUTED;
            } else if (indexOf(subIrev, nI) >= 0 || indexOf(subLrev, nL) >= 0) {
              m = Mode.SUBSTITUTED_REVERSED;
            }
          }
          if (m != null && (found == null || m.ordinal() < found.ordinal())) {
            found = m;
          }
          if (found == Mode.PLAIN) {
            break;
          }
        }
        if (found != null) {
          out.add(new Finding(e.getKey(), found));
        }
      }
      return out;
    } finally {
      wipe(plain, reversed, subI, subL, subIrev, subLrev);
    }
  }

  static int[] lower(int[] cps) {
    for (int i = 0; i < cps.length; i++) {
      cps[i] = Character.toLowerCase(Character.toUpperCase(cps[i]));
    }
    return cps;
  }

  static int[] reverse(int[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /**
   * Undoes common substitutions in place on lower-cased code points: 0→o, 1→{@code one}, 3→e,
   * 4/@→a, 5/$→s, 7→t.
   */
  static int[] substitute(int[] a, char one) {
    for (int i = 0; i < a.length; i++) {
      a[i] =
          switch (a[i]) {
            case '0' -> 'o';
            case '1' -> one;
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> a[i];
          };
    }
    return a;
  }

  static int indexOf(int[] hay, int[] needle) {
    if (needle.length == 0 || needle.length > hay.length) {
      return -1;
    }
    outer:
    for (int i = 0; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static void wipe(int[]... arrays) {
    for (int[] a : arrays) {
      java.util.Arrays.fill(a, 0);
    }
  }

  private static void add(Map<Kind, Set<String>> words, Kind kind, String w, int min) {
    String l = w.toLowerCase(Locale.ROOT);
    if (l.codePointCount(0, l.length()) >= min) {
      words.computeIfAbsent(kind, k -> new LinkedHashSet<>()).add(l);
    }
  }

  private static void addWordAndParts(
      Map<Kind, Set<String>> words, Kind kind, String value, boolean lettersOnly) {
    String v = value.strip();
    add(words, kind, v.replaceAll("\\s+", ""), MIN_WORD);
    String joined = v.replaceAll(lettersOnly ? "[^\\p{L}]+" : "[^\\p{L}\\p{N}]+", "");
    add(words, kind, joined, MIN_WORD);
    for (String part : v.split(lettersOnly ? "[^\\p{L}]+" : "[^\\p{L}\\p{N}]+")) {
      add(words, kind, part, MIN_WORD);
    }
  }

  private static void addDeviceWord(Map<Kind, Set<String>> words, Kind kind, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    String v = value.strip();
    add(words, kind, v, MIN_WORD);
    add(words, kind, v.replaceAll("[^\\p{L}\\p{N}]+", ""), MIN_WORD);
  }

  private static void addPhone(Map<Kind, Set<String>> words, String phone) {
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() >= MIN_DIGITS) {
      add(words, Kind.PHONE, digits.substring(digits.length() - MIN_DIGITS), MIN_DIGITS);
    }
    for (int i = 0; i + PHONE_WINDOW <= digits.length(); i++) {
      add(words, Kind.PHONE, digits.substring(i, i + PHONE_WINDOW), PHONE_WINDOW);
    }
    for (String group : phone.split("[^0-9]+")) {
      add(words, Kind.PHONE, group, MIN_DIGITS);
    }
  }

  private static void addDate(Map<Kind, Set<String>> words, LocalDate d) {
    String y = String.format(Locale.ROOT, "%04d", d.getYear());
    String yy = y.substring(y.length() - 2);
    String m = String.format(Locale.ROOT, "%02d", d.getMonthValue());
    String dd = String.format(Locale.ROOT, "%02d", d.getDayOfMonth());
    for (String sep : new String[] {"", "-", ".", "/"}) {
      add(words, Kind.BIRTH_DATE, y + sep + m + sep + dd, MIN_DIGITS);
      add(words, Kind.BIRTH_DATE, dd + sep + m + sep + y, MIN_DIGITS);
      add(words, Kind.BIRTH_DATE, m + sep + dd + sep + y, MIN_DIGITS);
    }
    add(words, Kind.BIRTH_DATE, dd + m + yy, MIN_DIGITS);
    add(words, Kind.BIRTH_DATE, m + dd + yy, MIN_DIGITS);
    add(words, Kind.BIRTH_DATE, yy + m + dd, MIN_DIGITS);
    add(words, Kind.BIRTH_DATE, m + dd, MIN_DIGITS);
    add(words, Kind.BIRTH_DATE, dd + m, MIN_DIGITS);
    add(words, Kind.BIRTH_DATE, y, MIN_DIGITS);
  }
}
