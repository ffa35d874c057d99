package io.nvrkit.lorex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.core.policy.ViolationCode;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LorexPasswordPoliciesTest {

  private static Set<ViolationCode> codes(PolicyReport report) {
    return report.violations().stream().map(PolicyViolation::code).collect(Collectors.toSet());
  }

  @Test
  void driverDefaultIsGuidanceAndFirmwareLimitsAndBlocklist() {
    PasswordPolicy policy = LorexDriver.create().defaultPolicy();
    assertEquals("lorexGuidance+dahuaFirmware+blocklist", policy.name());
    assertEquals(LorexPasswordPolicies.defaults().name(), policy.name());
    assertTrue(policy.check(Secret.of("Vq7-Lmz!Rt2x.Kw")).passed());
  }

  @Test
  void firmwareLimitsRefuseWhatDahuaFirmwareRefuses() {
    PasswordPolicy firmware = LorexPasswordPolicies.firmwareLimits();
    assertEquals(
        Set.of(ViolationCode.FORBIDDEN_CHARACTER), codes(firmware.check(Secret.of("Tr0ub4dor&3"))));
    assertEquals(
        Set.of(ViolationCode.TOO_LONG), codes(firmware.check(Secret.of("Ab1-".repeat(8) + "x"))));
    assertTrue(firmware.check(Secret.of("abcd1234")).passed());
  }

  @Test
  void guidanceHasTheRulesOfCoreStrongGuidanceUnderTheLorexName() {
    PasswordPolicy guidance = LorexPasswordPolicies.guidance();
    PasswordPolicy strong = PasswordPolicy.strongGuidance();
    assertEquals("lorexGuidance", guidance.name());
    assertEquals(strong.minLength(), guidance.minLength());
    assertEquals(Set.of(ViolationCode.TOO_SHORT), codes(guidance.check(Secret.of("Vq7-Lmz!Rt2"))));
    assertTrue(guidance.check(Secret.of("Vq7-Lmz!Rt2x")).passed());
  }
}
