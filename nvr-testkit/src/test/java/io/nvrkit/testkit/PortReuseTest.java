package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvrkit.core.internal.LockoutGuard;
import org.junit.jupiter.api.Test;

/** A fake that binds a port an earlier fake used is a new device to clients in this JVM. */
class PortReuseTest {
  @Test
  void aNewFakeOnAReusedPortStartsWithAFreshLoginBudget() {
    int port;
    LockoutGuard guard = LockoutGuard.shared();
    try (FakeNvr first = FakeNvr.lorex().start()) {
      port = first.port();
      String key = first.endpoint().key();
      guard.onFailure(key, "admin", 2);
      guard.onFailure(key, "admin", 2);
      assertEquals(0, guard.remaining(key, "admin", 2), "the first device's budget is spent");
    }
    try (FakeNvr second = FakeNvr.lorex().port(port).start()) {
      assertEquals(2, guard.remaining(second.endpoint().key(), "admin", 2));
    }
  }
}
