package io.nvrkit.core.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nvrkit.core.LockoutLedgers;
import io.nvrkit.core.LoginBudgetExhaustedException;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.core.testing.HandClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger file: shared by processes, owner-only, small, and never trusted when damaged. */
class FileLockoutLedgerTest {
  static final String DEV = "192.0.2.10:80";

  final HandClock clock = new HandClock();
  @TempDir Path dir;

  Path file() {
    return dir.resolve("nvrkit").resolve("lockout-ledger");
  }

  LockoutLedger ledger() {
    return new FileLockoutLedger(file(), clock);
  }

  private void fail(LockoutLedger ledger, String user) {
    ledger.beforeAttempt(DEV, user, 2, DEV, "login");
    ledger.onFailure(DEV, user, 2);
  }

  private String text() throws Exception {
    return Files.readString(file(), StandardCharsets.UTF_8);
  }

  @Test
  void separateInstancesAgreeAndASuccessClearsTheAccount() throws Exception {
    fail(ledger(), "admin");
    fail(ledger(), "admin");
    LoginBudgetExhaustedException e =
        assertThrows(
            LoginBudgetExhaustedException.class,
            () -> ledger().beforeAttempt(DEV, "admin", 2, DEV, "login"));
    assertEquals(1, e.attemptsLeftOnDevice().orElseThrow());
    assertEquals(clock.instant().plus(LockoutLedger.DEFAULT_LOCK), e.safeAfter().orElseThrow());
    assertTrue(text().contains("admin"));

    ledger().onSuccess(DEV, "admin");
    assertFalse(text().contains("admin"), "a success leaves nothing to remember");
    assertDoesNotThrow(() -> ledger().beforeAttempt(DEV, "admin", 2, DEV, "login"));
  }

  @Test
  void theFileAndItsDirectoryAreOwnerOnlyAndHoldNoSecret() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    LockoutLedger ledger = ledger();
    ledger.configure(DEV, "admin", 2, Duration.ofMinutes(30));
    fail(ledger, "admin");
    ledger.onLocked(DEV, "operator", clock.instant().plusSeconds(300));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())));
    // what a line holds: device, user, budget, window, count, times; nothing else
    List<String> lines = Files.readAllLines(file());
    assertEquals(LedgerCodec.HEADER, lines.get(0));
    assertEquals(3, lines.size());
    assertTrue(
        lines.get(1).matches("192\\.0\\.2\\.10%3A80 admin 2 1800 \\d+ 1 \\d+ - -"), lines.get(1));
    assertTrue(
        lines.get(2).matches("192\\.0\\.2\\.10%3A80 operator - - - 1 \\d+ \\d+ -"), lines.get(2));
  }

  @Test
  void aDamagedFileIsReplacedNotTrusted() throws Exception {
    fail(ledger(), "admin");
    fail(ledger(), "operator");
    byte[] good = Files.readAllBytes(file());
    Random random = new Random(42);
    byte[] garbage = new byte[4096];
    random.nextBytes(garbage);
    byte[] huge = new byte[LedgerCodec.MAX_BYTES + 10];
    Arrays.fill(huge, (byte) 'a');
    String tooMany =
        LedgerCodec.HEADER
            + "\n"
            + "x%3A1 u 2 1800 1 1 1 - -\n".repeat(LedgerCodec.MAX_ENTRIES + 1);
    List<byte[]> damaged =
        List.of(
            garbage,
            huge,
            tooMany.getBytes(StandardCharsets.UTF_8),
            (LedgerCodec.HEADER + "\nx y 2 1800 1 99999999 1 - -\n")
                .getBytes(StandardCharsets.UTF_8),
            (LedgerCodec.HEADER + "\nx y - 1800 - 1 - - -\n").getBytes(StandardCharsets.UTF_8),
            (LedgerCodec.HEADER + "\nx%ZZ y 2 1800 1 1 1 - -\n").getBytes(StandardCharsets.UTF_8),
            (LedgerCodec.HEADER + "\nx y 2 1800 1 1 99999999999999 - -\n")
                .getBytes(StandardCharsets.UTF_8),
            "nvrkit-lockout-ledger 9\n".getBytes(StandardCharsets.UTF_8));
    for (byte[] bytes : damaged) {
      Files.write(file(), bytes);
      assertEquals(2, ledger().remaining(DEV, "admin", 2), "an invalid file is not trusted");
      assertTrue(text().startsWith(LedgerCodec.HEADER + "\n"), "and it was replaced");
      assertFalse(text().contains("operator"));
    }
    // truncated at every offset: either a shorter valid ledger or replaced, never an exception
    for (int cut = 0; cut < good.length; cut++) {
      Files.write(file(), Arrays.copyOf(good, cut));
      int left = assertDoesNotThrow(() -> ledger().remaining(DEV, "operator", 2));
      assertTrue(left == 1 || left == 2, "cut at " + cut + ": " + left);
      assertTrue(text().startsWith(LedgerCodec.HEADER), "cut at " + cut);
    }
  }

  @Test
  void aFileOthersMayWriteOrALinkIsNotTrusted() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    fail(ledger(), "admin");
    Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-rw-"));
    assertEquals(2, ledger().remaining(DEV, "admin", 2));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));

    fail(ledger(), "admin");
    Path elsewhere = dir.resolve("elsewhere");
    Files.move(file(), elsewhere);
    Files.createSymbolicLink(file(), elsewhere);
    assertEquals(2, ledger().remaining(DEV, "admin", 2), "a link is not followed");
    assertFalse(Files.isSymbolicLink(file()), "the link was replaced by a file");
    assertTrue(Files.readString(elsewhere).contains("admin"), "its target is untouched");
  }

  @Test
  void lapsedEntriesAreDroppedAndTheCountOfAccountsIsCapped() throws Exception {
    LockoutLedger ledger = ledger();
    for (int i = 0; i < 20; i++) {
      ledger.configure("198.51.100." + i + ":80", "admin", 4, null); // learned budgets only
    }
    for (int i = 0; i < LedgerCodec.MAX_ENTRIES + 10; i++) {
      ledger.onFailure("192.0.2." + (i % 250) + ":" + (80 + i / 250), "admin", 2);
    }
    List<String> lines = Files.readAllLines(file());
    assertEquals(LedgerCodec.MAX_ENTRIES + 1, lines.size());
    assertTrue(
        lines.stream().noneMatch(l -> l.startsWith("198.51.100.")),
        "learned budgets are dropped before failure counts");
    clock.advance(LockoutLedger.DEFAULT_LOCK);
    ledger.onSuccess(DEV, "nobody"); // any write drops what lapsed
    assertEquals(List.of(LedgerCodec.HEADER), Files.readAllLines(file()));
  }

  @Test
  void forgettingADeviceDropsItsAccountsOnly() throws Exception {
    LockoutLedger ledger = ledger();
    fail(ledger, "admin");
    ledger.onFailure("192.0.2.11:80", "admin", 2);
    ledger.forgetDevice(DEV);
    assertEquals(2, ledger.remaining(DEV, "admin", 2));
    assertEquals(1, ledger.remaining("192.0.2.11:80", "admin", 2));
  }

  @Test
  void theDefaultFileFollowsXdgStateHome() {
    Path home = Path.of("/home/op");
    assertEquals(
        Path.of("/var/state/nvrkit/lockout-ledger"),
        LockoutLedgers.defaultFile(Map.of("XDG_STATE_HOME", "/var/state"), home));
    assertEquals(
        Path.of("/home/op/.local/state/nvrkit/lockout-ledger"),
        LockoutLedgers.defaultFile(Map.of(), home));
    assertEquals(
        Path.of("/home/op/.local/state/nvrkit/lockout-ledger"),
        LockoutLedgers.defaultFile(Map.of("XDG_STATE_HOME", "relative"), home),
        "a relative XDG_STATE_HOME is ignored, as the XDG spec says");
  }
}
