package io.nvrkit.core.internal.policy;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.core.policy.ViolationCode;
import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.passay.DefaultPasswordValidator;
import org.passay.PasswordData;
import org.passay.RuleResultDetail;
import org.passay.UnicodeString;
import org.passay.ValidationResult;
import org.passay.rule.IllegalCharacterRule;
import org.passay.rule.LengthRule;
import org.passay.rule.Rule;
import org.passay.rule.WhitespaceRule;

/**
 * Evaluates a {@link PasswordPolicy}: Passay rules for length (in code points), forbidden
 * characters and whitespace; the whole-password {@link Blocklist}; the {@linkplain PersonalMatcher
 * nothing-personal rule}; character classes; and zxcvbn4j for the strength score.
 *
 * <p>Character classes are Unicode-aware and match the generator: upper case ({@link
 * Character#isUpperCase(int)}), lower case, digit ({@link Character#isDigit(int)}), and symbol (any
 * other code point that is not a letter, digit, whitespace or control character).
 *
 * <p>The blocklist is consulted with the whole password, the password with the common substitutions
 * undone (0→o, 1→i or l, 3→e, 4/@→a, 5/$→s, 7→t), and its base word: the password without its
 * leading and trailing digits and symbols, when that leaves at least 4 characters (so {@code
 * Password123!} is {@code password} plus decoration). All comparisons ignore case.
 *
 * <p>The strength score (zxcvbn, 0..4) and zxcvbn's advice are computed only when the policy has a
 * {@linkplain PasswordPolicy#minStrengthScore() minimum score}; otherwise the report has no score,
 * which keeps generation and plain device-limit checks cheap (a zxcvbn estimate costs about 1 ms).
 *
 * <p>The password is read from a private copy that is wiped before returning; no String of it is
 * made here, and Passay's {@code PasswordData} (whose {@code toString()} prints the password) is
 * cleared and never logged. Messages name the rule and, for personal information, only the kind of
 * information matched.
 */
public final class PolicyChecker {
  private static final int MIN_BASE_WORD = 4;

  private PolicyChecker() {}

  /**
   * Checks a password.
   *
   * @param policy the policy
   * @param password the password; not modified
   * @param personal personal info
   * @return the report
   * @throws IllegalStateException if the secret has been destroyed
   */
  public static PolicyReport check(PasswordPolicy policy, Secret password, PersonalInfo personal) {
    return check(policy, password, personal, Double.NaN);
  }

  /**
   * The zxcvbn score a uniformly random draw of {@code entropyBits} bits earns: zxcvbn's score
   * thresholds are 10^3, 10^6, 10^8 and 10^10 guesses, and an attacker who knows how the password
   * was drawn needs 2^(bits - 1) guesses on average.
   *
   * @param entropyBits the generator's entropy
   * @return the score 0..4
   */
  static int scoreOfEntropy(double entropyBits) {
    double log10Guesses = (entropyBits - 1) * Math.log10(2);
    if (log10Guesses >= 10) {
      return 4;
    }
    if (log10Guesses >= 8) {
      return 3;
    }
    if (log10Guesses >= 6) {
      return 2;
    }
    return log10Guesses >= 3 ? 1 : 0;
  }

  /**
   * Checks a password whose generator's entropy is known: when that entropy alone earns the
   * policy's minimum strength score, no zxcvbn estimate is made and the report's score is the one
   * the entropy earns (no advice).
   *
   * @param policy the policy
   * @param password the password; not modified
   * @param personal personal info
   * @param entropyBits the entropy of the draw that produced the password, NaN if unknown
   * @return the report
   * @throws IllegalStateException if the secret has been destroyed
   */
  public static PolicyReport check(
      PasswordPolicy policy, Secret password, PersonalInfo personal, double entropyBits) {
    char[] chars = password.copyChars();
    int[] cps = null;
    PasswordData data = null;
    try {
      List<PolicyViolation> out = new ArrayList<>();
      data = new PasswordData(new UnicodeString(CharBuffer.wrap(chars)));
      passay(policy, data, out);
      cps = CharBuffer.wrap(chars).codePoints().toArray();
      classes(policy, cps, out);
      if (policy.printableAsciiOnly()) {
        asciiOnly(cps, out);
      }
      if (policy.rejectsPersonalInfo()) {
        personal(personal, cps, out);
      }
      if (policy.usesBlocklist()) {
        blocklist(cps, out);
      }
      int score = -1;
      List<String> suggestions = new ArrayList<>();
      int fromEntropy = Double.isNaN(entropyBits) ? -1 : scoreOfEntropy(entropyBits);
      if (policy.minStrengthScore().isPresent()
          && fromEntropy >= policy.minStrengthScore().getAsInt()) {
        // a random draw of known entropy: zxcvbn would only rediscover it (about 0.7 ms)
        score = fromEntropy;
      } else if (policy.minStrengthScore().isPresent()) {
        StrengthEstimator.Estimate e =
            StrengthEstimator.estimate(chars, PersonalMatcher.words(personal));
        score = e.score();
        suggestions.addAll(e.advice());
        int min = policy.minStrengthScore().getAsInt();
        if (score < min) {
          out.add(
              v(
                  ViolationCode.TOO_WEAK,
                  "is too easy to guess: strength "
                      + score
                      + " of 4, at least "
                      + min
                      + " required"));
        }
      }
      if (out.stream().anyMatch(x -> x.code() == ViolationCode.BLOCKLISTED)) {
        suggestions.add(
            "Avoid common and default passwords, even with digits, symbols or substitutions"
                + " added; a few uncommon words together are stronger.");
      }
      out.sort(Comparator.comparing(PolicyViolation::code));
      return new PolicyReport(policy.name(), out, score, suggestions);
    } finally {
      Arrays.fill(chars, '\0');
      if (cps != null) {
        Arrays.fill(cps, 0);
      }
      if (data != null) {
        data.clear();
      }
    }
  }

  private static void passay(PasswordPolicy policy, PasswordData data, List<PolicyViolation> out) {
    List<Rule> rules = new ArrayList<>();
    if (policy.minLength() > 0 || policy.maxLength() < Integer.MAX_VALUE) {
      rules.add(new LengthRule(policy.minLength(), policy.maxLength()));
    }
    if (!policy.forbiddenCharacters().isEmpty()) {
      rules.add(new IllegalCharacterRule(new UnicodeString(policy.forbiddenCharacters()), false));
    }
    if (policy.printableAsciiOnly()) {
      rules.add(new WhitespaceRule());
    }
    if (rules.isEmpty()) {
      return;
    }
    ValidationResult r =
        new DefaultPasswordValidator(
                DefaultPasswordValidator.NULL_MESSAGE_RESOLVER,
                DefaultPasswordValidator.NO_ENTROPY_PROVIDER,
                rules)
            .validate(data);
    for (RuleResultDetail d : r.getDetails()) {
      String code = d.getErrorCode();
      if (LengthRule.ERROR_CODE_MIN.equals(code)) {
        out.add(
            v(
                ViolationCode.TOO_SHORT,
                "must be at least " + policy.minLength() + " characters long"));
      } else if (LengthRule.ERROR_CODE_MAX.equals(code)) {
        out.add(
            v(
                ViolationCode.TOO_LONG,
                "must be at most "
                    + policy.maxLength()
                    + " characters long (a longer password is refused, never truncated)"));
      } else if (IllegalCharacterRule.ERROR_CODE.equals(code)) {
        out.add(
            v(
                ViolationCode.FORBIDDEN_CHARACTER,
                "must not contain any of these characters: "
                    + spaced(policy.forbiddenCharacters())));
      } else if (WhitespaceRule.ERROR_CODE.equals(code)) {
        out.add(v(ViolationCode.WHITESPACE, "must not contain spaces or other whitespace"));
      } else {
        // Unknown Passay code: never copy its parameters (they may hold password characters).
        throw new IllegalStateException("unexpected Passay rule result " + code);
      }
    }
  }

  private static void classes(PasswordPolicy policy, int[] cps, List<PolicyViolation> out) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean symbol = false;
    for (int cp : cps) {
      upper |= Character.isUpperCase(cp);
      lower |= Character.isLowerCase(cp);
      digit |= Character.isDigit(cp);
      symbol |= isSymbol(cp);
    }
    if (policy.requiresUppercase() && !upper) {
      out.add(v(ViolationCode.MISSING_UPPERCASE, "must contain an upper-case letter"));
    }
    if (policy.requiresLowercase() && !lower) {
      out.add(v(ViolationCode.MISSING_LOWERCASE, "must contain a lower-case letter"));
    }
    if (policy.requiresDigit() && !digit) {
      out.add(v(ViolationCode.MISSING_DIGIT, "must contain a digit"));
    }
    if (policy.requiresSymbol() && !symbol) {
      out.add(v(ViolationCode.MISSING_SYMBOL, "must contain a symbol (such as ! or -)"));
    }
    int n = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    if (n < policy.minCharacterClasses()) {
      out.add(
          v(
              ViolationCode.TOO_FEW_CHARACTER_CLASSES,
              "must mix at least "
                  + policy.minCharacterClasses()
                  + " of: upper-case letters, lower-case letters, digits, symbols"));
    }
  }

  /**
   * Whether a code point counts as a symbol: not a letter, digit, whitespace or control character.
   *
   * @param cp the code point
   * @return true for a symbol
   */
  public static boolean isSymbol(int cp) {
    return !Character.isLetterOrDigit(cp)
        && !Character.isWhitespace(cp)
        && !Character.isSpaceChar(cp)
        && !Character.isISOControl(cp)
        && Character.isDefined(cp);
  }

  private static void asciiOnly(int[] cps, List<PolicyViolation> out) {
    for (int cp : cps) {
      boolean asciiWhitespace = cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
      if ((cp < 0x21 || cp > 0x7E) && !asciiWhitespace) {
        out.add(
            v(
                ViolationCode.NON_ASCII,
                "must contain only printable ASCII characters (the device accepts no others)"));
        return;
      }
    }
  }

  private static void personal(PersonalInfo personal, int[] cps, List<PolicyViolation> out) {
    Map<PersonalMatcher.Kind, List<int[]>> needles = PersonalMatcher.needles(personal);
    for (PersonalMatcher.Finding f : PersonalMatcher.find(cps, needles)) {
      out.add(
          v(
              ViolationCode.CONTAINS_PERSONAL_INFO,
              "must not contain personal information: it contains "
                  + f.kind().label
                  + f.mode().suffix));
    }
  }

  private static void blocklist(int[] cps, List<PolicyViolation> out) {
    int[] lower = PersonalMatcher.lower(cps.clone());
    int[] base = baseWord(lower);
    try {
      String why = null;
      if (listed(lower)) {
        why = "is a commonly used or factory-default password";
      } else if (listedSubstituted(lower)) {
        why = "is a commonly used password with characters substituted (such as 0 for o)";
      } else if (base != null && (listed(base) || listedSubstituted(base))) {
        why = "is a commonly used password with digits or symbols added";
      }
      if (why != null) {
        out.add(v(ViolationCode.BLOCKLISTED, why));
      }
    } finally {
      PersonalMatcher.wipe(lower);
      if (base != null) {
        PersonalMatcher.wipe(base);
      }
    }
  }

  /** The password without leading and trailing non-letters, or null if nothing was removed. */
  private static int[] baseWord(int[] cps) {
    int from = 0;
    int to = cps.length;
    while (from < to && !Character.isLetter(cps[from])) {
      from++;
    }
    while (to > from && !Character.isLetter(cps[to - 1])) {
      to--;
    }
    if ((from == 0 && to == cps.length) || to - from < MIN_BASE_WORD) {
      return null;
    }
    return Arrays.copyOfRange(cps, from, to);
  }

  private static boolean listedSubstituted(int[] lower) {
    int[] subI = PersonalMatcher.substitute(lower.clone(), 'i');
    int[] subL = PersonalMatcher.substitute(lower.clone(), 'l');
    try {
      return (!Arrays.equals(subI, lower) && listed(subI))
          || (!Arrays.equals(subL, lower) && listed(subL));
    } finally {
      PersonalMatcher.wipe(subI, subL);
    }
  }

  private static boolean listed(int[] cps) {
    char[] c = toChars(cps);
    try {
      return Blocklist.contains(c);
    } finally {
      Arrays.fill(c, '\0');
    }
  }

  private static char[] toChars(int[] cps) {
    int n = 0;
    for (int cp : cps) {
      n += Character.charCount(cp);
    }
    char[] c = new char[n];
    int i = 0;
    for (int cp : cps) {
      i += Character.toChars(cp, c, i);
    }
    return c;
  }

  private static String spaced(String chars) {
    StringBuilder sb = new StringBuilder();
    chars
        .codePoints()
        .forEach(
            cp -> {
              if (sb.length() > 0) {
                sb.append(' ');
              }
              sb.appendCodePoint(cp);
            });
    return sb.toString();
  }

  private static PolicyViolation v(ViolationCode code, String message) {
    return new PolicyViolation(code, message);
  }
}
