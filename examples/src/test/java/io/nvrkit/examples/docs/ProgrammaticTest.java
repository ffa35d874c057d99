package io.nvrkit.examples.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.junit.FakeNvrExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// tag::testkit-extension[]
class ProgrammaticTest {
  @RegisterExtension
  static FakeNvrExtension fake =
      FakeNvrExtension.newInstance()
          .configure(
              b ->
                  b.user("admin", "Old-Passw0rd", AccountLevel.ADMINISTRATOR)
                      .lockout(Lockout.legacyLorex()))
          .withResetDesk(d -> d.autoGrant())
          .build();

  @Test
  void works() {
    FakeNvr nvr = fake.nvr();
    assertTrue(nvr.accepts("admin", Secret.of("Old-Passw0rd")));
  }
}
// end::testkit-extension[]
