package io.nvrkit.core.internal.policy;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole-password blocklist: zxcvbn4j's bundled list of the 30,000 most common passwords plus a
 * small list of vendor defaults ({@link #VENDOR_DEFAULTS}), compared case-insensitively. Loaded
 * once, on first use, thread-safely (holder-class idiom), into a sorted array of lower-case words
 * that {@link #contains} binary-searches without allocating (Passay's dictionary search converted
 * both strings to code-point arrays on every comparison: about 4% of a fleet rotation's CPU).
 */
public final class Blocklist {
  private static final Logger LOG = LoggerFactory.getLogger(Blocklist.class);

  /** Where zxcvbn4j keeps its common-password list. */
  public static final String ZXCVBN_PASSWORDS =
      "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

  /**
   * Factory defaults and vendor words of recorders and cameras (public knowledge: vendor manuals
   * and the Mirai default-credential list). Compared as whole passwords, case-insensitively.
   */
  static final List<String> VENDOR_DEFAULTS =
      List.of(
          "12345",
          "123456",
          "1234567",
          "12345678",
          "123456789",
          "1234567890",
          "888888",
          "88888888",
          "666666",
          "66666666",
          "111111",
          "11111111",
          "000000",
          "00000000",
          "54321",
          "admin",
          "admin1",
          "admin123",
          "admin1234",
          "admin12345",
          "admin123456",
          "administrator",
          "password",
          "password1",
          "password123",
          "root",
          "default",
          "system",
          "support",
          "service",
          "supervisor",
          "guest",
          "user",
          "operator",
          "ubnt",
          "lorex",
          "lorex123",
          "lorex1234",
          "dahua",
          "dahua123",
          "hikvision",
          "hik12345",
          "hik123456",
          "amcrest",
          "swann",
          "uniview",
          "reolink",
          "annke",
          "night owl",
          "nightowl",
          "qsee",
          "onvif",
          "camera",
          "nvr",
          "dvr",
          "ipcam",
          "xmhdipc",
          "vizxv",
          "jvbzd",
          "xc3511",
          "7ujmko0admin",
          "7ujmko0vizxv",
          "hi3518",
          "klv123",
          "klv1234",
          "juantech",
          "meinsm",
          "anko",
          "realtek",
          "tlJwpbo6");

  private Blocklist() {}

  /**
   * Whether {@code candidate} is on the list (whole-word, case-insensitive).
   *
   * @param candidate the candidate; not retained
   * @return true if listed
   */
  public static boolean contains(char[] candidate) {
    List<String> words = Holder.WORDS;
    int lo = 0;
    int hi = words.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = compare(words.get(mid), candidate);
      if (cmp < 0) {
        lo = mid + 1;
      } else if (cmp > 0) {
        hi = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** Compares a lower-case word with a candidate, the candidate folded to lower case per char. */
  private static int compare(String word, char[] candidate) {
    int n = Math.min(word.length(), candidate.length);
    for (int i = 0; i < n; i++) {
      char a = word.charAt(i);
      char b = Character.toLowerCase(candidate[i]);
      if (a != b) {
        return a - b;
      }
    }
    return word.length() - candidate.length;
  }

  private static String lower(String word) {
    char[] c = word.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = Character.toLowerCase(c[i]);
    }
    return new String(c);
  }

  /**
   * The number of entries, for tests and diagnostics.
   *
   * @return the size
   */
  public static long size() {
    return Holder.WORDS.size();
  }

  private static final class Holder {
    /** Sorted, lower case, immutable (random access: the look-up is a binary search). */
    static final List<String> WORDS = load();

    private static List<String> load() {
      long start = System.nanoTime();
      List<String> words = new ArrayList<>(31_000);
      try (InputStream in = Zxcvbn.class.getResourceAsStream(ZXCVBN_PASSWORDS)) {
        if (in == null) {
          throw new IllegalStateException(
              "zxcvbn4j's common-password list is missing at " + ZXCVBN_PASSWORDS);
        }
        try (BufferedReader r =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            String w = line.strip();
            if (!w.isEmpty()) {
              words.add(lower(w));
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the common-password list", e);
      }
      for (String w : VENDOR_DEFAULTS) {
        words.add(lower(w));
      }
      List<String> sorted = words.stream().distinct().sorted().toList();
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "password blocklist loaded: {} entries in {} ms",
            sorted.size(),
            (System.nanoTime() - start) / 1_000_000);
      }
      return sorted;
    }
  }
}
