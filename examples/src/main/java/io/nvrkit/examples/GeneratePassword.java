package io.nvrkit.examples;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.lorex.LorexPasswordPolicies;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * How to use the password policy API from your own program: check a password someone chose, explain
 * what is wrong with it, and generate one that satisfies the policy.
 *
 * <pre>{@code
 * java -cp examples/target/nvrctl.jar io.nvrkit.examples.GeneratePassword
 * }</pre>
 */
public final class GeneratePassword {
  private GeneratePassword() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // 1. The policy a Lorex recorder gets by default, combined with an organisation's own rule.
    PasswordPolicy policy =
        LorexPasswordPolicies.defaults().and(PasswordPolicy.builder("acme").minLength(14).build());

    // 2. What a password must not contain: the owner and the device.
    PersonalInfo owner =
        PersonalInfo.builder()
            .name("Jane Doe")
            .birthDate(LocalDate.of(1990, 4, 17))
            .phone("+1 555 013 4567")
            .serial("ND021811019863")
            .model("LNR6108X")
            .build();

    // 3. Check a password someone typed (a char[], as Console.readPassword gives it).
    char[] typed = "JaneDoe1990!x".toCharArray();
    try (Secret candidate = Secret.of(typed)) {
      Arrays.fill(typed, '\0');
      PolicyReport report = policy.check(candidate, owner);
      System.out.println("typed password: " + report.summary());
      for (PolicyViolation v : report.violations()) {
        System.out.println("  " + v.code() + ": " + v.message());
      }
      report.suggestions().forEach(s -> System.out.println("  hint: " + s));
    }

    // 4. Generate one that passes (SecureRandom, device-safe alphabet, re-checked).
    try (Secret generated = PasswordGenerator.forPolicy(policy).generate(owner)) {
      System.out.println("generated password passes: " + policy.check(generated, owner).passed());
      // Hand it to the device or a vault, then let try-with-resources wipe it. Printing it is
      // only for this demonstration:
      char[] c = generated.copyChars();
      System.out.print("generated: ");
      System.out.println(c);
      Arrays.fill(c, '\0');
    }
  }
}
