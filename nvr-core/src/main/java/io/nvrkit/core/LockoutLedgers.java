package io.nvrkit.core;

import io.nvrkit.core.spi.LockoutLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Lockout ledgers for {@link NvrKit.Builder#lockoutLedger(LockoutLedger)}: what the kit knows of
 * each device account's failed logins, so that it never spends the login that would lock the
 * account. By default a kit keeps its ledger in memory, which protects the sessions of one kit; a
 * {@linkplain #file(Path) file ledger} also protects separate processes (scripts, cron jobs, a
 * service desk's repeated clicks) that use the same file:
 *
 * <pre>{@code
 * NvrKit kit = NvrKit.builder()
 *     .lockoutLedger(LockoutLedgers.file(LockoutLedgers.defaultFile()))
 *     .build();
 * }</pre>
 *
 * <p>The file holds, per device ({@code host:port}) and user: the failed logins counted, when the
 * last one happened, the learned budget and failure window, a lock's end, and attempts in progress.
 * It never holds a password or any other secret. It is created owner-only, updated under an
 * exclusive file lock (read-modify-write for every reservation and verdict), kept small (lapsed
 * entries dropped, at most 1000 accounts), and replaced by an empty ledger, with a WARN, if it is
 * not valid. Deleting it forgets every count. Thread-safe.
 */
public final class LockoutLedgers {
  private LockoutLedgers() {}

  /**
   * A ledger kept in memory, as a kit has by default.
   *
   * @param clock the clock that times lock ends and failure windows
   * @return the ledger
   */
  public static LockoutLedger inMemory(Clock clock) {
    return LockoutLedger.inMemory(Objects.requireNonNull(clock, "clock"));
  }

  /**
   * A ledger in {@code file} on the system UTC clock.
   *
   * @param file the ledger file; it and its directory are created on first use
   * @return the ledger
   */
  public static LockoutLedger file(Path file) {
    return file(file, Clock.systemUTC());
  }

  /**
   * A ledger in {@code file} on {@code clock} (tests share one controllable clock between kits).
   *
   * @param file the ledger file; it and its directory are created on first use
   * @param clock the clock that times lock ends and failure windows
   * @return the ledger
   */
  public static LockoutLedger file(Path file, Clock clock) {
    return LockoutLedger.file(
        Objects.requireNonNull(file, "file"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The default ledger file of the user: {@code $XDG_STATE_HOME/nvrkit/lockout-ledger}, or {@code
   * ~/.local/state/nvrkit/lockout-ledger} when {@code XDG_STATE_HOME} is unset, empty or relative.
   *
   * @return the path (not created)
   */
  public static Path defaultFile() {
    return defaultFile(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * The default ledger file for the given environment and home directory (see {@link
   * #defaultFile()}).
   *
   * @param environment environment variables; only {@code XDG_STATE_HOME} is read
   * @param home the user's home directory
   * @return the path (not created)
   */
  public static Path defaultFile(Map<String, String> environment, Path home) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(home, "home");
    String xdg = environment.get("XDG_STATE_HOME");
    Path base;
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      base = Path.of(xdg);
    } else {
      base = home.resolve(".local").resolve("state");
    }
    return base.resolve("nvrkit").resolve("lockout-ledger");
  }
}
