package io.nvrkit.testkit;

import java.util.Locale;

/**
 * The kinds of {@link Fault}, with the names the standalone launcher uses ({@code --faults
 * http-500,apply-then-drop}).
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum FaultKind {
  /** The answer is delayed (fixed or random). Name {@code latency}. */
  LATENCY("latency"),
  /**
   * The device answers an HTTP status of its own instead. Name {@code http-500} (or another code).
   */
  HTTP_STATUS("http-500"),
  /** The connection is reset before anything is handled or written. */
  RESET_BEFORE_RESPONSE("reset-before-response"),
  /** The request is handled (its change applied), then the connection is reset unanswered. */
  APPLY_THEN_DROP("apply-then-drop"),
  /** The request is handled, then its body is replaced by bytes that do not parse. */
  MALFORMED_BODY("malformed-body"),
  /** The request is handled, then its body is written a byte at a time, slowly. */
  SLOW_BODY("slow-body"),
  /** The request is handled, then a huge body is sent. */
  OVERSIZED_BODY("oversized-body"),
  /** Valid credentials are answered like a full device: 401, nothing applied. */
  CONNECTION_LIMIT("connection-limit");

  private final String externalName;

  FaultKind(String externalName) {
    this.externalName = externalName;
  }

  /**
   * The launcher's name of this kind, e.g. {@code apply-then-drop}.
   *
   * @return the name
   */
  public String externalName() {
    return externalName;
  }

  /**
   * The kind named {@code name}: a launcher name ({@code http-500}, {@code reset-before-response},
   * {@code apply-then-drop}, {@code malformed-body}, {@code slow-body}, {@code oversized-body},
   * {@code connection-limit}, {@code latency}), any {@code http-NNN}, or the enum constant's name.
   *
   * @param name the name, case-insensitive
   * @return the kind
   * @throws IllegalArgumentException if no kind has that name
   */
  public static FaultKind fromName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.matches("http-[1-5][0-9][0-9]")) {
      return HTTP_STATUS;
    }
    for (FaultKind k : values()) {
      if (k.externalName.equals(n) || k.name().toLowerCase(Locale.ROOT).equals(n)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown fault kind: " + name);
  }
}
