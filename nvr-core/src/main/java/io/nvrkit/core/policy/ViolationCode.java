package io.nvrkit.core.policy;

/**
 * Stable, machine-readable reasons a password fails a {@link PasswordPolicy}. The names are part of
 * the API (they appear in JSON output and reports) and will not change.
 */
public enum ViolationCode {
  /** Fewer characters (code points) than the minimum. */
  TOO_SHORT,
  /** More characters than the maximum (never truncated). */
  TOO_LONG,
  /** No upper-case letter, where one is required. */
  MISSING_UPPERCASE,
  /** No lower-case letter, where one is required. */
  MISSING_LOWERCASE,
  /** No digit, where one is required. */
  MISSING_DIGIT,
  /** No symbol, where one is required. */
  MISSING_SYMBOL,
  /** Fewer character classes than required (a device rule). */
  TOO_FEW_CHARACTER_CLASSES,
  /** Contains a character the device cannot carry or forbids (e.g. {@code &} on Dahua firmware). */
  FORBIDDEN_CHARACTER,
  /** Contains a character outside printable ASCII where the device accepts only that. */
  NON_ASCII,
  /** Contains whitespace where the device forbids it. */
  WHITESPACE,
  /** Contains a name, user name, phone, birth date, serial, device ID or model. */
  CONTAINS_PERSONAL_INFO,
  /** The whole password is on a list of common or compromised passwords. */
  BLOCKLISTED,
  /** The strength estimate is below the required score. */
  TOO_WEAK
}
