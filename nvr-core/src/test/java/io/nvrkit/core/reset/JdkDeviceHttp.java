package io.nvrkit.core.reset;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.internal.http.DeviceHttp;
import io.nvrkit.core.internal.http.DeviceHttpRequest;
import io.nvrkit.core.internal.http.DeviceHttpResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal plain-HTTP {@link DeviceHttp} on the JDK client, for channel tests that must not depend
 * on the real transport's progress. No digest, no TLS.
 */
final class JdkDeviceHttp implements DeviceHttp {
  private final DeviceEndpoint endpoint;
  private final ConnectOptions options;
  private final HttpClient client;

  JdkDeviceHttp(DeviceEndpoint endpoint, ConnectOptions options) {
    this.endpoint = endpoint;
    this.options = options;
    this.client = HttpClient.newBuilder().connectTimeout(options.connectTimeout()).build();
  }

  @Override
  public DeviceHttpResponse execute(DeviceHttpRequest request) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint.resolve(request.pathAndQuery()))
            .timeout(options.responseTimeout());
    for (Map.Entry<String, String> h : request.headers()) {
      b.header(h.getKey(), h.getValue());
    }
    if (request.contentType() != null) {
      b.header("Content-Type", request.contentType());
    }
    b.method(
        request.method(),
        request.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, List<String>> h = new HashMap<>();
      r.headers().map().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
      return new DeviceHttpResponse(r.statusCode(), h, r.body());
    } catch (IOException e) {
      throw new DeviceUnreachableException("io", endpoint.toString(), request.operation(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeviceUnreachableException("interrupted", endpoint.toString(), null, e);
    }
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
