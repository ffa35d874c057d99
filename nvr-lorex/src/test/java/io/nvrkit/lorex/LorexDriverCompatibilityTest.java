package io.nvrkit.lorex;

import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.tck.NvrDriverCompatibilityKit;

/** The testkit's compatibility kit, run against the Lorex personality of the fake. */
// tag::testkit-compatibility-kit[]
class LorexDriverCompatibilityTest extends NvrDriverCompatibilityKit {
  @Override
  protected NvrDriver driver() {
    return LorexDriver.create();
  }

  @Override
  protected FakeNvr.Builder fakeNvr() {
    return FakeNvr.lorex();
  }

  @Override
  protected String passwordChangeOperation() {
    return "modifyPassword";
  }
}
// end::testkit-compatibility-kit[]
