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
        "Admin", "lorex", "Dahua", "hikvision", "p4ssw0rd", "Passw0rd!", "Lorex2024!", "xc3511",
        "tlJwpbo6", "TLJWPBO6", "Night Owl"
      })
  void commonAndVendorDefaultPasswordsAreRefused(String pw) {
    assertTrue(LIST_ONLY.check(Secret.of(pw)).has(ViolationCode.BLOCKLISTED));
  }

  @Test
  void everyWordOfTheCommonListIsFoundInAnyCase() throws Exception {
    int n = 0;
    try (java.io.BufferedReader r =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                com.nulabinc.zxcvbn.Zxcvbn.class.getResourceAsStream(Blocklist.ZXCVBN_PASSWORDS),
                java.nio.charset.StandardCharsets.UTF_8))) {
      for (String w = r.readLine(); w != null; w = r.readLine()) {
        w = w.strip();
        if (w.isEmpty()) {
          continue;
        }
        n++;
        assertTrue(Blocklist.contains(w.toCharArray()), w);
        assertTrue(Blocklist.contains(w.toUpperCase(java.util.Locale.ROOT).toCharArray()), w);
        assertFalse(Blocklist.contains((w + "\u0000").toCharArray()), w);
      }
    }
    assertTrue(n >= 30_000, "words read: " + n);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Vq7-Lmz!Rt2x.Kw", "correct horse battery staple", "zq9!"})
  void otherPasswordsAreNot(String pw) {
    assertFalse(LIST_ONLY.check(Secret.of(pw)).has(ViolationCode.BLOCKLISTED));
  }
}
