package io.nvrkit.examples.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.JournalStatus;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.PersonalityKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof with a real process death: {@code nvrctl rotate} runs in a child JVM against 200 fake
 * recorders (random faults, lockout after 3) and is killed with SIGKILL ({@link
 * Process#destroyForcibly()} on Linux) right after it has reported a randomly chosen number of
 * devices on stdout; a new JVM resumes and is killed the same way; a third finishes. After each
 * death and at the end: every device accepts the journal's password, none is locked, none got a
 * second new password; finally every device is committed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SigkillChaosTest {
  static final int DEVICES = 200;
  @TempDir Path dir;

  @Test
  void killedWithSigkillAndResumedInNewJvms() throws Exception {
    Random rnd = new Random(99);
    try (ChaosFleet f = new ChaosFleet(PersonalityKind.LOREX, DEVICES, 99, 0.03)) {
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

      Child second =
          child(
              "rotate",
              "--resume",
              "--journal",
              journal.toString(),
              "--journal-passphrase-env",
              "NVR_JOURNAL_PASS",
              "--concurrency",
              "16");
      int k2 = 1 + rnd.nextInt(DEVICES / 4);
      second.killAfterDeviceLines(k2);
      f.check(journal, null);

      f.heal();
      Child last =
          child(
              "rotate",
              "--resume",
              "--journal",
              journal.toString(),
              "--journal-passphrase-env",
              "NVR_JOURNAL_PASS",
              "--concurrency",
              "16",
              "--report",
              dir.resolve("report.json").toString());
      int code = last.waitForExit();
      assertEquals(0, code, "the final resume did not commit everything:\n" + last.tail());
      f.check(journal, null);
      try (RotationJournal j = RotationJournal.open(journal, ChaosFleet.PASSPHRASE)) {
        assertEquals(DEVICES, j.status().count(JournalStatus.State.COMMITTED));
      }
      for (FakeNvr d : f.fleet.devices()) {
        assertFalse(d.accepts(ChaosFleet.USER, Secret.of(ChaosFleet.OLD)));
      }
    }
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
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            return true;
          }
        }
      }
      process.waitFor(30, TimeUnit.SECONDS);
      return false;
    }

    int waitForExit() throws Exception {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
      assertTrue(process.waitFor(120, TimeUnit.SECONDS));
      return process.exitValue();
    }

    String tail() {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
  }
}
