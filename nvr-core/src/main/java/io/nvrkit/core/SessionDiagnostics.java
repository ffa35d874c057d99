package io.nvrkit.core;

import java.util.OptionalLong;

/**
 * Diagnostics a session may offer besides {@link NvrClient}: for benchmarks and support, not for
 * application logic. The library's drivers' sessions implement it; for every exchange of every
 * session use the kit's {@link ExchangeListener} instead.
 */
public interface SessionDiagnostics {

  /**
   * HTTP round trips this session has made so far (answering a Digest challenge counts).
   *
   * @return the count
   */
  long roundTrips();

  /**
   * The round trips of {@code session}, if it counts them.
   *
   * @param session the session
   * @return the count, or empty if the session offers no diagnostics
   */
  static OptionalLong roundTripsOf(NvrClient session) {
    return session instanceof SessionDiagnostics
        ? OptionalLong.of(((SessionDiagnostics) session).roundTrips())
        : OptionalLong.empty();
  }
}
