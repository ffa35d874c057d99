package io.nvrkit.core;

/** The privilege level of a device account, mapped from each vendor's groups or levels. */
public enum AccountLevel {
  /** Full control, including user management (Lorex {@code admin}, ONVIF {@code Administrator}). */
  ADMINISTRATOR,
  /** Operates the device but does not manage users (ONVIF {@code Operator}). */
  OPERATOR,
  /** Views only (Lorex {@code user}, ONVIF {@code User}). */
  USER,
  /** Anonymous access (ONVIF {@code Anonymous}). */
  ANONYMOUS,
  /** A vendor-specific level not covered above. */
  OTHER
}
