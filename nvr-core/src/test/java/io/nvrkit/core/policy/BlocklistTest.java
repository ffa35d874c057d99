package io.nvrkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.policy.Blocklist;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlocklistTest {
  static final PasswordPolicy LIST_ONLY = PasswordPolicy.builder("list").blocklist(true).build();

  @Test
  void zxcvbnStillShipsItsCommonPasswordList() throws Exception {
    // if a zxcvbn4j upgrade moves the resource, this fails instead of the blocklist going empty
    try (InputStream in =
        com.nulabinc.zxcvbn.Zxcvbn.class.getResourceAsStream(Blocklist.ZXCVBN_PASSWORDS)) {
      assertNotNull(in);
    }
    assertTrue(Blocklist.size() >= 30_000, "entries: " + Blocklist.size());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "123456", "password", "PASSWORD", "qwerty", "12345", "888888", "666666", "admin",
        "Admin", "lorex", "Dahua", "hikvision", "p4ssw0rd", "Passw0rd!", "Lorex2024!", "xc3511"
      })
  void commonAndVendorDefaultPasswordsAreRefused(String pw) {
    assertTrue(LIST_ONLY.check(Secret.of(pw)).has(ViolationCode.BLOCKLISTED));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Vq7-Lmz!Rt2x.Kw", "correct horse battery staple", "zq9!"})
  void otherPasswordsAreNot(String pw) {
    assertFalse(LIST_ONLY.check(Secret.of(pw)).has(ViolationCode.BLOCKLISTED));
  }
}
