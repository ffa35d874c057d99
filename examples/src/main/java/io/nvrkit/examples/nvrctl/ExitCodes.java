package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.TlsTrustException;
import picocli.CommandLine;

/**
 * The exit codes of every nvrctl command, and the one place that maps an outcome or exception to
 * one of them. Scripts rely on these numbers: never renumber.
 */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** Usage error: bad option, missing secret source, unreadable input file. */
  public static final int USAGE = 1;

  /** The device or the network failed (unreachable, malformed answer, device said no). */
  public static final int DEVICE = 2;

  /** A password was refused by the policy. */
  public static final int POLICY = 3;

  /** Authentication failed (wrong user name or password). Never retried automatically. */
  public static final int AUTH = 4;

  /** The account is locked. */
  public static final int LOCKED = 5;

  /** The device's TLS certificate is not trusted (pin mismatch, unknown issuer). */
  public static final int TLS = 6;

  /** The rotation journal could not be read, written or decrypted. */
  public static final int JOURNAL = 7;

  /** Partly done: some devices or steps succeeded, others did not. */
  public static final int PARTIAL = 8;

  /**
   * Refused before anything was sent: the lockout ledger records so many failed logins that the
   * next failure could lock the account. The message says how many attempts the device has left and
   * when trying again is safe.
   */
  public static final int LAST_ATTEMPT = 9;

  /** A bug in nvrctl itself (an unexpected exception); not part of the device contract. */
  public static final int INTERNAL = 70;

  private ExitCodes() {}

  /**
   * The exit code for an exception that ended a command.
   *
   * @param e the exception
   * @return the exit code
   */
  public static int of(Throwable e) {
    if (e instanceof CliException c) {
      return c.exitCode();
    }
    if (e instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    if (e instanceof PolicyViolationException) {
      return POLICY;
    }
    if (e instanceof AccountLockedException) {
      return LOCKED;
    }
    if (e instanceof io.nvrkit.core.LoginBudgetExhaustedException) {
      return LAST_ATTEMPT;
    }
    if (e instanceof AuthenticationFailedException) {
      return AUTH;
    }
    if (e instanceof TlsTrustException) {
      return TLS;
    }
    if (e instanceof io.nvrkit.core.rotation.JournalException) {
      return JOURNAL;
    }
    if (e instanceof io.nvrkit.core.rotation.InventoryException) {
      return USAGE;
    }
    if (e instanceof io.nvrkit.core.UnknownDriverException) {
      return USAGE; // --vendor names no installed driver; the message lists the installed ones
    }
    if (e instanceof NvrException) {
      // unreachable, protocol, device rejected, not supported, and anything new
      return DEVICE;
    }
    if (e instanceof IllegalArgumentException) {
      // a library factory refused a value the user gave (URL, pin, length)
      return USAGE;
    }
    return INTERNAL;
  }

  /**
   * A short name for an exit code, used in JSON error output.
   *
   * @param code the exit code
   * @return the name, such as {@code policy-violation}
   */
  public static String name(int code) {
    return switch (code) {
      case OK -> "ok";
      case USAGE -> "usage";
      case DEVICE -> "device-or-network";
      case POLICY -> "policy-violation";
      case AUTH -> "authentication-failed";
      case LOCKED -> "account-locked";
      case TLS -> "tls-trust";
      case JOURNAL -> "journal";
      case PARTIAL -> "partly-done";
      case LAST_ATTEMPT -> "last-attempt-refused";
      default -> "internal";
    };
  }
}
