package io.nvrkit.testkit.internal.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fake reads a token's {@code Created} without a formatter when it has the usual UTC form; it
 * must accept and refuse exactly what the ISO formatter does, so the shortcut changes no answer.
 */
class CreatedParsingTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-12-07T23:59:59Z",
        "2026-12-07T23:59:59.1Z",
        "2026-12-07T23:59:59.123Z",
        "2026-12-07T23:59:59.123456789Z",
        "2026-12-07T23:59:59.1234567890Z",
        "2026-12-07T23:59:59.Z",
        "2024-02-29T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-12-07T24:00:00Z",
        "2026-12-07T23:60:00Z",
        "2026-12-07T23:59:60Z",
        "2026-12-07t23:59:59Z",
        "2026-12-07T23:59:59z",
        "2026-12-07T23:59:59",
        "2026-12-07T23:59:59+02:00",
        "2026-12-07T23:59:59.5-05:30",
        "2026-12-7T23:59:59Z",
        "2026-12-07T23:59Z",
        "+2026-12-07T23:59:59Z",
        "2026-12-07T23:59:59.12a4Z",
        "2026-12-07 23:59:59Z",
        "  2026-12-07T23:59:59Z  ",
        "2026-1a-07T23:59:59Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z",
        "",
        "Z"
      })
  void acceptsAndRefusesWhatTheIsoFormatterDoes(String created) {
    assertEquals(
        UsernameToken.withFormatter(created), UsernameToken.parseCreated(created), created);
  }

  @Test
  void readsRandomInstantsWithEveryFractionLength() {
    Random r = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      Instant t = Instant.ofEpochSecond(r.nextInt(Integer.MAX_VALUE), r.nextInt(1_000_000_000));
      String base = t.toString(); // ISO, UTC, with as many fraction digits as needed
      int dot = base.indexOf('.');
      String seconds = dot < 0 ? base.substring(0, base.length() - 1) : base.substring(0, dot);
      String digits = String.format("%09d", t.getNano()).substring(0, 1 + r.nextInt(9));
      String created = r.nextBoolean() ? seconds + "Z" : seconds + "." + digits + "Z";
      assertEquals(
          UsernameToken.withFormatter(created), UsernameToken.parseCreated(created), created);
    }
  }
}
