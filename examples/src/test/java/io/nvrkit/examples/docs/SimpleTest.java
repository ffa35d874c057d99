package io.nvrkit.examples.docs;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeResetDesk;
import io.nvrkit.testkit.PersonalityKind;
import io.nvrkit.testkit.junit.FakeNvrTest;
import org.junit.jupiter.api.Test;

// tag::testkit-annotation[]
@FakeNvrTest(personality = PersonalityKind.ONVIF, resetDesk = true)
class SimpleTest {
  @Test
  void works(FakeNvr nvr, FakeResetDesk desk, FakeClock clock) {
    assertTrue(nvr.accepts("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)));
    assertSame(clock, desk.clock()); // the desk and the recorder share the test's clock
  }
}
// end::testkit-annotation[]
