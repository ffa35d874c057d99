package io.nvrkit.core.policy;

import static io.nvrkit.core.policy.ViolationCode.BLOCKLISTED;
import static io.nvrkit.core.policy.ViolationCode.CONTAINS_PERSONAL_INFO;
import static io.nvrkit.core.policy.ViolationCode.FORBIDDEN_CHARACTER;
import static io.nvrkit.core.policy.ViolationCode.MISSING_DIGIT;
import static io.nvrkit.core.policy.ViolationCode.MISSING_LOWERCASE;
import static io.nvrkit.core.policy.ViolationCode.MISSING_SYMBOL;
import static io.nvrkit.core.policy.ViolationCode.MISSING_UPPERCASE;
import static io.nvrkit.core.policy.ViolationCode.NON_ASCII;
import static io.nvrkit.core.policy.ViolationCode.TOO_FEW_CHARACTER_CLASSES;
import static io.nvrkit.core.policy.ViolationCode.TOO_LONG;
import static io.nvrkit.core.policy.ViolationCode.TOO_SHORT;
import static io.nvrkit.core.policy.ViolationCode.TOO_WEAK;
import static io.nvrkit.core.policy.ViolationCode.WHITESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven checks of every profile: which codes a password gets, and that no report ever
 * repeats the password or the personal text it matched.
 */
class PasswordPolicyTest {
  static final PersonalInfo JANE =
      PersonalInfo.builder()
          .name("Jane Doe")
          .userName("admin")
          .phone("+1 (555) 013-4567")
          .birthDate(LocalDate.of(1990, 4, 17))
          .build();

  static final PersonalInfo DEVICE =
      PersonalInfo.builder()
          .serial("ND021811019863")
          .deviceId("ESTATE42")
          .model("LNR6108X")
          .build();

  static final PersonalInfo NOBODY = PersonalInfo.none();

  /** 15 code points, 30 UTF-16 chars (U+1D538 MATHEMATICAL DOUBLE-STRUCK CAPITAL A). */
  static final String FIFTEEN_ASTRAL = "\uD835\uDD38".repeat(15);

  record Case(
      String profile,
      Supplier<PasswordPolicy> policy,
      String password,
      PersonalInfo personal,
      Set<ViolationCode> expected) {
    @Override
    public String toString() {
      // test names must not become a habit of printing passwords: show the expectation only
      return profile + " expects " + (expected.isEmpty() ? "pass" : expected);
    }
  }

  static Case c(
      String profile,
      Supplier<PasswordPolicy> p,
      String pw,
      PersonalInfo who,
      ViolationCode... codes) {
    Set<ViolationCode> set = EnumSet.noneOf(ViolationCode.class);
    set.addAll(java.util.List.of(codes));
    return new Case(profile, p, pw, who, set);
  }

  static Stream<Arguments> cases() {
    Supplier<PasswordPolicy> guidance = VendorProfiles::lorexGuidance;
    Supplier<PasswordPolicy> dahua = VendorProfiles::dahuaFirmware;
    Supplier<PasswordPolicy> nist = PasswordPolicy::nist80063b;
    Supplier<PasswordPolicy> lorex = VendorProfiles::lorexDefault;
    return Stream.of(
            // lorexGuidance: >= 12, upper, lower, digit, symbol, nothing personal
            c("lorexGuidance", guidance, "Vq7-Lmz!Rt2x", NOBODY),
            c("lorexGuidance", guidance, "Vq7-Lmz!Rt2", NOBODY, TOO_SHORT),
            c("lorexGuidance", guidance, "vq7-lmz!rt2xw", NOBODY, MISSING_UPPERCASE),
            c("lorexGuidance", guidance, "VQ7-LMZ!RT2XW", NOBODY, MISSING_LOWERCASE),
            c("lorexGuidance", guidance, "Vqs-Lmz!Rtzxw", NOBODY, MISSING_DIGIT),
            c("lorexGuidance", guidance, "Vq7sLmzkRt2xw", NOBODY, MISSING_SYMBOL),
            c(
                "lorexGuidance",
                guidance,
                "tiny",
                NOBODY,
                TOO_SHORT,
                MISSING_UPPERCASE,
                MISSING_DIGIT,
                MISSING_SYMBOL),
            // the published guidance alone has no blocklist: that is why lorexDefault adds one
            c("lorexGuidance", guidance, "Password123!", NOBODY),
            c("lorexGuidance", guidance, "JaneDoe1990!x", JANE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Qx!eod-ENAJ-v9", JANE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "J4n3-Qx!v9-kw", JANE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Qx!v9-4567-kwT", JANE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Qx!v9-0417-kwT", JANE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Qx!v9-17.04.1990T", JANE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Qx!v9-AdMiN-kwT", JANE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Qx!v9-Deer-kwT", JANE),
            c("lorexGuidance", guidance, "Xy!ND021811019863a", DEVICE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Xy!368910118120DNa", DEVICE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Zq!-3st4t342-Kp", DEVICE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Zq!-24etatse-Kp", DEVICE, CONTAINS_PERSONAL_INFO),
            c("lorexGuidance", guidance, "Zq!-lnr6108x-Kp", DEVICE, CONTAINS_PERSONAL_INFO),
            // dahuaFirmware: 8..32 printable ASCII, >= 2 classes, none of ' " ; : &
            c("dahuaFirmware", dahua, "abcd1234", NOBODY),
            c("dahuaFirmware", dahua, "Tr0ub4dor&3", NOBODY, FORBIDDEN_CHARACTER),
            c("dahuaFirmware", dahua, "It's-1234", NOBODY, FORBIDDEN_CHARACTER),
            c("dahuaFirmware", dahua, "ab;cd:ef\"1", NOBODY, FORBIDDEN_CHARACTER),
            c("dahuaFirmware", dahua, "abcdefgh", NOBODY, TOO_FEW_CHARACTER_CLASSES),
            c("dahuaFirmware", dahua, "ab12", NOBODY, TOO_SHORT),
            c("dahuaFirmware", dahua, "Ab1-".repeat(8) + "x", NOBODY, TOO_LONG),
            c("dahuaFirmware", dahua, "Ab1-".repeat(8), NOBODY),
            c("dahuaFirmware", dahua, "pass word12", NOBODY, WHITESPACE),
            c("dahuaFirmware", dahua, "p\u00e4ssw\u00f6rd12", NOBODY, NON_ASCII),
            // NIST SP 800-63B: >= 15 code points, blocklist, no composition rules
            c("nist80063b", nist, "correct horse battery staple", NOBODY),
            c("nist80063b", nist, "alllowercasebutlong", NOBODY),
            c("nist80063b", nist, "Password123!", NOBODY, TOO_SHORT, BLOCKLISTED),
            c("nist80063b", nist, "Password123!!!!", NOBODY, BLOCKLISTED),
            c("nist80063b", nist, "P@ssw0rd12345678", NOBODY, BLOCKLISTED),
            c("nist80063b", nist, "123456789012345", NOBODY),
            c("nist80063b", nist, FIFTEEN_ASTRAL, NOBODY),
            c("nist80063b", nist, "\uD835\uDD38".repeat(14), NOBODY, TOO_SHORT),
            c("nist80063b", nist, "\u00fcber-caf\u00e9-na\u00efve-\u00f1", NOBODY),
            // lorexDefault: guidance + firmware + blocklist + strength >= 3
            c("lorexDefault", lorex, "Vq7-Lmz!Rt2x.Kw", NOBODY),
            c("lorexDefault", lorex, "Tr0ub4dor&3", NOBODY, TOO_SHORT, FORBIDDEN_CHARACTER),
            c("lorexDefault", lorex, "JaneDoe1990!x", JANE, CONTAINS_PERSONAL_INFO),
            c("lorexDefault", lorex, "Xy!ND021811019863a", DEVICE, CONTAINS_PERSONAL_INFO),
            c("lorexDefault", lorex, "Vq7-Lmz!Rt2x.Kw" + "ab".repeat(9), NOBODY, TOO_LONG),
            c("lorexDefault", lorex, "Vq7-Lmz:Rt2x.Kw", NOBODY, FORBIDDEN_CHARACTER))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("cases")
  void profileTable(Case tc) {
    PolicyReport r = tc.policy().get().check(Secret.of(tc.password()), tc.personal());
    Set<ViolationCode> got =
        r.violations().stream()
            .map(PolicyViolation::code)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ViolationCode.class)));
    assertEquals(tc.expected(), got, "violation codes (" + r.summary() + ")");
    assertEquals(tc.expected().isEmpty(), r.passed());
    assertNoLeak(r, tc.password(), tc.personal());
  }

  @Test
  void password123FailsTheLorexDefaultOnBlocklistOrStrength() {
    PolicyReport r = VendorProfiles.lorexDefault().check(Secret.of("Password123!"));
    assertFalse(r.passed());
    assertTrue(r.has(BLOCKLISTED) || r.has(TOO_WEAK), r.summary());
    assertTrue(r.strengthScore().isPresent());
    assertTrue(r.strengthScore().getAsInt() < 3);
    assertFalse(r.suggestions().isEmpty(), "a rejected password comes with advice");
    assertNoLeak(r, "Password123!", NOBODY);
  }

  @Test
  void scoreIsReportedOnlyWhereThePolicyEstimatesStrength() {
    Secret pw = Secret.of("Vq7-Lmz!Rt2x.Kw");
    assertTrue(VendorProfiles.lorexDefault().check(pw).strengthScore().isPresent());
    assertTrue(PasswordPolicy.nist80063b().check(pw).strengthScore().isEmpty());
    assertTrue(VendorProfiles.dahuaFirmware().check(pw).strengthScore().isEmpty());
  }

  @Test
  void everyViolationIsReportedNotOnlyTheFirst() {
    PolicyReport r = VendorProfiles.lorexDefault().check(Secret.of("a&b"));
    assertTrue(r.has(TOO_SHORT));
    assertTrue(r.has(FORBIDDEN_CHARACTER));
    assertTrue(r.has(MISSING_UPPERCASE));
    assertTrue(r.has(MISSING_DIGIT));
    assertTrue(r.has(TOO_WEAK));
    assertEquals(
        r.violations().stream().map(PolicyViolation::code).sorted().toList(),
        r.violations().stream().map(PolicyViolation::code).toList(),
        "stable order: by code");
  }

  @Test
  void personalFindingsNameTheKindNeverTheText() {
    PolicyReport r = VendorProfiles.lorexGuidance().check(Secret.of("JaneDoe1990!x"), JANE);
    String messages =
        r.violations().stream().map(PolicyViolation::message).collect(Collectors.joining("|"));
    assertTrue(messages.contains("a name"), messages);
    assertTrue(messages.contains("a birth date"), messages);
  }

  @Test
  void birthDateFormats() {
    PersonalInfo p = PersonalInfo.builder().birthDate(LocalDate.of(1990, 4, 17)).build();
    PasswordPolicy policy = PasswordPolicy.builder("personal").rejectPersonalInfo(true).build();
    for (String s :
        new String[] {
          "x1990-04-17x", "x17041990x", "x19900417x", "x04171990x", "x0417x", "x1704x",
          "x1990x", "x17/04/1990x", "x04.17.1990x", "x170490x", "x900417x", "x7140-4091x"
        }) {
      assertTrue(policy.check(Secret.of(s), p).has(CONTAINS_PERSONAL_INFO), s);
    }
    // documented: the two-digit year alone is not searched (too noisy)
    assertTrue(policy.check(Secret.of("x90x"), p).passed());
  }

  @Test
  void shortNamePartsAreIgnoredButFullNamesAreNot() {
    PersonalInfo p = PersonalInfo.builder().name("Al Li").build();
    PasswordPolicy policy = PasswordPolicy.builder("personal").rejectPersonalInfo(true).build();
    assertTrue(policy.check(Secret.of("Xal-Q-li-kw"), p).passed(), "parts under 3 letters");
    assertTrue(policy.check(Secret.of("Q-AlLi-kw"), p).has(CONTAINS_PERSONAL_INFO));
  }

  @Test
  void caseMappingIsLocaleIndependent() {
    // in tr_TR "I".toLowerCase() is a dotless i; the match must not depend on the locale
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      PersonalInfo p = PersonalInfo.builder().name("Ivan").build();
      assertTrue(
          VendorProfiles.lorexGuidance()
              .check(Secret.of("Q7!IVAN-kw-Zr"), p)
              .has(CONTAINS_PERSONAL_INFO));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void lengthsCountCodePointsNotChars() {
    // 16 code points that take 32 UTF-16 chars: within a 16-character limit, and never truncated
    PasswordPolicy max16 = PasswordPolicy.builder("max16").minLength(16).maxLength(16).build();
    String sixteen =
        "\uD83D\uDD12".repeat(6) + "\u00e9t\u00e9-\u043f\u0430\u0440\u043e\u043b\u044c";
    assertEquals(16, sixteen.codePointCount(0, sixteen.length()));
    assertTrue(sixteen.length() > 16);
    assertTrue(max16.check(Secret.of(sixteen)).passed());
    assertTrue(max16.check(Secret.of(sixteen + "x")).has(TOO_LONG));
    assertTrue(max16.check(Secret.of(sixteen.substring(2))).has(TOO_SHORT));
    assertNoLeak(max16.check(Secret.of(sixteen + "x")), sixteen, NOBODY);
  }

  @Test
  void combinedPolicyTakesTheStrictestOfEach() {
    PasswordPolicy p = VendorProfiles.lorexDefault();
    assertEquals(12, p.minLength());
    assertEquals(32, p.maxLength());
    assertTrue(p.usesBlocklist());
    assertTrue(p.rejectsPersonalInfo());
    assertEquals(3, p.minStrengthScore().getAsInt());
    assertEquals("'\";:&", p.forbiddenCharacters());
    assertEquals("lorexGuidance+dahuaFirmware+blocklist", p.name());
  }

  @Test
  void policiesThatNoPasswordCanSatisfyAreNotCombined() {
    PasswordPolicy longOnes = PasswordPolicy.builder("long").minLength(20).build();
    PasswordPolicy shortOnes = PasswordPolicy.builder("short").maxLength(16).build();
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> longOnes.and(shortOnes));
    assertTrue(e.getMessage().contains("minimum length 20 > maximum 16"), e.getMessage());
    PasswordPolicy both =
        PasswordPolicy.builder("a")
            .forbiddenCharacters("ab")
            .build()
            .and(PasswordPolicy.builder("b").forbiddenCharacters("bc").requireDigit(true).build());
    assertEquals("abc", both.forbiddenCharacters());
    assertTrue(both.requiresDigit());
    assertTrue(both.minStrengthScore().isEmpty(), "no strength rule unless one asks for it");
    assertEquals("a+b", both.name());
  }

  @Test
  void aDestroyedSecretCannotBeChecked() {
    Secret s = Secret.of("Vq7-Lmz!Rt2x.Kw");
    s.destroy();
    try {
      PasswordPolicy.nist80063b().check(s);
      fail("expected IllegalStateException");
    } catch (IllegalStateException expected) {
      // fine
    }
  }

  @Test
  void theCheckDoesNotModifyThePassword() {
    Secret s = Secret.of("Vq7-Lmz!Rt2x.Kw");
    VendorProfiles.lorexDefault().check(s, JANE);
    assertEquals(Secret.of("Vq7-Lmz!Rt2x.Kw"), s);
  }

  /** Neither the password nor the personal text it matched appears anywhere in the report. */
  static void assertNoLeak(PolicyReport r, String password, PersonalInfo who) {
    StringBuilder all = new StringBuilder();
    all.append(r).append('\n').append(r.summary()).append('\n').append(r.policy());
    r.violations().forEach(v -> all.append('\n').append(v.message()).append('\n').append(v));
    r.suggestions().forEach(s -> all.append('\n').append(s));
    String text = all.toString().toLowerCase(Locale.ROOT);
    if (password.length() >= 4) {
      assertFalse(text.contains(password.toLowerCase(Locale.ROOT)), "report repeats the password");
    }
    for (String n : who.names()) {
      for (String part : n.split("\\s+")) {
        assertFalse(text.contains(part.toLowerCase(Locale.ROOT)), "report names the person");
      }
    }
    for (String s : new String[] {who.serial(), who.deviceId(), who.model()}) {
      if (s != null) {
        assertFalse(text.contains(s.toLowerCase(Locale.ROOT)), "report repeats device text");
      }
    }
  }
}
