package io.nvrkit.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.core.policy.VendorProfiles;
import io.nvrkit.core.testing.LogCapture;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The canary: run the library's paths with known passwords while every log call is captured at
 * TRACE, and fail if a password shows up in a log line, printed output, an exception or a {@code
 * toString()}.
 */
class CanaryTest {
  /** Canaries for each kind of policy outcome: passing, forbidden character, personal, common. */
  static final String[] CANARIES = {
    "Cn4ry-Qx7!Zb9-Vw-Kp",
    "Canary&Pw1-Zq",
    "JaneDoe1990!canary",
    "CanaryPassword123!",
    "C\u00e4nary-\u00fcn\u00efcode-\u043f\u0430\u0440\u043e\u043b\u044c-1"
  };

  static final PersonalInfo WHO =
      PersonalInfo.builder()
          .name("Jane Doe")
          .userName("admin")
          .phone("+1 555 013 4567")
          .birthDate(LocalDate.of(1990, 4, 17))
          .serial("ND021811019863")
          .deviceId("ESTATE42")
          .model("LNR6108X")
          .build();

  static List<PasswordPolicy> policies() {
    return List.of(
        VendorProfiles.lorexGuidance(),
        VendorProfiles.dahuaFirmware(),
        PasswordPolicy.nist80063b(),
        VendorProfiles.lorexDefault(),
        PasswordPolicy.nist80063b()
            .and(
                PasswordPolicy.builder("org")
                    .minStrengthScore(4)
                    .rejectPersonalInfo(true)
                    .build()));
  }

  @Test
  void policyPathsNeverShowThePassword() {
    try (LogCapture logs = LogCapture.start()) {
      List<String> texts = new ArrayList<>();
      for (PasswordPolicy policy : policies()) {
        for (String canary : CANARIES) {
          Secret pw = Secret.of(canary);
          PolicyReport r = policy.check(pw, WHO);
          texts.add(r.toString());
          texts.add(r.summary());
          texts.add(r.policy());
          for (PolicyViolation v : r.violations()) {
            texts.add(v.message());
            texts.add(v.toString());
          }
          texts.addAll(r.suggestions());
          if (!r.passed()) {
            PolicyViolationException e =
                new PolicyViolationException(r, "https://192.0.2.10:443", "changePassword");
            texts.add(LogCapture.describe(e));
          }
          texts.add(pw.toString());
          texts.add(Credentials.of("admin", pw).toString());
          pw.destroy();
          texts.add(LogCapture.describe(assertThrows(IllegalStateException.class, pw::length)));
          texts.add(
              LogCapture.describe(
                  assertThrows(IllegalStateException.class, () -> policy.check(pw, WHO))));
        }
      }
      texts.add(WHO.toString());
      for (int i = 0; i < texts.size(); i++) {
        LogCapture.assertNoSecretIn("report/exception text #" + i, texts.get(i), CANARIES);
      }
      logs.assertNoSecret(CANARIES);
      // the personal information matched is not repeated either
      for (String t : texts) {
        LogCapture.assertNoSecretIn("report text", t, "Jane", "Doe", "ND021811019863", "ESTATE42");
      }
    }
  }

  @Test
  void generatedPasswordsNeverShow() {
    List<String> generated = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    try (LogCapture logs = LogCapture.start()) {
      for (PasswordPolicy policy : policies()) {
        PasswordGenerator gen = PasswordGenerator.forPolicy(policy);
        for (int i = 0; i < 50; i++) {
          Secret pw = gen.generate(WHO);
          texts.add(pw.toString());
          texts.add(policy.check(pw, WHO).toString());
          generated.add(new String(pw.copyChars()));
          pw.destroy();
        }
        texts.add(
            LogCapture.describe(
                assertThrows(IllegalArgumentException.class, () -> gen.withLength(3))));
      }
      PasswordPolicy impossible =
          PasswordPolicy.builder("impossible")
              .requireDigit(true)
              .forbiddenCharacters("0123456789")
              .build();
      texts.add(
          LogCapture.describe(
              assertThrows(
                  IllegalStateException.class,
                  () -> PasswordGenerator.forPolicy(impossible).generate())));
      String[] secrets = generated.toArray(new String[0]);
      logs.assertNoSecret(secrets);
      for (int i = 0; i < texts.size(); i++) {
        LogCapture.assertNoSecretIn("text #" + i, texts.get(i), secrets);
      }
    }
  }

  @Test
  void endpointAndCredentialErrorsNeverShowThePassword() {
    String canary = "Canary-UrlPw-77";
    List<String> texts = new ArrayList<>();
    try (LogCapture logs = LogCapture.start()) {
      for (String url :
          new String[] {
            "https://admin:" + canary + "@192.0.2.10",
            "https://admin:" + canary + " x@192.0.2.10",
            "https://192.0.2.10/?pwd=" + canary,
            "https://192.0.2.10/ pwd=" + canary,
            "https://192.0.2.10/#" + canary,
            "ftp://admin:" + canary + "@192.0.2.10"
          }) {
        texts.add(
            LogCapture.describe(
                assertThrows(IllegalArgumentException.class, () -> DeviceEndpoint.of(url))));
      }
      texts.add(
          LogCapture.describe(
              assertThrows(
                  IllegalArgumentException.class, () -> Credentials.of(" ", Secret.of(canary)))));
      texts.add(Credentials.of("admin", Secret.of(canary)).toString());
      for (int i = 0; i < texts.size(); i++) {
        LogCapture.assertNoSecretIn("text #" + i, texts.get(i), canary);
      }
      logs.assertNoSecret(canary);
    }
  }

  @Test
  void theCaptureSeesEverythingSoTheCanaryCanFail() {
    // if capturing were broken, every check above would pass vacuously: prove it is not
    try (LogCapture logs = LogCapture.start()) {
      org.slf4j.LoggerFactory.getLogger("io.nvrkit.core.spi.DeviceHttp")
          .trace("request {}", "pwd=" + CANARIES[0]);
      assertThrows(AssertionError.class, () -> logs.assertNoSecret(CANARIES));
    }
    try (LogCapture logs = LogCapture.start()) {
      org.slf4j.LoggerFactory.getLogger("io.nvrkit.x")
          .atDebug()
          .addKeyValue("password", CANARIES[1])
          .log("kv");
      assertThrows(AssertionError.class, () -> logs.assertNoSecret(CANARIES));
    }
    try (LogCapture logs = LogCapture.start()) {
      org.slf4j.LoggerFactory.getLogger("io.nvrkit.y")
          .warn("failed", new IllegalStateException("x", new RuntimeException(CANARIES[2])));
      assertThrows(AssertionError.class, () -> logs.assertNoSecret(CANARIES));
      assertFalse(logs.events("io.nvrkit.y").isEmpty());
    }
    try (LogCapture logs = LogCapture.start()) {
      String probe = "stderr-probe-" + java.util.UUID.randomUUID();
      System.err.println("canary self-test (expected output): " + probe);
      assertThrows(AssertionError.class, () -> logs.assertNoSecret(probe));
    }
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> LogCapture.assertNoSecretIn("x", "a " + CANARIES[4], CANARIES));
    assertFalse(e.getMessage().contains(CANARIES[4]), "the failure message hides the secret");
    assertTrue(e.getMessage().contains("secret #4"));
  }
}
