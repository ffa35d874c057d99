package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nvrctl policy check}: checks a password against a profile and prints the report (codes,
 * messages, strength score, suggestions; never the password). Exit 0 if it passes, 3 if not.
 */
@Command(
    name = "check",
    description = {
      "Check a password against a policy; print every violation with its code.",
      "Exit code 0 if it passes, 3 if it does not. The password is never printed."
    })
public final class PolicyCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ProfileOption profile;

  @Mixin PersonalOptions personal;

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Password (one of):%n")
  PasswordInput password = new PasswordInput();

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    PasswordPolicy policy = profile.profile().policy();
    PolicyReport report;
    try (Secret pw = password.read(spec)) {
      report = policy.check(pw, personal.toPersonalInfo());
    }
    if (json.enabled()) {
      Nvrctl.printJson(spec, toJson(profile.profile(), report));
    } else {
      printText(spec.commandLine().getOut(), profile.profile(), report);
    }
    return report.passed() ? ExitCodes.OK : ExitCodes.POLICY;
  }

  static Map<String, Object> toJson(Profile profile, PolicyReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", report.passed());
    m.put("profile", profile.cliName());
    m.put("policy", report.policy());
    m.put("passed", report.passed());
    List<Map<String, String>> vs = new ArrayList<>();
    for (PolicyViolation v : report.violations()) {
      Map<String, String> e = new LinkedHashMap<>();
      e.put("code", v.code().name());
      e.put("message", v.message());
      vs.add(e);
    }
    m.put("violations", vs);
    m.put(
        "strengthScore",
        report.strengthScore().isPresent() ? report.strengthScore().getAsInt() : null);
    m.put("suggestions", report.suggestions());
    return m;
  }

  static void printText(PrintWriter out, Profile profile, PolicyReport report) {
    out.println(
        (report.passed() ? "PASS" : "FAIL")
            + "  profile "
            + profile.cliName()
            + " ("
            + report.policy()
            + ")");
    for (PolicyViolation v : report.violations()) {
      out.printf("  %-26s %s%n", v.code().name(), v.message());
    }
    report.strengthScore().ifPresent(s -> out.println("strength: " + s + " of 4"));
    if (!report.suggestions().isEmpty()) {
      out.println("suggestions:");
      report.suggestions().forEach(s -> out.println("  - " + s));
    }
    out.flush();
  }
}
