package io.nvrkit.core.internal.http;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.spi.DeviceHttp;

/** Transports for tests of the transport itself, on one kit that lives as long as the test JVM. */
public final class TestTransports {
  private static final NvrKit KIT = NvrKit.builder().build();

  private TestTransports() {}

  /**
   * A transport whose Digest nonces may be reused.
   *
   * @param endpoint the device
   * @param options options
   * @return the transport
   */
  public static DeviceHttp create(DeviceEndpoint endpoint, ConnectOptions options) {
    return KIT.driverContext().openHttp(endpoint, options, DeviceHttp.Nonces.REUSABLE);
  }

  /**
   * A transport for single-use nonces.
   *
   * @param endpoint the device
   * @param options options
   * @return the transport
   */
  public static DeviceHttp createSingleUseNonces(DeviceEndpoint endpoint, ConnectOptions options) {
    return KIT.driverContext().openHttp(endpoint, options, DeviceHttp.Nonces.SINGLE_USE);
  }
}
