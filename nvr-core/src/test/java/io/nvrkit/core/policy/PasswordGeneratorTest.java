package io.nvrkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import java.util.HashSet;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordGeneratorTest {
  static final int SAMPLE = 10_000;

  /** Never in a generated password: they break RTSP URLs and vendor parsers. */
  static final String UNSAFE = ":/@?#%&;'\"\\<> ";

  /**
   * Each profile, with the same rules minus the zxcvbn estimate (about 1 ms a check): every
   * generated password is re-checked against that, and every tenth against the full profile. (The
   * generator itself checks each candidate against the full profile before returning it.)
   */
  static Stream<Arguments> profiles() {
    PasswordPolicy lorexWithoutStrength =
        VendorProfiles.lorexGuidance()
            .and(
                VendorProfiles.dahuaFirmware(),
                PasswordPolicy.builder("blocklist").blocklist(true).build());
    return Stream.of(
        Arguments.of(
            "lorexGuidance", VendorProfiles.lorexGuidance(), VendorProfiles.lorexGuidance()),
        Arguments.of(
            "dahuaFirmware", VendorProfiles.dahuaFirmware(), VendorProfiles.dahuaFirmware()),
        Arguments.of("nist80063b", PasswordPolicy.nist80063b(), PasswordPolicy.nist80063b()),
        Arguments.of("lorexDefault", VendorProfiles.lorexDefault(), lorexWithoutStrength));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("profiles")
  void tenThousandPasswordsEachPassAndUseEveryClass(
      String name, PasswordPolicy policy, PasswordPolicy sameRulesWithoutStrength) {
    PasswordGenerator gen = PasswordGenerator.forPolicy(policy);
    assertEquals(20, gen.length(), "default length");
    Set<Character> seen = new HashSet<>();
    IntPredicate[] classes = {
      Character::isUpperCase, Character::isLowerCase, Character::isDigit, this::isSafeSymbol
    };
    int[] passwordsWithClass = new int[4];
    for (int i = 0; i < SAMPLE; i++) {
      try (Secret pw = gen.generate()) {
        assertEquals(20, pw.length());
        PolicyReport r = (i % 10 == 0 ? policy : sameRulesWithoutStrength).check(pw);
        assertTrue(r.passed(), () -> "generated password failed " + r.summary());
        char[] c = pw.copyChars();
        for (int k = 0; k < 4; k++) {
          for (char ch : c) {
            if (classes[k].test(ch)) {
              passwordsWithClass[k]++;
              break;
            }
          }
        }
        for (char ch : c) {
          assertTrue(UNSAFE.indexOf(ch) < 0, "unsafe character generated");
          assertTrue(policy.forbiddenCharacters().indexOf(ch) < 0, "forbidden character");
          assertTrue(ch > 0x20 && ch < 0x7F, "outside printable ASCII");
          seen.add(ch);
        }
        java.util.Arrays.fill(c, '\0');
      }
    }
    // every class occurs in every password (placement), so across the sample in particular
    for (int k = 0; k < 4; k++) {
      assertEquals(SAMPLE, passwordsWithClass[k], "class " + k + " missing from some passwords");
    }
    // the whole alphabet is used: 26 + 26 + 10 + the safe symbols
    assertEquals(62 + PasswordGenerator.SAFE_SYMBOLS.length(), seen.size(), "alphabet coverage");
  }

  private boolean isSafeSymbol(int c) {
    return PasswordGenerator.SAFE_SYMBOLS.indexOf(c) >= 0;
  }

  @Test
  void safeSymbolsContainNothingUnsafe() {
    for (char c : PasswordGenerator.SAFE_SYMBOLS.toCharArray()) {
      assertTrue(UNSAFE.indexOf(c) < 0, "unsafe symbol " + c);
      assertTrue(VendorProfiles.lorexDefault().forbiddenCharacters().indexOf(c) < 0);
    }
  }

  @Test
  void lengthBounds() {
    PasswordGenerator lorex = PasswordGenerator.forPolicy(VendorProfiles.lorexDefault());
    assertThrows(IllegalArgumentException.class, () -> lorex.withLength(11));
    assertThrows(IllegalArgumentException.class, () -> lorex.withLength(33));
    assertEquals(12, lorex.withLength(12).generate().length());
    assertEquals(32, lorex.withLength(32).generate().length());
    PasswordGenerator nist = PasswordGenerator.forPolicy(PasswordPolicy.nist80063b());
    assertThrows(IllegalArgumentException.class, () -> nist.withLength(14));
    assertEquals(64, nist.withLength(64).generate().length());
    PasswordPolicy hik = PasswordPolicy.builder("hik").minLength(8).maxLength(16).build();
    assertEquals(16, PasswordGenerator.forPolicy(hik).length(), "default clipped to the max");
    PasswordPolicy longMin = PasswordPolicy.builder("long").minLength(24).build();
    assertEquals(24, PasswordGenerator.forPolicy(longMin).length(), "default raised to the min");
    PasswordGenerator any = PasswordGenerator.forPolicy(PasswordPolicy.builder("none").build());
    assertThrows(IllegalArgumentException.class, () -> any.withLength(3));
  }

  @Test
  void policyForbiddenCharactersAreNeverUsed() {
    PasswordPolicy p =
        VendorProfiles.lorexGuidance()
            .and(PasswordPolicy.builder("org").forbiddenCharacters("!$()*+,-.=[]^_").build());
    PasswordGenerator gen = PasswordGenerator.forPolicy(p);
    Set<Character> symbols = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      char[] c = gen.generate().copyChars();
      for (char ch : c) {
        assertTrue(p.forbiddenCharacters().indexOf(ch) < 0);
        if (!Character.isLetterOrDigit(ch)) {
          symbols.add(ch);
        }
      }
    }
    assertEquals(Set.of('{', '}', '|', '~'), symbols);
  }

  @Test
  void anImpossiblePolicyFailsClearly() {
    PasswordPolicy p =
        PasswordPolicy.builder("impossible")
            .requireSymbol(true)
            .forbiddenCharacters(PasswordGenerator.SAFE_SYMBOLS)
            .build();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PasswordGenerator.forPolicy(p).generate());
    assertTrue(e.getMessage().contains("impossible"), e.getMessage());
  }

  @Test
  void generatedPasswordsAvoidPersonalInformation() {
    // a four-character alphabet makes "bbb" turn up in about one password in six unless the
    // generator re-checks the personal information
    String keep = "Ab2!";
    StringBuilder forbid = new StringBuilder();
    for (char c = '!'; c <= '~'; c++) {
      if (keep.indexOf(c) < 0) {
        forbid.append(c);
      }
    }
    PasswordPolicy p =
        PasswordPolicy.builder("tiny-alphabet")
            .minLength(12)
            .rejectPersonalInfo(true)
            .forbiddenCharacters(forbid.toString())
            .build();
    PersonalInfo who = PersonalInfo.builder().otherWord("bbb").build();
    PasswordGenerator gen = PasswordGenerator.forPolicy(p).withLength(12);
    for (int i = 0; i < 300; i++) {
      try (Secret pw = gen.generate(who)) {
        assertTrue(p.check(pw, who).passed());
        assertTrue(p.check(pw).passed());
      }
    }
  }

  @Test
  void twoPasswordsDiffer() {
    PasswordGenerator gen = PasswordGenerator.forPolicy(VendorProfiles.lorexDefault());
    assertTrue(!gen.generate().equals(gen.generate()));
  }
}
