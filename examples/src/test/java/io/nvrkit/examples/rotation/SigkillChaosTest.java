package io.nvrkit.examples.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.PersonalityKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's run of issue 12, with real process deaths: {@code nvrctl rotate} runs in a child
 * JVM against 60 fake Lorex recorders (lockout after 3 failed logins, 30 ms latency on every
 * request, 15 % of requests hit by apply-then-drop, a connection reset or HTTP 500) and is killed
 * with SIGKILL ({@link Process#destroyForcibly()} on Linux) right after it has reported a randomly
 * chosen number of devices; a new JVM resumes and is killed the same way; then ONE resume, on the
 * same flaky network, must settle every device: it exits 0, {@code nvrctl journal export} exits 0,
 * every exported password logs in on its device and no account is locked.
 *
 * <p>{@code -Dchaos.rate=0.25} and {@code -Dchaos.seed=N} change the fault rate and the seed; the
 * test prints {@code CHAOS-STUCK n of 60} (the devices the one resume left STUCK) before it
 * asserts.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SigkillChaosTest {
  static final int DEVICES = 60;
  @TempDir Path dir;

  @Test
  void killedTwiceWithSigkillThenOneResumeSettlesEveryDevice() throws Exception {
    double rate = Double.parseDouble(System.getProperty("chaos.rate", "0.15"));
    long seed = Long.getLong("chaos.seed", 99L);
    Random rnd = new Random(seed);
    List<Fault> faults =
        List.of(Fault.applyThenDrop(), Fault.resetBeforeResponse(), Fault.httpStatus(500));
    try (ChaosFleet f =
        new ChaosFleet(PersonalityKind.LOREX, DEVICES, seed, rate, faults, Duration.ofMillis(30))) {
      Path inventory = f.inventory(dir);
      Path journal = dir.resolve("fleet.journal");
      Child first =
          child(
              "rotate",
              "--inventory",
              inventory.toString(),
              "--journal",
              journal.toString(),
              "--journal-passphrase-env",
              "NVR_JOURNAL_PASS",
              "--concurrency",
              "16");
      int k1 = 1 + rnd.nextInt(DEVICES / 2);
      assertTrue(first.killAfterDeviceLines(k1), "the first run ended before it could be killed");
      f.check(journal, null);

      Child second = child(resume(journal));
      int k2 = 1 + rnd.nextInt(DEVICES / 4);
      assertTrue(second.killAfterDeviceLines(k2), "the resume ended before it could be killed");
      f.check(journal, null);

      Child last = child(resume(journal));
      int code = last.waitForExit();
      long stuck = last.lines.stream().filter(l -> l.startsWith("STUCK ")).count();
      last.lines.stream()
          .filter(l -> l.startsWith("STUCK ") || l.startsWith("UNCHANGED "))
          .forEach(l -> System.out.println("CHAOS-LEFT " + l));
      System.out.println(
          "CHAOS-STUCK " + stuck + " of " + DEVICES + " (rate " + rate + ", seed " + seed + ")");
      f.check(journal, null);
      assertEquals(0, code, "one resume did not commit everything:\n" + last.tail());

      Path exported = dir.resolve("export.csv");
      Child export =
          child(
              "journal",
              "export",
              "--journal",
              journal.toString(),
              "--journal-passphrase-env",
              "NVR_JOURNAL_PASS",
              "--out",
              exported.toString());
      assertEquals(0, export.waitForExit(), "journal export:\n" + export.tail());
      Map<String, String> passwords = new HashMap<>();
      List<String> rows = Files.readAllLines(exported, StandardCharsets.UTF_8);
      assertEquals("url,user,password", rows.get(0));
      for (String row : rows.subList(1, rows.size())) {
        // url and user need no quoting; the password is the rest of the row, RFC 4180-quoted
        // when it holds a comma, a quote or a leading/trailing space
        String[] cells = row.split(",", 3);
        String pw = cells[2];
        if (pw.length() >= 2 && pw.startsWith("\"") && pw.endsWith("\"")) {
          pw = pw.substring(1, pw.length() - 1).replace("\"\"", "\"");
        }
        passwords.put(cells[0], pw);
      }
      assertEquals(DEVICES, passwords.size(), "exported rows");
      for (FakeNvr d : f.fleet.devices()) {
        String pw = passwords.get(d.endpoint().toString());
        assertTrue(pw != null, d.endpoint() + " not exported");
        assertTrue(
            d.accepts(ChaosFleet.USER, Secret.of(pw)),
            d.endpoint() + " does not accept its exported password");
        assertFalse(d.accepts(ChaosFleet.USER, Secret.of(ChaosFleet.OLD)), d.endpoint() + " old");
        assertFalse(d.isLocked(ChaosFleet.USER), d.endpoint() + " is locked");
      }
    }
  }

  private static String[] resume(Path journal) {
    return new String[] {
      "rotate",
      "--resume",
      "--journal",
      journal.toString(),
      "--journal-passphrase-env",
      "NVR_JOURNAL_PASS",
      "--concurrency",
      "16"
    };
  }

  private Child child(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(RotateChild.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("NVR_JOURNAL_PASS", "chaos journal passphrase");
    pb.environment().put("NVR_OLD_PW", ChaosFleet.OLD);
    pb.redirectError(dir.resolve("child-" + System.nanoTime() + ".err").toFile());
    return new Child(pb.start());
  }

  static final class Child {
    final Process process;
    final BufferedReader out;
    final List<String> lines = new ArrayList<>();

    Child(Process p) {
      this.process = p;
      this.out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Reads progress lines; SIGKILLs the child right after the k-th device line. */
    boolean killAfterDeviceLines(int k) throws Exception {
      int devices = 0;
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("COMMITTED ")
            || line.startsWith("UNCHANGED ")
            || line.startsWith("STUCK ")) {
          devices++;
          if (devices == k) {
            process.destroyForcibly();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            return true;
          }
        }
      }
      process.waitFor(60, TimeUnit.SECONDS);
      return false;
    }

    int waitForExit() throws Exception {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
      assertTrue(process.waitFor(240, TimeUnit.SECONDS));
      return process.exitValue();
    }

    String tail() {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
  }
}
