package io.nvrkit.core.internal.http;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;

/** {@link DeviceHttp} on Apache HttpClient 5. */
final class HttpClientTransport implements DeviceHttp {
  private final DeviceEndpoint endpoint;

  HttpClientTransport(DeviceEndpoint endpoint, ConnectOptions options) {
    this.endpoint = endpoint;
  }

  @Override
  public DeviceHttpResponse execute(DeviceHttpRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public long roundTrips() {
    return 0;
  }

  @Override
  public void close() {}
}
