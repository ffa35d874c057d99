package io.nvrkit.testkit.internal.state;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.DevicePasswordRules;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.Lockout;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The state of one fake device, shared by its personality and the test: identity, accounts,
 * password rules, lockout counters, the temporary password of a reset, and RPC sessions.
 *
 * <p>Thread-safe: every method is atomic (one lock per device). Passwords are kept as {@code
 * char[]} and wiped when replaced.
 */
public final class DeviceState {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_COUNTERS = 4096;

  private final FakeClock clock;
  private final FakeIdentity initialIdentity;
  private final List<AccountSpec> initialAccounts;
  private final Lockout initialLockout;
  private final DevicePasswordRules rules;

  private FakeIdentity identity;
  private Lockout lockout;
  private final Map<String, Account.Mutable> accounts = new LinkedHashMap<>();
  private final Map<String, Counter> counters = new HashMap<>();
  private final Map<String, Session> sessions = new HashMap<>();
  private int nextId;
  private String tempUser;
  private char[] tempPassword;
  private Instant tempValidUntil;

  private static final class Counter {
    int failures;
    Instant lockedUntil;
  }

  /** What a password change or account operation came to. */
  public enum Change {
    /** Done. */
    OK,
    /** No such account. */
    NO_SUCH_USER,
    /** The old password was wrong. */
    WRONG_OLD_PASSWORD,
    /** The new password breaks the device's rules. */
    POLICY,
    /** The account already exists. */
    EXISTS,
    /** The account is reserved (built-in) and cannot be deleted. */
    RESERVED,
    /** A name or value is not acceptable. */
    INVALID
  }

  /**
   * A device's state.
   *
   * @param identity the identity
   * @param accounts the initial accounts (passwords are copied)
   * @param lockout the lockout settings
   * @param rules the device's password rules
   * @param clock the device's clock
   */
  public DeviceState(
      FakeIdentity identity,
      List<AccountSpec> accounts,
      Lockout lockout,
      DevicePasswordRules rules,
      FakeClock clock) {
    this.initialIdentity = Objects.requireNonNull(identity, "identity");
    List<AccountSpec> copy = new ArrayList<>();
    for (AccountSpec a : accounts) {
      copy.add(new AccountSpec(a.name(), a.password().clone(), a.level(), a.reserved()));
    }
    this.initialAccounts = List.copyOf(copy);
    this.initialLockout = Objects.requireNonNull(lockout, "lockout");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.clock = Objects.requireNonNull(clock, "clock");
    reset();
  }

  /** Back to the initial identity, accounts and lockout; counters, sessions and grants cleared. */
  public synchronized void reset() {
    identity = initialIdentity;
    lockout = initialLockout;
    for (Account.Mutable m : accounts.values()) {
      Arrays.fill(m.password, '\0');
    }
    accounts.clear();
    counters.clear();
    sessions.clear();
    clearTemporary();
    nextId = 1;
    for (AccountSpec a : initialAccounts) {
      Account.Mutable m = new Account.Mutable();
      m.id = nextId++;
      m.name = a.name();
      m.password = a.password().clone();
      m.level = a.level();
      m.reserved = a.reserved();
      m.authorities = defaultAuthorities(a.level());
      m.passwordModified = clock.now();
      accounts.put(a.name(), m);
    }
  }

  /**
   * The device's clock.
   *
   * @return the clock
   */
  public FakeClock clock() {
    return clock;
  }

  /**
   * The identity.
   *
   * @return the identity
   */
  public synchronized FakeIdentity identity() {
    return identity;
  }

  /**
   * Replaces the identity (e.g. a {@code setConfig} of the machine name).
   *
   * @param id the identity
   */
  public synchronized void setIdentity(FakeIdentity id) {
    this.identity = Objects.requireNonNull(id, "id");
  }

  /**
   * The lockout settings.
   *
   * @return the settings
   */
  public synchronized Lockout lockout() {
    return lockout;
  }

  /**
   * Changes the lockout settings.
   *
   * @param l the settings
   */
  public synchronized void setLockout(Lockout l) {
    this.lockout = Objects.requireNonNull(l, "l");
  }

  /**
   * The device's password rules.
   *
   * @return the rules
   */
  public DevicePasswordRules rules() {
    return rules;
  }

  // ---------------------------------------------------------------- authentication

  /**
   * One counted login attempt. {@code check} is called with the stored password (and, for the user
   * a temporary password was issued to, with that password while it is valid) and says whether the
   * client's proof matches; the arrays passed to it must not be kept.
   *
   * @param user the user name
   * @param check whether the client's proof matches a candidate password
   * @return the outcome
   */
  public synchronized LoginResult login(String user, Predicate<char[]> check) {
    Instant now = clock.now();
    Counter c = counters.get(user);
    if (c == null) {
      c = new Counter();
      // Names that are not accounts are counted too (a device should not reveal which names
      // exist), but only up to a bound, so a flood of random names cannot exhaust memory.
      if (accounts.containsKey(user) || counters.size() < MAX_COUNTERS) {
        counters.put(user, c);
      }
    }
    if (c.lockedUntil != null) {
      if (now.isBefore(c.lockedUntil)) {
        return new LoginResult(
            LoginResult.Outcome.LOCKED, 0, Duration.between(now, c.lockedUntil), false);
      }
      c.lockedUntil = null;
      c.failures = 0;
    }
    Account.Mutable a = accounts.get(user);
    boolean ok = false;
    boolean viaTemp = false;
    if (a != null) {
      ok = check.test(a.password);
      if (!ok && temporaryValidFor(user, now)) {
        ok = check.test(tempPassword);
        viaTemp = ok;
      }
    }
    if (ok) {
      c.failures = 0;
      return new LoginResult(LoginResult.Outcome.OK, lockout.attempts(), Duration.ZERO, viaTemp);
    }
    c.failures++;
    if (lockout.enabled() && c.failures >= lockout.attempts()) {
      c.lockedUntil = now.plus(lockout.lockTime());
      return new LoginResult(LoginResult.Outcome.FAILED_NOW_LOCKED, 0, lockout.lockTime(), false);
    }
    return new LoginResult(
        LoginResult.Outcome.FAILED,
        Math.max(0, lockout.attempts() - c.failures),
        Duration.ZERO,
        false);
  }

  /**
   * Whether {@code check} accepts the stored password of {@code user} (or its valid temporary
   * password), without counting anything and ignoring locks.
   *
   * @param user the user
   * @param check whether the client's proof matches a candidate password
   * @return true if it matches
   */
  public synchronized boolean wouldAccept(String user, Predicate<char[]> check) {
    Account.Mutable a = accounts.get(user);
    if (a == null) {
      return false;
    }
    return check.test(a.password)
        || (temporaryValidFor(user, clock.now()) && check.test(tempPassword));
  }

  /**
   * Whether {@code user} is locked now, without counting anything.
   *
   * @param user the user
   * @return true if locked
   */
  public synchronized boolean isLocked(String user) {
    Counter c = counters.get(user);
    return c != null && c.lockedUntil != null && clock.now().isBefore(c.lockedUntil);
  }

  /**
   * How long {@code user} stays locked.
   *
   * @param user the user
   * @return the remaining lock, zero if not locked
   */
  public synchronized Duration remainingLock(String user) {
    Counter c = counters.get(user);
    Instant now = clock.now();
    if (c == null || c.lockedUntil == null || !now.isBefore(c.lockedUntil)) {
      return Duration.ZERO;
    }
    return Duration.between(now, c.lockedUntil);
  }

  /**
   * Consecutive failed logins of {@code user} since the last success or lock expiry.
   *
   * @param user the user
   * @return the count
   */
  public synchronized int failedAttempts(String user) {
    Counter c = counters.get(user);
    if (c == null) {
      return 0;
    }
    if (c.lockedUntil != null && !clock.now().isBefore(c.lockedUntil)) {
      return 0;
    }
    return c.failures;
  }

  /**
   * Whether {@code password} would log {@code user} in now (its own password, or a valid temporary
   * password). Counts nothing and ignores locks.
   *
   * @param user the user
   * @param password the candidate (not kept)
   * @return true if it matches
   */
  public synchronized boolean accepts(String user, char[] password) {
    Account.Mutable a = accounts.get(user);
    if (a == null) {
      return false;
    }
    return equal(a.password, password)
        || (temporaryValidFor(user, clock.now()) && equal(tempPassword, password));
  }

  // ---------------------------------------------------------------- accounts

  /**
   * All accounts, in creation order.
   *
   * @return snapshots
   */
  public synchronized List<Account> accounts() {
    List<Account> out = new ArrayList<>();
    for (Account.Mutable m : accounts.values()) {
      out.add(m.snapshot());
    }
    return out;
  }

  /**
   * One account.
   *
   * @param name the name
   * @return its snapshot, if it exists
   */
  public synchronized Optional<Account> account(String name) {
    Account.Mutable m = accounts.get(name);
    return m == null ? Optional.empty() : Optional.of(m.snapshot());
  }

  /**
   * Changes a password after checking the old one (which may be a valid temporary password for the
   * user it was issued to) and the device's rules. A successful change ends the temporary password.
   *
   * @param user the account
   * @param oldPassword the old password (not kept)
   * @param newPassword the new password (copied)
   * @return the result
   */
  public synchronized Change changePassword(String user, char[] oldPassword, char[] newPassword) {
    Account.Mutable a = accounts.get(user);
    if (a == null) {
      return Change.NO_SUCH_USER;
    }
    boolean oldOk =
        equal(a.password, oldPassword)
            || (temporaryValidFor(user, clock.now()) && equal(tempPassword, oldPassword));
    if (!oldOk) {
      return Change.WRONG_OLD_PASSWORD;
    }
    if (!rules.accepts(java.nio.CharBuffer.wrap(newPassword))) {
      return Change.POLICY;
    }
    replacePassword(a, newPassword);
    return Change.OK;
  }

  /**
   * Sets a password without the old one (a manager's change, or a test hook), checking the rules
   * only if {@code checkRules}.
   *
   * @param user the account
   * @param newPassword the new password (copied)
   * @param checkRules whether the device's rules apply
   * @return the result
   */
  public synchronized Change setPassword(String user, char[] newPassword, boolean checkRules) {
    Account.Mutable a = accounts.get(user);
    if (a == null) {
      return Change.NO_SUCH_USER;
    }
    if (checkRules && !rules.accepts(java.nio.CharBuffer.wrap(newPassword))) {
      return Change.POLICY;
    }
    replacePassword(a, newPassword);
    return Change.OK;
  }

  /**
   * Adds an account.
   *
   * @param name the name
   * @param password the password (copied)
   * @param level the level
   * @param reserved whether it cannot be deleted
   * @param sharable whether several clients may share it
   * @param memo the memo
   * @return the result
   */
  public synchronized Change addUser(
      String name,
      char[] password,
      AccountLevel level,
      boolean reserved,
      boolean sharable,
      String memo) {
    if (name == null || name.isEmpty() || name.length() > 31) {
      return Change.INVALID;
    }
    if (accounts.containsKey(name)) {
      return Change.EXISTS;
    }
    if (!rules.accepts(java.nio.CharBuffer.wrap(password))) {
      return Change.POLICY;
    }
    Account.Mutable m = new Account.Mutable();
    m.id = nextId++;
    m.name = name;
    m.password = password.clone();
    m.level = level;
    m.reserved = reserved;
    m.sharable = sharable;
    m.memo = memo == null ? "" : memo;
    m.authorities = defaultAuthorities(level);
    m.passwordModified = clock.now();
    accounts.put(name, m);
    return Change.OK;
  }

  /**
   * Deletes an account (not a reserved one); its sessions end.
   *
   * @param name the name
   * @return the result
   */
  public synchronized Change deleteUser(String name) {
    Account.Mutable m = accounts.get(name);
    if (m == null) {
      return Change.NO_SUCH_USER;
    }
    if (m.reserved) {
      return Change.RESERVED;
    }
    accounts.remove(name);
    Arrays.fill(m.password, '\0');
    sessions.values().removeIf(s -> s.user().equals(name));
    return Change.OK;
  }

  /**
   * Changes an account's attributes; a null argument leaves that attribute alone.
   *
   * @param name the account
   * @param level new level or null
   * @param reserved new reserved flag or null
   * @param sharable new sharable flag or null
   * @param memo new memo or null
   * @return the result
   */
  public synchronized Change modifyUser(
      String name, AccountLevel level, Boolean reserved, Boolean sharable, String memo) {
    Account.Mutable m = accounts.get(name);
    if (m == null) {
      return Change.NO_SUCH_USER;
    }
    if (level != null && level != m.level) {
      m.level = level;
      m.authorities = defaultAuthorities(level);
    }
    if (reserved != null) {
      m.reserved = reserved;
    }
    if (sharable != null) {
      m.sharable = sharable;
    }
    if (memo != null) {
      m.memo = memo;
    }
    return Change.OK;
  }

  // ---------------------------------------------------------------- temporary password

  /**
   * Installs the temporary password of a reset (issued out of band by the vendor) for {@code user}
   * until {@code validUntil}; it logs in and is accepted as the old password, once.
   *
   * @param user the account (Lorex: {@code admin})
   * @param password the temporary password (copied)
   * @param validUntil the last instant it is valid
   */
  public synchronized void installTemporaryPassword(
      String user, char[] password, Instant validUntil) {
    clearTemporary();
    tempUser = Objects.requireNonNull(user, "user");
    tempPassword = password.clone();
    tempValidUntil = Objects.requireNonNull(validUntil, "validUntil");
  }

  /**
   * Whether a temporary password is installed and valid now.
   *
   * @return true if one is valid
   */
  public synchronized boolean hasValidTemporaryPassword() {
    return tempUser != null && temporaryValidFor(tempUser, clock.now());
  }

  // ---------------------------------------------------------------- sessions

  /**
   * Opens an RPC session.
   *
   * @param user the user
   * @param clientAddress the client's address
   * @param timeout inactivity after which it expires
   * @return the session
   */
  public synchronized Session openSession(String user, String clientAddress, Duration timeout) {
    purgeSessions();
    String id;
    do {
      id = Integer.toString(1_000_000_000 + RANDOM.nextInt(1_000_000_000));
    } while (sessions.containsKey(id));
    Instant now = clock.now();
    Session s = new Session(id, user, clientAddress, now, now, timeout);
    sessions.put(id, s);
    return s;
  }

  /**
   * A live session, marked active now.
   *
   * @param id the session id
   * @return the session, if it exists and has not expired
   */
  public synchronized Optional<Session> touchSession(String id) {
    purgeSessions();
    Session s = sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Session t =
        new Session(s.id(), s.user(), s.clientAddress(), s.loginTime(), clock.now(), s.timeout());
    sessions.put(id, t);
    return Optional.of(t);
  }

  /**
   * Sets a live session's inactivity timeout and marks it active.
   *
   * @param id the session id
   * @param timeout the new timeout
   * @return the session, if it exists and has not expired
   */
  public synchronized Optional<Session> keepAlive(String id, Duration timeout) {
    Optional<Session> s = touchSession(id);
    if (s.isEmpty()) {
      return s;
    }
    Session t =
        new Session(
            id, s.get().user(), s.get().clientAddress(), s.get().loginTime(), clock.now(), timeout);
    sessions.put(id, t);
    return Optional.of(t);
  }

  /**
   * Ends a session.
   *
   * @param id the session id
   * @return true if it existed
   */
  public synchronized boolean closeSession(String id) {
    purgeSessions();
    return sessions.remove(id) != null;
  }

  /**
   * The live sessions.
   *
   * @return snapshots
   */
  public synchronized List<Session> sessions() {
    purgeSessions();
    return new ArrayList<>(sessions.values());
  }

  // ---------------------------------------------------------------- helpers

  private void purgeSessions() {
    Instant now = clock.now();
    sessions.values().removeIf(s -> s.expiredAt(now));
  }

  private void replacePassword(Account.Mutable a, char[] newPassword) {
    Arrays.fill(a.password, '\0');
    a.password = newPassword.clone();
    a.passwordModified = clock.now();
    if (a.name.equals(tempUser)) {
      clearTemporary();
    }
  }

  private boolean temporaryValidFor(String user, Instant now) {
    return tempUser != null && tempUser.equals(user) && !now.isAfter(tempValidUntil);
  }

  private void clearTemporary() {
    if (tempPassword != null) {
      Arrays.fill(tempPassword, '\0');
    }
    tempUser = null;
    tempPassword = null;
    tempValidUntil = null;
  }

  private static List<String> defaultAuthorities(AccountLevel level) {
    if (level == AccountLevel.ADMINISTRATOR) {
      return List.of(
          "AuthUserMag",
          "AuthSysCfg",
          "AuthSysInfo",
          "AuthManuCtr",
          "AuthBackup",
          "AuthMonitor",
          "AuthPlayback",
          "AuthPeriphery",
          "AuthEventMag");
    }
    return List.of("AuthSysInfo", "AuthMonitor", "AuthPlayback");
  }

  /**
   * Constant-time comparison of two passwords of equal length.
   *
   * @param a one
   * @param b other
   * @return true if equal
   */
  public static boolean equal(char[] a, char[] b) {
    if (a == null || b == null || a.length != b.length) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < a.length; i++) {
      diff |= a[i] ^ b[i];
    }
    return diff == 0;
  }
}
