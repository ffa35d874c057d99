package io.nvrkit.hikvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.ViolationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The firmware's rules (research note §5) and the generator's output against them. */
class HikvisionPasswordsTest {
  private static final PersonalInfo ADMIN = PersonalInfo.builder().userName("admin").build();

  @ParameterizedTest
  @CsvSource({
    "Ab1!xyz, TOO_SHORT",
    "Abcdefgh1!Abcdefg, TOO_LONG",
    "abcdefghij, TOO_FEW_CHARACTER_CLASSES",
    "1234567890, TOO_FEW_CHARACTER_CLASSES",
    "admin2024x, CONTAINS_PERSONAL_INFO",
    "nimda2024x, CONTAINS_PERSONAL_INFO",
    "Abcd 1234!, FORBIDDEN_CHARACTER",
    "Abcd;1234!, FORBIDDEN_CHARACTER",
    "Abcd~1234!, FORBIDDEN_CHARACTER",
    "Abcdé12345, NON_ASCII",
  })
  void riskyOrUncarriablePasswordsAreRefused(String pw, ViolationCode code) {
    PolicyReport r = HikvisionPasswords.firmwareLimits().check(Secret.of(pw), ADMIN);
    assertTrue(r.has(code), pw + " → " + r.summary());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc12345", "ABC12345", "Abc.-_:/@,?!", "Q'(\")$&[]{}#%^*+=\\|<>9"})
  void weakToStrongLevelsAreAcceptedByTheFirmware(String pw) {
    String p = pw.length() > 16 ? pw.substring(0, 16) : pw;
    assertTrue(HikvisionPasswords.firmwareLimits().check(Secret.of(p), ADMIN).passed(), p);
  }

  @Test
  void generatedPasswordsAreAcceptedByTheFirmwareAndTheDefault() {
    PasswordGenerator g = PasswordGenerator.forPolicy(HikvisionPasswords.defaultPolicy());
    assertEquals(16, g.length());
    for (int i = 0; i < 50; i++) {
      Secret s = g.generate(ADMIN);
      assertTrue(HikvisionPasswords.firmwareLimits().check(s, ADMIN).passed());
      assertTrue(HikvisionPasswords.defaultPolicy().check(s, ADMIN).passed());
      for (char c : HikvisionPasswords.FORBIDDEN_CHARACTERS.toCharArray()) {
        assertFalse(s.contains(c));
      }
    }
  }

  @Test
  void aCallersPolicyAddsToTheFirmwareLimitsNeverReplacesThem() {
    PasswordPolicy lax = PasswordPolicy.builder("lax").minLength(4).build();
    PasswordPolicy p = HikvisionPasswords.forChange(lax);
    assertEquals(8, p.minLength());
    assertEquals(16, p.maxLength());
    assertThrows(
        IllegalArgumentException.class,
        () -> HikvisionPasswords.forChange(PasswordPolicy.builder("long").minLength(20).build()));
  }

  @Test
  void publishedLimitsReplaceTheDefaultRange() {
    PasswordPolicy p = HikvisionPasswords.firmwareLimits(8, 32);
    assertTrue(p.check(Secret.of("Abcdefghij1234567890xyz"), ADMIN).passed());
    assertThrows(IllegalArgumentException.class, () -> HikvisionPasswords.firmwareLimits(9, 8));
  }
}
