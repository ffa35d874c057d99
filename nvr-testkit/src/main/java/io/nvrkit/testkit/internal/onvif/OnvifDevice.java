package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.core.AccountLevel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the ONVIF personality reads and changes on the fake device: identity, clock, accounts,
 * lockout. Implemented over the shared device state of the fake; implementations are thread-safe.
 */
public interface OnvifDevice {

  /** An account as ONVIF sees it (the password is read separately). */
  record Account(String name, AccountLevel level, boolean fixed) {}

  /** A new or changed account; {@code password} may be null (omitted in the request). */
  record AccountWrite(String name, char[] password, AccountLevel level) {}

  /** The device's current UTC time (the fake clock, possibly skewed). */
  Instant now();

  /** The device's time zone. */
  ZoneId zone();

  String manufacturer();

  String model();

  String firmware();

  String serial();

  String hardwareId();

  /** MAC address as {@code xx:xx:xx:xx:xx:xx}, lower case. */
  String mac();

  /** Host name, empty if none assigned. */
  String hostname();

  /** Friendly name used in the {@code name} scope. */
  String friendlyName();

  /** The accounts, in creation order. */
  List<Account> accounts();

  /** Outcome of a counted login attempt. */
  enum Outcome {
    OK,
    /** wrong proof or unknown user; counted towards lockout */
    FAILED,
    /** locked now (before or because of this attempt) */
    LOCKED
  }

  /**
   * A login result.
   *
   * @param outcome what happened
   * @param remainingAttempts attempts left before lockout, or -1 if lockout is off
   */
  record Login(Outcome outcome, int remainingAttempts) {}

  /**
   * One counted login attempt: {@code check} receives the stored password (and any valid temporary
   * password) and says whether the client's proof matches; it must not keep the array. A locked
   * account fails without calling {@code check}.
   */
  Login login(String user, Predicate<char[]> check);

  /** Whether {@code password} satisfies the device's password rules (beyond length limits). */
  boolean acceptablePassword(char[] password);

  /**
   * Runs {@code body} while no other account change can interleave (the body validates a whole
   * batch against {@link #accounts()} and then applies it with the methods below).
   */
  <T> T atomically(Supplier<T> body);

  void create(AccountWrite account);

  /** Changes password (if non-null) and level of an existing account. */
  void update(AccountWrite account);

  void delete(String user);

  /** Sets the device clock (SetSystemDateAndTime). */
  void setTime(Instant utc);

  /** Sets the device time zone (SetSystemDateAndTime). */
  void setZone(ZoneId zone);
}
