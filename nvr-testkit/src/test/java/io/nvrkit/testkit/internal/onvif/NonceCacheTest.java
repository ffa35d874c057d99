package io.nvrkit.testkit.internal.onvif;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NonceCacheTest {
  @Test
  void aNonceIsRefusedWhileRememberedAndAcceptedAfterItsWindow() {
    NonceCache c = new NonceCache(Duration.ofMinutes(10));
    Instant t = Instant.parse("2026-11-25T00:00:00Z");
    assertTrue(c.markUsed("n1", t));
    assertFalse(c.markUsed("n1", t.plusSeconds(599)));
    assertTrue(c.markUsed("n2", t.plusSeconds(599)));
    // by then a token with that nonce is stale anyway (the window is half the memory)
    assertTrue(c.markUsed("n1", t.plusSeconds(601)));
  }

  @Test
  void aFullCacheForgetsItsOldestNoncesInsteadOfRefusingNewOnes() {
    NonceCache c = new NonceCache(Duration.ofMinutes(10), 1_000);
    Instant t = Instant.parse("2026-11-25T00:00:00Z");
    // sustained load: every nonce is fresh and still inside its window
    for (int i = 0; i < 5_000; i++) {
      assertTrue(c.markUsed("n" + i, t.plusMillis(i)), "fresh nonce " + i + " refused");
    }
    // the newest ones are still remembered: a replay of one is refused
    assertFalse(c.markUsed("n4999", t.plusMillis(5_000)));
    assertFalse(c.markUsed("n4600", t.plusMillis(5_000)));
  }
}
