package io.nvrkit.core.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.ViolationCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownEntropyTest {
  private static final PasswordPolicy STRONG =
      PasswordPolicy.builder("strong").minLength(8).minStrengthScore(3).build();

  @Test
  void knownEntropyTakesThePlaceOfTheEstimate() {
    // zxcvbn finds this guessable; a draw of 125 bits is not, so the estimate is not consulted
    Secret weak = Secret.of("aaaaaaaa1234");
    PolicyReport estimated = PolicyChecker.check(STRONG, weak, PersonalInfo.none());
    assertTrue(estimated.has(ViolationCode.TOO_WEAK), estimated.summary());
    PolicyReport known = PolicyChecker.check(STRONG, weak, PersonalInfo.none(), 125.0);
    assertTrue(known.passed(), known.summary());
    assertEquals(4, known.strengthScore().orElseThrow());
  }

  @Test
  void tooLittleEntropyStillGetsTheEstimate() {
    Secret weak = Secret.of("aaaaaaaa1234");
    PolicyReport r = PolicyChecker.check(STRONG, weak, PersonalInfo.none(), 20.0);
    assertTrue(r.has(ViolationCode.TOO_WEAK), r.summary());
  }

  @Test
  void scoreFollowsZxcvbnThresholds() {
    assertEquals(0, PolicyChecker.scoreOfEntropy(9));
    assertEquals(1, PolicyChecker.scoreOfEntropy(12));
    assertEquals(2, PolicyChecker.scoreOfEntropy(21));
    assertEquals(3, PolicyChecker.scoreOfEntropy(28));
    assertEquals(4, PolicyChecker.scoreOfEntropy(35));
  }

  @Test
  void entropyOfTheDefaultDrawIsALowerBoundOverTheAlphabet() {
    char[] a = new char[26];
    char[] d = new char[10];
    double bits = Generation.entropyBits(List.of(a, d), 80, 20);
    assertEquals(
        Math.log(26) / Math.log(2) + Math.log(10) / Math.log(2) + 18 * 6.321928, bits, 1e-3);
  }

  @Test
  void generatedPasswordsStillSatisfyTheWholePolicy() {
    PasswordPolicy p = PasswordPolicy.recommended();
    for (int i = 0; i < 20; i++) {
      Secret s = PasswordGenerator.forPolicy(p).generate();
      assertTrue(p.check(s).passed());
    }
  }
}
