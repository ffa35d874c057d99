package io.nvrkit.testkit.internal.lorex;

import io.nvrkit.testkit.internal.engine.DeviceSetup;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import io.nvrkit.testkit.internal.engine.Personality;
import io.nvrkit.testkit.internal.state.DeviceState;

/** The Lorex (Dahua-family) personality. STUB: being implemented. */
public final class LorexPersonality implements Personality {
  private final DeviceState state;
  private final DeviceSetup setup;

  /**
   * A personality.
   *
   * @param state the state
   * @param setup the settings
   */
  public LorexPersonality(DeviceState state, DeviceSetup setup) {
    this.state = state;
    this.setup = setup;
  }

  @Override
  public String name() {
    return "lorex";
  }

  @Override
  public FakeResponse handle(FakeRequest request) {
    return FakeResponse.text(
        501,
        "Not Implemented",
        "text/plain;charset=utf-8",
        "Error\r\nNot Implemented! " + state.identity().serial() + setup.kind());
  }

  @Override
  public String operationOf(FakeRequest request) {
    return null;
  }

  @Override
  public FakeResponse connectionLimitResponse(FakeRequest request) {
    return FakeResponse.text(401, "Unauthorized", "text/plain;charset=utf-8", "");
  }
}
