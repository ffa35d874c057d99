package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** nvrctl rotate / journal without devices: inventory and journal errors, exit codes. */
class RotateCommandTest {
  @TempDir Path dir;
  static final Map<String, String> ENV = Map.of("JP", "journal-pass", "DEV_PW", "Inventory-Pw-1");

  @BeforeAll
  static void cheap() {}

  @AfterAll
  static void restore() {}

  /** {@code nvrctl rotate} of {@code inventory} into {@code journal}, then any further options. */
  private static Run rotate(String inventory, String journal, String... more) {
    return nvrctl(
        List.of(
            "rotate",
            "--inventory",
            inventory,
            "--journal",
            journal,
            "--journal-passphrase-env",
            "JP"),
        more);
  }

  /** {@code nvrctl rotate --resume} of {@code journal}, then any further options. */
  private static Run resume(String journal, String... more) {
    return nvrctl(
        List.of("rotate", "--resume", "--journal", journal, "--journal-passphrase-env", "JP"),
        more);
  }

  private static Run nvrctl(List<String> args, String... more) {
    List<String> all = new java.util.ArrayList<>(args);
    all.addAll(List.of(more));
    return Run.with(ENV, "", all.toArray(String[]::new));
  }

  private Path inventory(String perms, String body) throws IOException {
    Path p = dir.resolve("fleet.csv");
    Files.writeString(p, body, StandardCharsets.UTF_8);
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }
    return p;
  }

  @Test
  void inventoryReadableByOthersIsRefused() throws IOException {
    assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"), "file system has no POSIX");
    Path inv =
        inventory("rw-r--r--", "url,vendor,user,password\nhttp://127.0.0.1:1,x,admin,Plain-Pw-9\n");
    Run r = rotate(inv.toString(), dir.resolve("j").toString());
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("chmod 600"), r.err());
    assertFalse(r.all().contains("Plain-Pw-9"));
    assertFalse(Files.exists(dir.resolve("j")), "no journal is created for a refused inventory");
  }

  @Test
  void devicesWithoutADriverAreReportedAndExitIsPartial() throws IOException {
    Path inv =
        inventory(
            "rw-------",
            "url,vendor,user,password\n"
                + "http://127.0.0.1:1,nosuchvendor,admin,env:DEV_PW\n"
                + "# a comment\n"
                + "http://127.0.0.1:2,nosuchvendor,admin,\"Quoted,Pw\"\n");
    Path j = dir.resolve("fleet.journal");
    Path report = dir.resolve("report.csv");
    Run r = rotate(inv.toString(), j.toString(), "--report", report.toString());
    assertEquals(ExitCodes.PARTIAL, r.code(), r.all());
    assertTrue(r.out().contains("UNCHANGED http://127.0.0.1:1 admin"), r.out());
    assertTrue(r.out().contains("committed 0, unchanged 2, stuck 0 of 2"), r.out());
    String csv = Files.readString(report);
    assertTrue(csv.startsWith("device,vendor,outcome"));
    assertFalse(csv.contains("Inventory-Pw-1") || csv.contains("Quoted"));

    Run status =
        Run.with(
            ENV,
            "",
            "journal",
            "status",
            "--journal",
            j.toString(),
            "--journal-passphrase-env",
            "JP",
            "--json");
    assertEquals(ExitCodes.PARTIAL, status.code(), status.all());
    assertTrue(status.out().contains("\"devices_total\":2"), status.out());
    assertTrue(status.out().contains("\"not_started\":2"), status.out());

    Run again = rotate(inv.toString(), j.toString());
    assertEquals(
        ExitCodes.JOURNAL, again.code(), "a second rotate on the same journal: " + again.all());

    Path out = dir.resolve("current.csv");
    Run export =
        Run.with(
            ENV,
            "",
            "journal",
            "export",
            "--journal",
            j.toString(),
            "--out",
            out.toString(),
            "--journal-passphrase-env",
            "JP");
    assertEquals(ExitCodes.OK, export.code(), export.all());
    String exported = Files.readString(out);
    assertTrue(
        exported.contains("http://127.0.0.1:1,admin,Inventory-Pw-1"),
        "export holds " + exported.lines().count() + " lines");
    assertTrue(exported.contains("http://127.0.0.1:2,admin,\"Quoted,Pw\""));
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }
  }

  @Test
  void exportWritesTheCandidatesOfAnUncertainDeviceWhenAsked() throws IOException {
    Path j = dir.resolve("fleet.journal");
    try (io.nvrkit.testkit.FakeNvr nvr = io.nvrkit.testkit.FakeNvr.lorex().start()) {
      io.nvrkit.core.rotation.RotationPlan plan =
          io.nvrkit.core.rotation.RotationPlan.builder()
              .target(
                  io.nvrkit.core.rotation.RotationTarget.of(
                      nvr.endpoint(),
                      "lorex",
                      "admin",
                      io.nvrkit.core.Secret.of(io.nvrkit.testkit.FakeNvr.DEFAULT_ADMIN_PASSWORD)))
              .build();
      // the process dies right after journaling SENT: the password is now uncertain
      io.nvrkit.examples.TestKits.hook(
          (step, device) -> {
            if (step == io.nvrkit.core.rotation.RotationStep.SENT) {
              throw new io.nvrkit.core.internal.rotation.SimulatedCrash("died after SENT");
            }
          });
      try (io.nvrkit.core.rotation.RotationJournal journal =
          io.nvrkit.core.rotation.RotationJournal.create(
              io.nvrkit.examples.TestKits.KIT, j, io.nvrkit.core.Secret.of(ENV.get("JP")))) {
        io.nvrkit.core.rotation.Rotation.of(io.nvrkit.examples.TestKits.KIT, plan, journal).run();
      } catch (io.nvrkit.core.internal.rotation.SimulatedCrash expected) {
        // the process "died"
      } finally {
        io.nvrkit.examples.TestKits.hook(null);
      }
      Path out = dir.resolve("current.csv");
      Path candidates = dir.resolve("candidates.csv");
      Run export =
          Run.with(
              ENV,
              "",
              "journal",
              "export",
              "--journal",
              j.toString(),
              "--journal-passphrase-env",
              "JP",
              "--out",
              out.toString(),
              "--candidates-out",
              candidates.toString());
      assertEquals(ExitCodes.PARTIAL, export.code(), export.all());
      assertTrue(export.out().contains("both candidates are in " + candidates), export.out());
      assertFalse(export.all().contains(io.nvrkit.testkit.FakeNvr.DEFAULT_ADMIN_PASSWORD));
      List<String> rows = Files.readAllLines(candidates, StandardCharsets.UTF_8);
      assertEquals(List.of("url,user,candidate,password"), rows.subList(0, 1));
      assertEquals(3, rows.size(), "old and new rows: " + rows.size());
      long accepted =
          rows.subList(1, 3).stream()
              .map(r -> r.split(",", 4)[3])
              // a CSV field with a comma or a quote is quoted, its quotes doubled
              .map(pw -> pw.replaceAll("^\"|\"$", "").replace("\"\"", "\""))
              .filter(pw -> nvr.accepts("admin", io.nvrkit.core.Secret.of(pw)))
              .count();
      assertEquals(1, accepted, "the device accepts exactly one candidate");
      assertEquals(1, Files.readAllLines(out, StandardCharsets.UTF_8).size(), "header only");

      Path same = dir.resolve("both.csv");
      Run clash =
          Run.with(
              ENV,
              "",
              "journal",
              "export",
              "--journal",
              j.toString(),
              "--journal-passphrase-env",
              "JP",
              "--out",
              same.toString(),
              "--candidates-out",
              same.toString());
      assertEquals(ExitCodes.USAGE, clash.code(), clash.all());
      assertFalse(Files.exists(same), "nothing written before the clash was found");
    }
  }

  @Test
  void wrongPassphraseAndTamperingExitWith7() throws IOException {
    Path j = journalOfOneUnknownDriverDevice();
    Run wrong =
        Run.with(
            Map.of("JP", "not the passphrase"),
            "",
            "journal",
            "status",
            "--journal",
            j.toString(),
            "--journal-passphrase-env",
            "JP");
    assertEquals(ExitCodes.JOURNAL, wrong.code(), wrong.all());
    assertTrue(wrong.err().contains("passphrase"), wrong.err());

    try (RandomAccessFile raf = new RandomAccessFile(j.toFile(), "rw")) {
      raf.seek(raf.length() - 30);
      int b = raf.read();
      raf.seek(raf.length() - 30);
      raf.write(b ^ 0x10);
    }
    Run tampered = resume(j.toString());
    assertEquals(ExitCodes.JOURNAL, tampered.code(), tampered.all());
  }

  @Test
  void aSecondRotationOnTheSameJournalIsRefusedWhileTheFirstHoldsIt() throws IOException {
    Path j = journalOfOneUnknownDriverDevice();
    // the first rotation holds the journal (and its exclusive lock) for as long as it runs
    try (io.nvrkit.core.rotation.RotationJournal first =
        io.nvrkit.core.rotation.RotationJournal.open(j, io.nvrkit.core.Secret.of(ENV.get("JP")))) {
      Run second = resume(j.toString());
      assertEquals(ExitCodes.JOURNAL, second.code(), second.all());
      assertTrue(second.err().contains("in use by another process or rotation"), second.err());
      assertTrue(first.recoveryNotes().isEmpty(), "the first holder's journal is untouched");
    }
    // once the first ends, the journal can be resumed
    Run after = resume(j.toString());
    assertEquals(ExitCodes.PARTIAL, after.code(), after.all());
  }

  @Test
  void resumeWithoutAJournalIsAJournalError() {
    Run r = resume(dir.resolve("none").toString());
    assertEquals(ExitCodes.JOURNAL, r.code(), r.all());
  }

  @Test
  void progressBarShowsDoneFailedInFlightRateAndEta() {
    RotationProgress p =
        new RotationProgress(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()),
            false);
    p.started(10);
    io.nvrkit.core.DeviceAccount a =
        io.nvrkit.core.DeviceAccount.of(
            io.nvrkit.core.DeviceEndpoint.of("http://192.0.2.10"), "lorex", "admin");
    p.deviceStarted(a);
    p.deviceStarted(
        io.nvrkit.core.DeviceAccount.of(
            io.nvrkit.core.DeviceEndpoint.of("http://192.0.2.11"), "lorex", "admin"));
    p.deviceFinished(
        new io.nvrkit.core.rotation.RotationReport.DeviceResult(
            a,
            io.nvrkit.core.rotation.RotationReport.Outcome.STUCK,
            "why",
            3,
            1,
            java.time.Duration.ofMillis(5)));
    String bar = p.bar();
    assertTrue(bar.startsWith("\r["), bar);
    assertTrue(bar.contains("1/10"), bar);
    assertTrue(bar.contains("failed 1"), bar);
    assertTrue(bar.contains("in flight 1"), bar);
    assertTrue(bar.contains("/s"), bar);
    assertTrue(bar.contains("ETA "), bar);
  }

  /** A journal left by one rotation of a one-device inventory whose driver is not installed. */
  private Path journalOfOneUnknownDriverDevice() throws IOException {
    Path inv =
        inventory(
            "rw-------", "url,vendor,user,password\nhttp://127.0.0.1:1,nosuch,admin,Pw-123456\n");
    Path j = dir.resolve("fleet.journal");
    rotate(inv.toString(), j.toString());
    return j;
  }
}
