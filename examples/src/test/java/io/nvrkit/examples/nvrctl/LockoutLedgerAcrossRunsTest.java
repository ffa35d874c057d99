package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.LockoutLedgers;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Lockout;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 12's judge: separate wrong-password {@code nvrctl identity} runs against a recorder that
 * locks after 3 failures leave it unlocked, because the runs share the lockout ledger file.
 */
class LockoutLedgerAcrossRunsTest {
  static final String WRONG = "Wrong-Horse-4471!";
  static final Map<String, String> ENV = Map.of("PW", FakeNvr.DEFAULT_ADMIN_PASSWORD, "BAD", WRONG);

  @TempDir Path dir;

  static FakeNvr start(String kind) {
    FakeNvr.Builder b = kind.equals("lorex") ? FakeNvr.lorex() : FakeNvr.onvif();
    return b.lockout(Lockout.after(3, Duration.ofMinutes(30))).start();
  }

  static String[] identity(FakeNvr nvr, String kind, String passwordEnv, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "identity",
                "--url",
                nvr.endpoint().toString(),
                "--vendor",
                kind,
                "--user",
                "admin",
                "--password-env",
                passwordEnv));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Separate kits (as separate runs are) that share one ledger file. */
  @ParameterizedTest
  @ValueSource(strings = {"lorex", "onvif"})
  void sixWrongRunsLeaveTheDeviceUnlocked(String kind) throws Exception {
    Path ledger = dir.resolve("state").resolve("nvrkit").resolve("lockout-ledger");
    try (FakeNvr nvr = start(kind)) {
      List<Integer> codes = new ArrayList<>();
      String lastErr = "";
      for (int i = 0; i < 6; i++) {
        try (NvrKit kit = NvrKit.builder().lockoutLedger(LockoutLedgers.file(ledger)).build()) {
          Run r =
              Run.with(
                  CliContext.of(ENV, new ByteArrayInputStream(new byte[0])).withKit(kit),
                  identity(nvr, kind, "BAD"));
          codes.add(r.code());
          lastErr = r.err();
        }
      }
      assertEquals(List.of(4, 4, 9, 9, 9, 9), codes, lastErr);
      assertTrue(lastErr.contains("allows about 1 more attempt"), lastErr);
      assertTrue(lastErr.contains("nothing was sent"), lastErr);
      assertFalse(nvr.isLocked("admin"), "the device is not locked");
      assertEquals(2, nvr.failedAttempts("admin"));
      assertTrue(nvr.accepts("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)));

      String text = Files.readString(ledger, StandardCharsets.UTF_8);
      assertTrue(text.contains("admin"), text);
      assertFalse(text.contains(WRONG), "the ledger holds no password");
      assertFalse(text.contains(FakeNvr.DEFAULT_ADMIN_PASSWORD), "the ledger holds no password");
    }
  }

  @Test
  void theDefaultLedgerIsTheStateHomesAndCanBeTurnedOff() throws Exception {
    Map<String, String> env =
        Map.of(
            "PW", FakeNvr.DEFAULT_ADMIN_PASSWORD, "BAD", WRONG, "XDG_STATE_HOME", dir.toString());
    try (FakeNvr nvr = start("lorex")) {
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        codes.add(
            Run.with(
                    CliContext.of(env, new ByteArrayInputStream(new byte[0])),
                    identity(nvr, "lorex", "BAD"))
                .code());
      }
      assertEquals(List.of(4, 4, 9), codes);
      assertTrue(Files.exists(dir.resolve("nvrkit").resolve("lockout-ledger")));
      Run both =
          Run.with(
              CliContext.of(env, new ByteArrayInputStream(new byte[0])),
              identity(nvr, "lorex", "PW", "--no-lockout-ledger", "--lockout-ledger", "x"));
      assertEquals(1, both.code(), both.all());
      // opting out: this run knows nothing of the others, and the right password works
      Run right =
          Run.with(
              CliContext.of(env, new ByteArrayInputStream(new byte[0])),
              identity(nvr, "lorex", "PW", "--no-lockout-ledger"));
      assertEquals(0, right.code(), right.all());
      assertFalse(nvr.isLocked("admin"));
    }
  }

  /** A per-call budget (ConnectOptions.attemptBudget) is never stored as the device's. */
  @ParameterizedTest
  @ValueSource(strings = {"lorex", "onvif"})
  void anExplicitBudgetAppliesToThatCallOnly(String kind) {
    try (FakeNvr nvr = start(kind);
        NvrKit kit = NvrKit.builder().build()) {
      io.nvrkit.core.ConnectOptions one =
          io.nvrkit.core.ConnectOptions.builder().driver(kind).attemptBudget(1).build();
      io.nvrkit.core.ConnectOptions device =
          io.nvrkit.core.ConnectOptions.builder().driver(kind).build();
      assertEquals(
          io.nvrkit.core.AuthenticationFailedException.class, failure(kit, nvr, one).getClass());
      assertEquals(
          io.nvrkit.core.LoginBudgetExhaustedException.class,
          failure(kit, nvr, one).getClass(),
          "the explicit budget of 1 is spent");
      assertEquals(
          io.nvrkit.core.AuthenticationFailedException.class,
          failure(kit, nvr, device).getClass(),
          "the device's own budget (2) still allows a second failure");
      assertEquals(
          io.nvrkit.core.LoginBudgetExhaustedException.class, failure(kit, nvr, device).getClass());
      assertEquals(2, nvr.failedAttempts("admin"));
      assertFalse(nvr.isLocked("admin"));
    }
  }

  private static RuntimeException failure(
      NvrKit kit, FakeNvr nvr, io.nvrkit.core.ConnectOptions options) {
    try (io.nvrkit.core.NvrClient c =
        kit.connect(
            nvr.endpoint(), io.nvrkit.core.Credentials.of("admin", Secret.of(WRONG)), options)) {
      c.identity();
    } catch (io.nvrkit.core.NvrException e) {
      return e;
    }
    throw new AssertionError("a wrong password was accepted");
  }

  @Test
  void aRefusedLastAttemptHasItsOwnExitCode() {
    var refused = new io.nvrkit.core.LoginBudgetExhaustedException("refused", null, "login");
    assertEquals(ExitCodes.LAST_ATTEMPT, ExitCodes.of(refused));
    assertEquals(9, ExitCodes.LAST_ATTEMPT);
    assertEquals("last-attempt-refused", ExitCodes.name(ExitCodes.LAST_ATTEMPT));
  }

  /** The same judge with real, separate nvrctl processes. */
  @Test
  void separateProcessesShareTheLedger() throws Exception {
    Path ledger = dir.resolve("ledger");
    try (FakeNvr nvr = start("lorex")) {
      List<Integer> codes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        codes.add(nvrctl(identity(nvr, "lorex", "BAD", "--lockout-ledger", ledger.toString())));
      }
      assertEquals(List.of(4, 4, 9, 9, 9, 9), codes);
      assertFalse(nvr.isLocked("admin"), "six separate runs did not lock the account");
      String[] shared = {"--lockout-ledger", ledger.toString()};
      assertEquals(9, nvrctl(identity(nvr, "lorex", "PW", shared)), "the last attempt is kept");
      // the operator is sure of the password and spends the last attempt knowingly
      assertEquals(
          0,
          nvrctl(
              identity(
                  nvr,
                  "lorex",
                  "PW",
                  "--lockout-ledger",
                  ledger.toString(),
                  "--attempt-budget",
                  "3")),
          "the right password then works");
      assertEquals(0, nvrctl(identity(nvr, "lorex", "PW", shared)), "and cleared the count");
      assertEquals(0, nvr.failedAttempts("admin"));
    }
  }

  private int nvrctl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Nvrctl.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(ENV);
    pb.environment().put("XDG_STATE_HOME", dir.resolve("unused-state").toString());
    Path out = dir.resolve("run-" + System.nanoTime() + ".txt");
    pb.redirectErrorStream(true).redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("nvrctl did not finish");
    }
    String text = Files.readString(out);
    assertFalse(text.contains(WRONG), "no password in the output");
    return p.exitValue();
  }
}
