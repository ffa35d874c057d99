package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NvrctlTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String GOOD = "Vq7-Lmz!Rt2x.Kw";

  @ParameterizedTest
  @ValueSource(strings = {"", "policy", "policy check", "password", "password generate", "help"})
  void everyCommandHasHelp(String command) {
    String[] args = (command.isEmpty() ? "--help" : command + " --help").split(" ");
    Run r = Run.of(args);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Usage: nvrctl"), r.out());
  }

  @Test
  void versionIsPrinted() {
    Run r = Run.of("--version");
    assertEquals(0, r.code());
    // the build records the version and the commit (unknown outside a git checkout)
    assertTrue(
        r.out().strip().matches("nvrctl \\S+ \\(commit ([0-9a-f]{7,40}|unknown)\\)"), r.out());
  }

  @Test
  void goodPasswordPassesWithExitZero() {
    Run r = Run.stdin(GOOD + "\n", "policy", "check", "--password-stdin");
    assertEquals(0, r.code(), r.all());
    assertTrue(r.out().startsWith("PASS  profile lorex"), r.out());
    assertTrue(r.out().contains("strength: 4 of 4"), r.out());
    assertFalse(r.all().contains(GOOD));
  }

  @Test
  void password123FailsWithExitThreeAndCodes() {
    Run r = Run.stdin("Password123!\n", "policy", "check", "--password-stdin");
    assertEquals(3, r.code());
    assertTrue(r.out().startsWith("FAIL"), r.out());
    assertTrue(r.out().contains("BLOCKLISTED") || r.out().contains("TOO_WEAK"), r.out());
    assertTrue(r.out().contains("suggestions:"), r.out());
    assertFalse(r.all().contains("Password123!"));
  }

  @Test
  void personalInformationAndJson() throws Exception {
    Run r =
        Run.with(
            Map.of("PW", "JaneDoe1990!x"),
            "",
            "policy",
            "check",
            "--profile",
            "lorex-guidance",
            "--name",
            "Jane Doe",
            "--birth-date",
            "1990-04-17",
            "--password-env",
            "PW",
            "--json");
    assertEquals(3, r.code(), r.all());
    JsonNode j = JSON.readTree(r.out());
    assertFalse(j.get("ok").asBoolean());
    assertFalse(j.get("passed").asBoolean());
    assertEquals("lorex-guidance", j.get("profile").asText());
    assertEquals("CONTAINS_PERSONAL_INFO", j.get("violations").get(0).get("code").asText());
    assertTrue(j.get("strengthScore").isNull());
    assertFalse(r.all().contains("JaneDoe"));
    assertFalse(r.all().toLowerCase(java.util.Locale.ROOT).contains("jane"));
    assertEquals("", r.err());
  }

  @Test
  void firmwareProfileRefusesTheAmpersand(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("pw.txt");
    Files.writeString(f, "Tr0ub4dor&3\r\n", StandardCharsets.UTF_8);
    Run r =
        Run.of(
            "policy",
            "check",
            "--profile",
            "dahua-firmware",
            "--password-file",
            f.toString(),
            "--json");
    assertEquals(3, r.code(), r.all());
    JsonNode j = JSON.readTree(r.out());
    assertEquals("FORBIDDEN_CHARACTER", j.get("violations").get(0).get("code").asText());
    assertEquals(1, j.get("violations").size(), "the trailing CRLF is not part of the password");
  }

  @Test
  void deviceFieldsAreUsed() {
    Run r =
        Run.stdin(
            "Xy!nd021811019863A\n",
            "policy",
            "check",
            "--profile",
            "lorex-guidance",
            "--serial",
            "ND021811019863",
            "--password-stdin");
    assertEquals(3, r.code(), r.all());
    assertTrue(r.out().contains("the device serial number"), r.out());
    assertFalse(r.all().contains("021811019863"));
  }

  @Test
  void nistProfileNeedsFifteen() {
    Run r =
        Run.stdin("correct horse\n", "policy", "check", "--profile", "nist", "--password-stdin");
    assertEquals(3, r.code());
    assertTrue(r.out().contains("TOO_SHORT"));
  }

  @Test
  void promptIsUsedOnlyWhenATerminalIsAttached() {
    CliContext withTerminal =
        CliContext.of(Map.of(), java.io.InputStream.nullInputStream())
            .withPrompt(label -> GOOD.toCharArray());
    Run r = Run.with(withTerminal, "policy", "check");
    assertEquals(0, r.code(), r.all());
  }

  // ---- usage errors: exit 1, a clear message, no stack trace

  @Test
  void unknownProfile() {
    Run r = Run.stdin(GOOD, "policy", "check", "--profile", "hikvision", "--password-stdin");
    assertUsage(r, "unknown profile 'hikvision'");
    assertTrue(r.err().contains("lorex, lorex-guidance, dahua-firmware, nist"), r.err());
  }

  @Test
  void badDate() {
    Run r = Run.stdin(GOOD, "policy", "check", "--birth-date", "17/04/1990", "--password-stdin");
    assertUsage(r, "'17/04/1990' is not a date in the form YYYY-MM-DD");
  }

  @Test
  void missingSecretSource() {
    Run r = Run.of("policy", "check");
    assertUsage(
        r, "no password given: use --password-stdin, --password-env VAR or --password-file");
  }

  @Test
  void passwordFileMissing(@TempDir Path dir) {
    Path f = dir.resolve("nope.txt");
    Run r = Run.of("policy", "check", "--password-file", f.toString());
    assertUsage(r, "cannot read the password file " + f + ": no such file");
  }

  @Test
  void emptyPasswordFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("empty.txt");
    Files.writeString(f, "\n");
    assertUsage(Run.of("policy", "check", "--password-file", f.toString()), "is empty");
  }

  @Test
  void unsetEnvironmentVariable() {
    assertUsage(
        Run.of("policy", "check", "--password-env", "NO_SUCH_VAR"),
        "environment variable NO_SUCH_VAR is not set");
  }

  @Test
  void twoSecretSourcesAreExclusive() {
    Run r =
        Run.with(
            Map.of("PW", GOOD),
            GOOD,
            "policy",
            "check",
            "--password-env",
            "PW",
            "--password-stdin");
    assertUsage(r, "mutually exclusive");
  }

  @Test
  void aSecretTypedAsAnArgumentIsNeverEchoed() {
    Run r = Run.of("policy", "check", "--password", "hunter2-Secret");
    assertUsage(r, "unknown option --password");
    assertTrue(r.err().contains("never given as argument values"), r.err());
    assertFalse(r.all().contains("hunter2"), r.all());
    Run r2 = Run.of("policy", "check", "--password=hunter2-Secret");
    assertEquals(1, r2.code());
    assertFalse(r2.all().contains("hunter2"), r2.all());
  }

  @Test
  void missingSubcommand() {
    assertUsage(Run.of("policy"), "Missing required subcommand");
  }

  @Test
  void usageErrorsWithJsonAlsoWriteJson() throws Exception {
    Run r = Run.of("policy", "check", "--password-env", "NO_SUCH_VAR", "--json");
    assertEquals(1, r.code());
    JsonNode j = JSON.readTree(r.out());
    assertFalse(j.get("ok").asBoolean());
    assertEquals(1, j.get("exitCode").asInt());
    assertEquals("usage", j.get("error").asText());
    Run p = Run.of("policy", "check", "--profile", "x", "--json");
    assertEquals(1, p.code());
    assertEquals("usage", JSON.readTree(p.out()).get("error").asText());
  }

  @Test
  void passwordFileThatIsNotUtf8(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.txt");
    Files.write(f, new byte[] {'p', (byte) 0xE4, 's', 's'});
    assertUsage(Run.of("policy", "check", "--password-file", f.toString()), "not valid UTF-8");
  }

  @Test
  void overlongStdin() {
    Run r = Run.stdin("x".repeat(SecretInput.MAX_BYTES + 1), "policy", "check", "--password-stdin");
    assertUsage(r, "longer than");
  }

  @Test
  void emptyStdin() {
    assertUsage(Run.stdin("", "policy", "check", "--password-stdin"), "is empty");
  }

  @Test
  void onlyTheFirstLineOfStdinIsThePassword() {
    Run r = Run.stdin(GOOD + "\r\nsecond line\n", "policy", "check", "--password-stdin");
    assertEquals(0, r.code(), r.all());
  }

  @Test
  void stdinServesOnlyOneSecret() {
    CliContext ctx = CliContext.of(Map.of(), java.io.InputStream.nullInputStream());
    ctx.claimStdin("--password-stdin");
    CliException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            CliException.class, () -> ctx.claimStdin("--new-password-stdin"));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertTrue(e.getMessage().contains("--new-password-stdin"));
  }

  @Test
  void exceptionsMapToTheDocumentedExitCodes() {
    assertEquals(
        3,
        ExitCodes.of(
            new io.nvrkit.core.PolicyViolationException(
                new io.nvrkit.core.policy.PolicyReport(
                    "p",
                    List.of(
                        new io.nvrkit.core.policy.PolicyViolation(
                            io.nvrkit.core.policy.ViolationCode.TOO_SHORT, "m")),
                    -1,
                    List.of()))));
    assertEquals(4, ExitCodes.of(new io.nvrkit.core.AuthenticationFailedException("wrong")));
    assertEquals(6, ExitCodes.of(new io.nvrkit.core.TlsTrustException("pin mismatch")));
    assertEquals(
        5,
        ExitCodes.of(
            new io.nvrkit.core.AccountLockedException(
                "locked", "https://192.0.2.10:443", "login", null, null)));
    assertEquals(2, ExitCodes.of(new io.nvrkit.core.NvrException("unreachable")));
    assertEquals(7, ExitCodes.of(new CliException(ExitCodes.JOURNAL, "journal")));
    assertEquals(1, ExitCodes.of(new IllegalArgumentException("bad URL")));
    assertEquals(70, ExitCodes.of(new NullPointerException()));
  }

  static void assertUsage(Run r, String message) {
    assertEquals(1, r.code(), r.all());
    assertTrue(r.err().contains(message), r.err());
    assertTrue(r.err().startsWith("nvrctl: "), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  // ---- password generate

  @Test
  void generatePrintsOnePasswordPerLineAndNothingElse() {
    Run r = Run.of("password", "generate", "--count", "50");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(50, lines.size());
    assertTrue(r.out().endsWith("\n") || r.out().endsWith(System.lineSeparator()));
    var policy = io.nvrkit.lorex.LorexPasswordPolicies.defaults();
    for (String l : lines) {
      assertEquals(20, l.length());
      assertTrue(policy.check(io.nvrkit.core.Secret.of(l)).passed());
    }
    assertEquals(50, lines.stream().distinct().count());
    assertEquals("", r.err());
  }

  @Test
  void generateWithProfileAndLength() {
    Run r = Run.of("password", "generate", "--profile", "dahua-firmware", "--length", "32");
    assertEquals(0, r.code(), r.err());
    String pw = r.out().strip();
    assertEquals(32, pw.length());
    assertTrue(
        io.nvrkit.lorex.LorexPasswordPolicies.firmwareLimits()
            .check(io.nvrkit.core.Secret.of(pw))
            .passed());
  }

  @Test
  void generateJson() throws Exception {
    Run r = Run.of("password", "generate", "--count", "3", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals(3, j.get("passwords").size());
    assertEquals("lorex", j.get("profile").asText());
  }

  @Test
  void generateRejectsBadLengthAndCount() {
    assertUsage(
        Run.of("password", "generate", "--profile", "nist", "--length", "14"),
        "--length 14 does not fit profile nist");
    assertUsage(Run.of("password", "generate", "--length", "33"), "does not fit profile lorex");
    assertUsage(Run.of("password", "generate", "--count", "0"), "--count must be between");
    assertUsage(Run.of("password", "generate", "--count", "many"), "'many' is not an int");
    assertEquals("", Run.of("password", "generate", "--count", "0").out(), "stdout stays clean");
  }
}
