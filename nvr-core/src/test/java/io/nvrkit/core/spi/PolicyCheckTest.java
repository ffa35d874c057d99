package io.nvrkit.core.spi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.ViolationCode;
import org.junit.jupiter.api.Test;

/** What every driver checks before a new password leaves the client. */
class PolicyCheckTest {
  private static final PasswordPolicy POLICY =
      PasswordPolicy.builder("test").minLength(8).rejectPersonalInfo(true).build();

  @Test
  void theAccountsOwnNameIsRefusedEvenWhenTheCallerGaveNoPersonalInfo() {
    PolicyViolationException e =
        assertThrows(
            PolicyViolationException.class,
            () ->
                PolicyCheck.require(
                    POLICY,
                    Secret.of("operator9-Night"),
                    PersonalInfo.none(),
                    "operator9",
                    "http://192.0.2.9:80",
                    "changePassword"));
    assertTrue(e.report().has(ViolationCode.CONTAINS_PERSONAL_INFO), e.report().toString());
    assertFalse(e.getMessage().contains("operator9-Night"), "no password in the message");
  }

  @Test
  void aGoodPasswordPasses() {
    PersonalInfo given = PersonalInfo.builder().userName("someone").build();
    assertDoesNotThrow(
        () ->
            PolicyCheck.require(
                POLICY, Secret.of("Vq7-Lm2x-Rz9k"), given, "admin", "http://192.0.2.9", "x"));
  }
}
