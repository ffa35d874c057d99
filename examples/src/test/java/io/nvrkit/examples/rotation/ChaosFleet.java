package io.nvrkit.examples.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.JournalState;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import io.nvrkit.core.rotation.RotationTarget;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeNvrFleet;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.PersonalityKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A fake fleet with random faults (lost answers after apply, resets before the response, HTTP 500,
 * latency) and a lockout after 3 failed logins, plus the invariants every chaos test checks.
 */
final class ChaosFleet implements AutoCloseable {
  static final String USER = "admin";
  static final String OLD = "Old-Passw0rd-1";
  static final Secret PASSPHRASE = Secret.of("chaos journal passphrase");

  final PersonalityKind kind;
  final FakeNvrFleet fleet;

  ChaosFleet(PersonalityKind kind, int size, long seed, double faultRate) {
    this(kind, size, seed, faultRate, faults(), Duration.ZERO);
  }

  /**
   * A fleet hit by {@code faultList} at {@code faultRate}, with {@code latency} on every request.
   */
  ChaosFleet(
      PersonalityKind kind,
      int size,
      long seed,
      double faultRate,
      List<Fault> faultList,
      Duration latency) {
    this.kind = kind;
    this.fleet =
        FakeNvrFleet.builder(kind, size)
            .seed(seed)
            .everyDevice(
                b ->
                    b.user(USER, OLD, AccountLevel.ADMINISTRATOR)
                        .lockout(Lockout.after(3, Duration.ofMinutes(30)))
                        .latency(latency))
            .customize((i, b) -> b.faultAtRandom(seed + i, faultRate, faultList))
            .start();
  }

  /** The random faults: all four kinds, or those named in {@code -Dchaos.faults=a,b}. */
  static List<Fault> faults() {
    String names = System.getProperty("chaos.faults", "");
    if (!names.isBlank()) {
      return java.util.Arrays.stream(names.split(",")).map(Fault::fromName).toList();
    }
    return List.of(
        Fault.applyThenDrop(),
        Fault.resetBeforeResponse(),
        Fault.httpStatus(500),
        Fault.latency(Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  String vendor() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** Stops injecting faults: the network heals. */
  void heal() {
    for (FakeNvr d : fleet.devices()) {
      d.clearFaults();
    }
  }

  RotationPlan plan(int concurrency) {
    RotationPlan.Builder b = settings(concurrency);
    for (FakeNvr d : fleet.devices()) {
      b.target(RotationTarget.of(d.endpoint(), vendor(), USER, Secret.of(OLD)));
    }
    return b.build();
  }

  /** Settings for one "process": fresh drivers (own lockout guards). */
  static RotationPlan.Builder settings(int concurrency) {
    return RotationPlan.builder()
        .driver(FreshProcessDrivers.lorex())
        .driver(FreshProcessDrivers.onvif())
        .driver(FreshProcessDrivers.hikvision())
        .concurrency(concurrency)
        .retryBackoff(Duration.ZERO)
        .deviceTimeout(Duration.ofSeconds(30));
  }

  /** Writes an owner-only CSV inventory of the fleet. */
  Path inventory(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder("url,vendor,user,password\n");
    for (FakeNvr d : fleet.devices()) {
      sb.append(d.endpoint())
          .append(',')
          .append(vendor())
          .append(',')
          .append(USER)
          .append(",env:NVR_OLD_PW\n");
    }
    Path p = dir.resolve("inventory.csv");
    Files.writeString(p, sb, StandardCharsets.UTF_8);
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
    }
    return p;
  }

  /**
   * The invariants: every device accepts the password the journal holds as current (or one of the
   * two candidates of an open rotation); no account is locked; no device got a second new password;
   * the report (if any) matches what the devices accept.
   */
  void check(Path journal, RotationReport report) {
    try (RotationJournal j = RotationJournal.open(journal, PASSPHRASE)) {
      JournalState st = JournalAccess.state(j);
      for (int i = 0; i < fleet.size(); i++) {
        FakeNvr d = fleet.device(i);
        String key = d.endpoint() + " " + USER;
        assertFalse(d.isLocked(USER), key + " is locked");
        JournalState.View v = st.view(key);
        if (v == null) {
          assertTrue(
              d.accepts(USER, Secret.of(OLD)),
              key + ": not journaled, yet not on its old password");
          continue;
        }
        assertTrue(
            v.intents() <= 1,
            key
                + " got "
                + v.intents()
                + " new passwords; last: "
                + v.lastStep()
                + " "
                + v.reason());
        Secret cur = v.current();
        if (cur != null) {
          assertTrue(d.accepts(USER, cur), key + " does not accept the journal's current password");
        } else {
          assertTrue(
              d.accepts(USER, v.txOld()) || d.accepts(USER, v.txNew()),
              key + " accepts neither journaled candidate");
        }
        if (report != null) {
          RotationReport.DeviceResult r = report.devices().get(i);
          assertEquals(key, r.account().toString());
          switch (r.outcome()) {
            case COMMITTED:
              assertFalse(v.open(), key);
              assertEquals(1, v.commits(), key);
              assertTrue(d.accepts(USER, v.current()), key);
              assertFalse(d.accepts(USER, Secret.of(OLD)), key + " committed but old still works");
              break;
            case UNCHANGED:
              assertTrue(
                  d.accepts(USER, Secret.of(OLD)),
                  key + " unchanged but old refused: " + r.reason());
              break;
            default:
              assertNotNull(r.reason());
              assertFalse(r.reason().isEmpty());
          }
        }
      }
    }
  }

  void assertAllCommitted(RotationReport r) {
    assertEquals(
        fleet.size(), r.count(Outcome.COMMITTED), "not all committed: " + r.notCommitted());
  }

  @Override
  public void close() {
    fleet.close();
  }
}
