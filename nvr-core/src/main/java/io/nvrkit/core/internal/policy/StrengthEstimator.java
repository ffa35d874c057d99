package io.nvrkit.core.internal.policy;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * zxcvbn4j strength estimation. One shared {@link Zxcvbn} (its dictionaries are loaded once, on
 * first use; {@code measure} keeps no state between calls).
 *
 * <p>zxcvbn's cost grows faster than linearly with length, so only the first {@value #MAX_MEASURED}
 * code points are measured; a longer password is at least as strong as its prefix. The policy's
 * length rules still see the whole password (nothing is ever truncated for checking).
 */
final class StrengthEstimator {
  static final int MAX_MEASURED = 128;

  /** The estimate: score 0..4 and English advice (never containing the password). */
  record Estimate(int score, List<String> advice) {}

  private StrengthEstimator() {}

  static Estimate estimate(char[] password, List<String> personalWords) {
    int end = password.length;
    if (Character.codePointCount(password, 0, password.length) > MAX_MEASURED) {
      end = Character.offsetByCodePoints(password, 0, password.length, 0, MAX_MEASURED);
    }
    Strength s = Holder.ZXCVBN.measure(CharBuffer.wrap(password, 0, end), personalWords);
    try {
      Feedback f = s.getFeedback();
      List<String> advice = new ArrayList<>();
      String warning = f.getWarning(Locale.ENGLISH);
      if (warning != null && !warning.isBlank()) {
        advice.add(warning);
      }
      for (String sug : f.getSuggestions(Locale.ENGLISH)) {
        if (sug != null && !sug.isBlank() && !advice.contains(sug)) {
          advice.add(sug);
        }
      }
      return new Estimate(s.getScore(), advice);
    } finally {
      s.wipe();
    }
  }

  private static final class Holder {
    static final Zxcvbn ZXCVBN = new Zxcvbn();
  }
}
