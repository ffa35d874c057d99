package io.nvrkit.onvif.internal;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A DeviceHttp that answers each operation from a script and records every request body (copied
 * before the client wipes secret-carrying ones). For tests that need no HTTP server.
 */
final class ScriptedHttp implements DeviceHttp {
  final DeviceEndpoint endpoint;
  final Map<String, Function<DeviceHttpRequest, DeviceHttpResponse>> answers = new HashMap<>();
  final List<DeviceHttpRequest> requests = new ArrayList<>();
  final List<byte[]> bodies = new ArrayList<>();
  final AtomicLong roundTrips = new AtomicLong();

  ScriptedHttp(DeviceEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  static DeviceHttpResponse soap(int status, String xml) {
    return new DeviceHttpResponse(
        status,
        Map.of("content-type", List.of("application/soap+xml; charset=utf-8")),
        xml.getBytes(StandardCharsets.UTF_8));
  }

  ScriptedHttp on(String op, String xml) {
    answers.put(op, r -> soap(200, xml));
    return this;
  }

  ScriptedHttp on(String op, Function<DeviceHttpRequest, DeviceHttpResponse> f) {
    answers.put(op, f);
    return this;
  }

  /** A device answering every read with the fixtures. */
  static ScriptedHttp device(DeviceEndpoint e) {
    return new ScriptedHttp(e)
        .on("GetSystemDateAndTime", Fixtures.GET_SYSTEM_DATE_AND_TIME)
        .on("GetServices", Fixtures.GET_SERVICES)
        .on(
            "GetServiceCapabilities",
            Fixtures.envelope(
                "<tds:GetServiceCapabilitiesResponse><tds:Capabilities><tds:Network/>"
                    + "<tds:Security UsernameToken=\"true\"/><tds:System/></tds:Capabilities>"
                    + "</tds:GetServiceCapabilitiesResponse>"))
        .on("GetDeviceInformation", Fixtures.GET_DEVICE_INFORMATION)
        .on("GetNetworkInterfaces", Fixtures.GET_NETWORK_INTERFACES)
        .on("GetHostname", Fixtures.GET_HOSTNAME)
        .on("GetScopes", Fixtures.GET_SCOPES)
        .on("GetUsers", Fixtures.GET_USERS)
        .on("CreateUsers", Fixtures.envelope("<tds:CreateUsersResponse/>"))
        .on("SetUser", Fixtures.envelope("<tds:SetUserResponse/>"))
        .on("DeleteUsers", Fixtures.envelope("<tds:DeleteUsersResponse/>"));
  }

  List<String> operations() {
    List<String> out = new ArrayList<>();
    for (DeviceHttpRequest r : requests) {
      out.add(r.operation());
    }
    return out;
  }

  @Override
  public synchronized DeviceHttpResponse execute(DeviceHttpRequest request) {
    roundTrips.incrementAndGet();
    requests.add(request);
    bodies.add(request.body().clone());
    Function<DeviceHttpRequest, DeviceHttpResponse> f = answers.get(request.operation());
    if (f == null) {
      return soap(500, Fixtures.fault("env:Receiver", "ter:ActionNotSupported"));
    }
    return f.apply(request);
  }

  @Override
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public long roundTrips() {
    return roundTrips.get();
  }

  @Override
  public void close() {}
}
