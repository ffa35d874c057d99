package io.nvrkit.core.internal.policy;

import com.nulabinc.zxcvbn.Zxcvbn;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole-password blocklist: zxcvbn4j's bundled list of the 30,000 most common passwords plus a
 * small list of vendor defaults ({@link #VENDOR_DEFAULTS}), as a case-insensitive Passay
 * dictionary. Loaded once, on first use, thread-safely (holder-class idiom).
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
    return Holder.DICTIONARY.search(CharBuffer.wrap(candidate));
  }

  /**
   * The number of entries, for tests and diagnostics.
   *
   * @return the size
   */
  public static long size() {
    return Holder.DICTIONARY.size();
  }

  private static final class Holder {
    static final WordListDictionary DICTIONARY = load();

    private static WordListDictionary load() {
      long start = System.nanoTime();
      List<String> words = new ArrayList<>(31_000);
      try (InputStream in = Zxcvbn.class.getResourceAsStream(ZXCVBN_PASSWORDS)) {
        if (in == null) {
          throw new IllegalStateException(
              "zxcvbn4j's common-password list is missing at " + ZXCVBN_PASSWORDS);
        }
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
          org.passay.dictionary.WordLists.readWords(r, words);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the common-password list", e);
      }
      for (String w : VENDOR_DEFAULTS) {
        words.add(w.toLowerCase(Locale.ROOT));
      }
      // ArrayWordList needs sorted input: let Passay sort it with its case-insensitive order.
      ArrayWordList list = new ArrayWordList(words.toArray(new String[0]), false, new ArraysSort());
      WordListDictionary d = new WordListDictionary(list);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "password blocklist loaded: {} entries in {} ms",
            d.size(),
            (System.nanoTime() - start) / 1_000_000);
      }
      return d;
    }
  }
}
