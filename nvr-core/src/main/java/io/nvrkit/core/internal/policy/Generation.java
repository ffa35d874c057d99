package io.nvrkit.core.internal.policy;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Password generation behind {@link PasswordGenerator}.
 *
 * <p>The alphabet is upper- and lower-case ASCII letters, digits and {@link
 * PasswordGenerator#SAFE_SYMBOLS}, minus every character the policy forbids. Each character class
 * that still has characters gets one randomly chosen position (required classes first, when the
 * length is too short for all), the rest is drawn uniformly from the whole alphabet, and the result
 * is shuffled (Fisher–Yates), all with one shared {@link SecureRandom}. Every candidate is then
 * checked against the policy and the personal information; a failing candidate is wiped and
 * replaced, at most {@value #MAX_ATTEMPTS} times. The draw's entropy is known (a lower bound: the
 * sum of log2 of each placed class's size and log2 of the alphabet's size for every other position,
 * about 125 bits for 20 characters), so when it earns the policy's minimum strength score no zxcvbn
 * estimate is made (see {@link PolicyChecker#check(PasswordPolicy, Secret, PersonalInfo, double)});
 * every other rule is still checked.
 *
 * <p>The password exists only in the {@code char[]} the returned {@link Secret} owns (and the
 * checker's wiped copy); no String is made of it.
 */
public final class Generation {
  static final int MAX_ATTEMPTS = 100;

  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Generation() {}

  /**
   * Generates a password.
   *
   * @param policy the policy
   * @param length the length, within the policy's bounds
   * @param personal personal info
   * @return the password; the caller owns it
   * @throws IllegalStateException if the policy cannot be satisfied over the safe alphabet
   */
  public static Secret generate(PasswordPolicy policy, int length, PersonalInfo personal) {
    String forbidden = policy.forbiddenCharacters();
    char[][] classes = {
      allowed(UPPER, forbidden),
      allowed(LOWER, forbidden),
      allowed(DIGITS, forbidden),
      allowed(PasswordGenerator.SAFE_SYMBOLS, forbidden)
    };
    boolean[] required = {
      policy.requiresUppercase(),
      policy.requiresLowercase(),
      policy.requiresDigit(),
      policy.requiresSymbol()
    };
    String[] classNames = {"an upper-case letter", "a lower-case letter", "a digit", "a symbol"};
    // required classes first, then the others that still have characters
    List<char[]> placed = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      if (required[i]) {
        if (classes[i].length == 0) {
          throw new IllegalStateException(
              "policy "
                  + policy.name()
                  + " requires "
                  + classNames[i]
                  + " but forbids every such character of the device-safe alphabet");
        }
        placed.add(classes[i]);
      }
    }
    int available = 0;
    for (int i = 0; i < 4; i++) {
      if (classes[i].length > 0) {
        available++;
        if (!required[i]) {
          placed.add(classes[i]);
        }
      }
    }
    if (available < policy.minCharacterClasses()) {
      throw new IllegalStateException(
          "policy "
              + policy.name()
              + " needs "
              + policy.minCharacterClasses()
              + " character classes but forbids all characters of some");
    }
    int requiredCount = 0;
    for (boolean r : required) {
      requiredCount += r ? 1 : 0;
    }
    if (length < Math.max(requiredCount, policy.minCharacterClasses())) {
      throw new IllegalStateException(
          "length " + length + " is too short for the classes policy " + policy.name() + " needs");
    }
    char[] alphabet = concat(classes);
    double bits = entropyBits(placed, alphabet.length, length);
    String lastSummary = "";
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      char[] pw = new char[length];
      int k = 0;
      for (char[] cls : placed) {
        if (k == length) {
          break;
        }
        pw[k++] = cls[RANDOM.nextInt(cls.length)];
      }
      while (k < length) {
        pw[k++] = alphabet[RANDOM.nextInt(alphabet.length)];
      }
      for (int i = length - 1; i > 0; i--) {
        int j = RANDOM.nextInt(i + 1);
        char t = pw[i];
        pw[i] = pw[j];
        pw[j] = t;
      }
      Secret candidate = Secret.wrap(pw);
      PolicyReport report = PolicyChecker.check(policy, candidate, personal, bits);
      if (report.passed()) {
        return candidate;
      }
      lastSummary = report.summary();
      candidate.destroy();
    }
    throw new IllegalStateException(
        "no password satisfying policy "
            + policy.name()
            + " found in "
            + MAX_ATTEMPTS
            + " attempts (last failure: "
            + lastSummary
            + "); the policy may be impossible to satisfy");
  }

  /**
   * A lower bound of a draw's entropy: one character from each placed class, the rest from the
   * whole alphabet (the shuffle only adds to it).
   */
  static double entropyBits(List<char[]> placed, int alphabetSize, int length) {
    double bits = 0;
    int k = 0;
    for (char[] cls : placed) {
      if (k == length) {
        break;
      }
      bits += log2(cls.length);
      k++;
    }
    return bits + (length - k) * log2(alphabetSize);
  }

  private static double log2(int n) {
    return Math.log(n) / Math.log(2);
  }

  private static char[] allowed(String chars, String forbidden) {
    StringBuilder sb = new StringBuilder(chars.length());
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      if (forbidden.indexOf(c) < 0) {
        sb.append(c);
      }
    }
    return sb.toString().toCharArray();
  }

  private static char[] concat(char[][] parts) {
    int n = 0;
    for (char[] p : parts) {
      n += p.length;
    }
    char[] out = new char[n];
    int i = 0;
    for (char[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return Arrays.copyOf(out, i);
  }
}
