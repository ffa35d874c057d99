package io.nvrkit.onvif.internal;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.spi.LockoutLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** An OnvifEnv over scripted transports, a fake monotonic clock and a fixed wall clock. */
final class TestEnv {
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final Clock wall = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);
  final LockoutLedger guard = LockoutLedger.inMemory(wall);
  final List<ScriptedHttp> transports = new ArrayList<>();
  final Function<DeviceEndpoint, ScriptedHttp> factory;

  TestEnv(Function<DeviceEndpoint, ScriptedHttp> factory) {
    this.factory = factory;
  }

  TestEnv() {
    this(ScriptedHttp::device);
  }

  OnvifEnv env() {
    return new OnvifEnv(
        (e, o) -> {
          ScriptedHttp h = factory.apply(e);
          transports.add(h);
          return h;
        },
        nanos::get,
        wall,
        guard);
  }

  List<byte[]> allBodies() {
    List<byte[]> out = new ArrayList<>();
    transports.forEach(t -> out.addAll(t.bodies));
    return out;
  }
}
