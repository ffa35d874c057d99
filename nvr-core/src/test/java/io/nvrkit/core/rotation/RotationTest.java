package io.nvrkit.core.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.rotation.MemoryFleet.ChangeFault;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine behaviour against the in-memory SPI double. */
class RotationTest {
  static final Secret PASS = Secret.of("journal passphrase");
  @TempDir Path dir;

  @BeforeAll
  static void cheapKdf() {}

  @AfterAll
  static void restoreKdf() {}

  static final class Fixture {
    final MemoryFleet fleet = new MemoryFleet(42);
    final List<DeviceEndpoint> endpoints = new ArrayList<>();
    final RotationPlan.Builder plan;

    Fixture(int n) {
      List<RotationTarget> targets = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        DeviceEndpoint e = fleet.add(i, "admin", "Old-password-" + i);
        endpoints.add(e);
        targets.add(
            RotationTarget.of(e, MemoryFleet.VENDOR, "admin", Secret.of("Old-password-" + i)));
      }
      plan =
          RotationPlan.builder()
              .targets(targets)
              .driver(fleet.driver())
              .retryBackoff(Duration.ZERO)
              .concurrency(8);
    }

    MemoryFleet.Account account(int i) {
      return fleet.account(endpoints.get(i), "admin");
    }
  }

  private RotationJournal journal() {
    return RotationJournal.create(TestRotationKit.KIT, dir.resolve("r.journal"), PASS);
  }

  private static JournalState state(RotationJournal j) {
    return j.internal().state();
  }

  @Test
  void rotatesEveryDeviceVerifiesAndCommits() {
    Fixture f = new Fixture(20);
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    RotationListener listener =
        new RotationListener() {
          @Override
          public void started(int devices) {
            events.add("started " + devices);
          }

          @Override
          public void deviceFinished(RotationReport.DeviceResult r) {
            events.add(r.outcome().name());
          }
        };
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, f.plan.build(), j, listener).run();
      assertTrue(r.allCommitted(), r.toJson());
      assertEquals("started 20", events.get(0));
      assertEquals(21, events.size());
      for (int i = 0; i < 20; i++) {
        MemoryFleet.Account a = f.account(i);
        JournalState.View v = state(j).view(f.endpoints.get(i) + " admin");
        assertTrue(f.fleet.accepts(f.endpoints.get(i), "admin", v.current()));
        assertFalse(f.fleet.accepts(f.endpoints.get(i), "admin", Secret.of("Old-password-" + i)));
        assertEquals(1, a.changesApplied);
        assertEquals(1, a.failedLogins, "the old-password check spends exactly one failed login");
        RotationReport.DeviceResult d = r.devices().get(i);
        assertEquals(1, d.failedLogins());
        // login(2)+change(1) + fresh login(2) + refused old login(1)
        assertEquals(6, d.roundTrips());
      }
      assertEquals(20, j.status().count(JournalStatus.State.COMMITTED));
    }
  }

  @Test
  void oldPasswordCheckCanBeTurnedOff() {
    Fixture f = new Fixture(3);
    try (RotationJournal j = journal()) {
      RotationReport r =
          Rotation.of(TestRotationKit.KIT, f.plan.verifyOldPasswordRefused(false).build(), j).run();
      assertTrue(r.allCommitted());
      for (int i = 0; i < 3; i++) {
        assertEquals(0, f.account(i).failedLogins);
      }
    }
  }

  @Test
  void lostAnswerAfterApplyIsFoundWithTheNewPasswordWithoutAFailedLogin() {
    Fixture f = new Fixture(5);
    for (DeviceEndpoint e : f.endpoints) {
      f.fleet.stickyFaults.put(e.key(), ChangeFault.APPLY_THEN_DROP);
    }
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
      assertTrue(r.allCommitted(), r.toJson());
      for (int i = 0; i < 5; i++) {
        assertEquals(1, f.account(i).changesApplied);
        assertEquals(1, f.account(i).failedLogins, "only the old-password check");
      }
    }
  }

  @Test
  void resetBeforeTheChangeIsResentWithTheSamePassword() {
    Fixture f = new Fixture(1);
    f.fleet.stickyFaults.put(f.endpoints.get(0).key(), ChangeFault.RESET_BEFORE);
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, f.plan.maxSends(2).build(), j).run();
      assertEquals(Outcome.UNCHANGED, r.devices().get(0).outcome(), r.toJson());
      assertTrue(r.devices().get(0).reason().contains("still has its old password"));
      // probe new (refused) then old (accepted); after the re-send is lost too, the old one
      // first (accepted): one refusal in all
      assertEquals(1, f.account(0).failedLogins);
      assertEquals(1, f.account(0).maxConsecutiveFailures);
      JournalState.View v = state(j).view(f.endpoints.get(0) + " admin");
      assertTrue(v.open());
      Secret chosen = Secret.of(v.txNew().copyChars());
      assertEquals(JournalStatus.State.UNCHANGED, j.status().devices().get(0).state());

      // the fault clears; retry the failed devices as a group: same new password, not a second
      f.fleet.stickyFaults.clear();
      RotationReport again = Rotation.of(TestRotationKit.KIT, f.plan.build(), j).resume();
      assertTrue(again.allCommitted(), again.toJson());
      assertTrue(f.fleet.accepts(f.endpoints.get(0), "admin", chosen));
      assertEquals(1, f.account(0).passwordsSet.size());
    }
  }

  /**
   * A device that loses every change request, and does not clear its failure count on a success
   * (some firmware): with the default plan (several sends) the run stops re-sending before the
   * refused logins it spent could lock the account, and a resume adds none while it still fails.
   */
  @Test
  void changesLostEveryTimeNeverLockADeviceThatRemembersFailures() {
    Fixture f = new Fixture(1);
    f.fleet.successClearsFailures = false;
    f.fleet.stickyFaults.put(f.endpoints.get(0).key(), ChangeFault.RESET_BEFORE);
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
      RotationReport.DeviceResult d = r.devices().get(0);
      assertEquals(Outcome.UNCHANGED, d.outcome(), r.toJson());
      assertFalse(f.account(0).locked, "locked after " + f.account(0).failedLogins + " refusals");
      assertTrue(
          f.account(0).consecutiveFailures < MemoryFleet.LOCKOUT_THRESHOLD - 1,
          "the run left " + f.account(0).consecutiveFailures + " failures on the device");
      RotationReport again = Rotation.of(TestRotationKit.KIT, f.plan.build(), j).resume();
      assertFalse(f.account(0).locked, again.toJson());
      assertTrue(
          f.account(0).maxConsecutiveFailures < MemoryFleet.LOCKOUT_THRESHOLD,
          "failures in a row: " + f.account(0).maxConsecutiveFailures);
    }
  }

  @Test
  void deviceRefusalLeavesTheDeviceUnchangedWithItsCode() {
    Fixture f = new Fixture(2);
    f.fleet.stickyFaults.put(f.endpoints.get(1).key(), ChangeFault.REJECT);
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
      assertEquals(Outcome.COMMITTED, r.devices().get(0).outcome());
      RotationReport.DeviceResult d = r.devices().get(1);
      assertEquals(Outcome.UNCHANGED, d.outcome());
      assertTrue(d.reason().contains("E42"), d.reason());
      assertTrue(f.fleet.accepts(f.endpoints.get(1), "admin", Secret.of("Old-password-1")));
      assertEquals(
          Secret.of("Old-password-1"), state(j).view(f.endpoints.get(1) + " admin").current());
    }
  }

  @Test
  void refusedInventoryPasswordIsStuckAndNeverTriedAgain() {
    Fixture f = new Fixture(2);
    f.account(0).password = Secret.of("someone-else-changed-it");
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
      assertEquals(Outcome.STUCK, r.devices().get(0).outcome());
      assertTrue(r.devices().get(0).reason().contains("break-glass"));
      assertEquals(Outcome.COMMITTED, r.devices().get(1).outcome());
      RotationReport again = Rotation.of(TestRotationKit.KIT, f.plan.build(), j).resume();
      assertEquals(Outcome.STUCK, again.devices().get(0).outcome());
      assertEquals(Outcome.COMMITTED, again.devices().get(1).outcome());
      assertEquals(1, f.account(0).failedLogins, "resume must not spend another attempt");
      assertEquals(1, f.account(1).changesApplied, "a committed device is not rotated twice");
    }
  }

  @Test
  void givenNewPasswordIsUsedAndAPolicyViolationSendsNothing() {
    Fixture f = new Fixture(2);
    RotationPlan plan = f.plan.build().toBuilder().build();
    List<RotationTarget> ts = new ArrayList<>();
    ts.add(plan.targets().get(0).withNewPassword(Secret.of("Given-Password-123!")));
    ts.add(plan.targets().get(1).withNewPassword(Secret.of("short")));
    RotationPlan p2 =
        RotationPlan.builder()
            .targets(ts)
            .driver(f.fleet.driver())
            .retryBackoff(Duration.ZERO)
            .build();
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, p2, j).run();
      assertEquals(Outcome.COMMITTED, r.devices().get(0).outcome());
      assertTrue(f.fleet.accepts(f.endpoints.get(0), "admin", Secret.of("Given-Password-123!")));
      assertEquals(Outcome.UNCHANGED, r.devices().get(1).outcome());
      assertTrue(r.devices().get(1).reason().contains("TOO_SHORT"), r.devices().get(1).reason());
      assertEquals(0, f.account(1).changesApplied);
    }
  }

  @Test
  void reportAndStatusNeverContainASecret() {
    Fixture f = new Fixture(4);
    f.fleet.stickyFaults.put(f.endpoints.get(2).key(), ChangeFault.APPLY_THEN_DROP);
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
      StringWriter json = new StringWriter();
      r.writeJson(json);
      StringWriter csv = new StringWriter();
      r.writeCsv(csv);
      String all = json + "\n" + csv + "\n" + j.status().toJson() + r + j.status();
      for (JournalState.View v : state(j).views()) {
        assertFalse(all.contains(new String(v.current().copyChars())));
      }
      assertFalse(all.contains("Old-password"));
      assertTrue(csv.toString().startsWith("device,vendor,outcome,reason,round_trips"));
      assertTrue(json.toString().contains("\"committed\":4"));
    }
  }

  @Test
  void exportWritesAnOwnerOnlyCsvAndIsRecorded() throws IOException {
    Fixture f = new Fixture(3);
    Path out = dir.resolve("current.csv");
    try (RotationJournal j = journal()) {
      Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
      JournalExport e = j.exportCsv(out);
      assertEquals(3, e.exported());
      assertTrue(e.uncertain().isEmpty());
      assertEquals(1, j.status().exports());
      JournalException again = assertThrows(JournalException.class, () -> j.exportCsv(out));
      assertEquals(JournalException.Kind.FILE_STATE, again.kind());
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals("url,user,password", lines.get(0));
    assertEquals(4, lines.size());
    for (int i = 0; i < 3; i++) {
      String[] cols = lines.get(i + 1).split(",", 3);
      assertEquals(f.endpoints.get(i).toString(), cols[0]);
      assertTrue(
          f.fleet.accepts(
              f.endpoints.get(i),
              "admin",
              Secret.of(cols[2].replace("\"\"", "\"").replaceAll("^\"|\"$", ""))));
    }
    try (RotationJournal j = RotationJournal.open(dir.resolve("r.journal"), PASS)) {
      assertEquals(1, j.status().exports(), "the export is recorded in the journal");
    }
  }

  @Test
  void candidatesOfAnUncertainDeviceAreExportedForTheBreakGlassPath() throws IOException {
    Fixture f = new Fixture(3);
    Path jp = dir.resolve("r.journal");
    // the process dies right after journaling SENT for the first device that reaches it: that
    // device's password is uncertain (old, or new if the change went out)
    TestRotationKit.hook(
        (step, device) -> {
          if (step == RotationStep.SENT) {
            throw new io.nvrkit.core.internal.rotation.SimulatedCrash("died after SENT");
          }
        });
    try (RotationJournal j = RotationJournal.create(TestRotationKit.KIT, jp, PASS)) {
      Rotation.of(TestRotationKit.KIT, f.plan.concurrency(1).build(), j).run();
    } catch (io.nvrkit.core.internal.rotation.SimulatedCrash expected) {
      // the process "died"
    } finally {
      TestRotationKit.hook(null);
    }
    Path current = dir.resolve("current.csv");
    Path candidates = dir.resolve("candidates.csv");
    try (RotationJournal j = RotationJournal.open(jp, PASS)) {
      JournalExport e = j.exportCsv(current);
      assertEquals(1, e.uncertain().size(), "one device is uncertain: " + e);
      JournalExport c = j.exportCandidatesCsv(candidates);
      assertEquals(e.uncertain(), c.uncertain());
      assertEquals(1, c.exported());
      assertEquals(2, j.status().exports(), "both exports are recorded in the journal");
      JournalException again =
          assertThrows(JournalException.class, () -> j.exportCandidatesCsv(candidates));
      assertEquals(JournalException.Kind.FILE_STATE, again.kind());
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(candidates)));
    }
    List<String> lines = Files.readAllLines(candidates, StandardCharsets.UTF_8);
    assertEquals("url,user,candidate,password", lines.get(0));
    assertEquals(3, lines.size(), "an old and a new row for the one uncertain device");
    String url = lines.get(1).split(",", 4)[0];
    int i = f.endpoints.stream().map(DeviceEndpoint::toString).toList().indexOf(url);
    assertTrue(i >= 0, "the row names a planned device");
    int accepted = 0;
    for (String line : lines.subList(1, 3)) {
      String[] cols = line.split(",", 4);
      assertEquals(url, cols[0]);
      assertEquals("admin", cols[1]);
      String pw = cols[3].replaceAll("^\"|\"$", "").replace("\"\"", "\"");
      if (cols[2].equals("old")) {
        assertEquals("Old-password-" + i, pw);
      } else {
        assertEquals("new", cols[2]);
      }
      accepted += f.fleet.accepts(f.endpoints.get(i), "admin", Secret.of(pw)) ? 1 : 0;
    }
    assertEquals(1, accepted, "the device accepts exactly one of the two candidates");
  }

  @Test
  void exportToASinkLeavesOutUncertainDevices() {
    Fixture f = new Fixture(3);
    f.fleet.stickyFaults.put(f.endpoints.get(1).key(), ChangeFault.APPLY_THEN_DROP);
    f.fleet.loginFaultRate = 0;
    try (RotationJournal j = journal()) {
      Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
      // make device 1 uncertain: an open transaction whose change may have been sent
      Map<String, String> got = new ConcurrentHashMap<>();
      JournalExport e =
          j.export(
              (account, pw) -> got.put(account.endpoint().toString(), new String(pw.copyChars())));
      assertEquals(3, e.exported());
      for (int i = 0; i < 3; i++) {
        assertTrue(
            f.fleet.accepts(
                f.endpoints.get(i), "admin", Secret.of(got.get(f.endpoints.get(i).toString()))));
      }
    }
  }

  @Test
  void runTwiceOnOneJournalIsRefused() {
    Fixture f = new Fixture(1);
    try (RotationJournal j = journal()) {
      Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
      assertThrows(
          IllegalStateException.class,
          () -> Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run());
    }
  }

  @Test
  void resumeAfterReopenReportsCommittedDevicesWithoutContactingThem() {
    Fixture f = new Fixture(3);
    Path p = dir.resolve("r.journal");
    try (RotationJournal j = RotationJournal.create(TestRotationKit.KIT, p, PASS)) {
      Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run();
    }
    long before = f.fleet.requests.get();
    try (RotationJournal j = RotationJournal.open(p, PASS)) {
      RotationReport r =
          Rotation.of(
                  TestRotationKit.KIT, RotationPlan.builder().driver(f.fleet.driver()).build(), j)
              .resume();
      assertTrue(r.allCommitted());
      assertTrue(r.devices().get(0).reason().startsWith("committed earlier"));
    }
    assertEquals(before, f.fleet.requests.get());
  }

  @Test
  void unreachableDeviceIsUnchangedAndNeedsNoTransaction() {
    Fixture f = new Fixture(2);
    f.fleet.loginFaultRate = 1.0;
    try (RotationJournal j = journal()) {
      RotationReport r = Rotation.of(TestRotationKit.KIT, f.plan.loginAttempts(2).build(), j).run();
      assertEquals(2, r.count(Outcome.UNCHANGED));
      assertTrue(r.devices().get(0).reason().contains("503"));
      assertNull(state(j).view(f.endpoints.get(0) + " admin").txNew());
      assertNotNull(state(j).view(f.endpoints.get(0) + " admin").current());
      assertEquals(2, r.devices().get(0).roundTrips());
    }
  }
}
