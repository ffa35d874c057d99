package io.nvrkit.benchmarks;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the identity of one device {@code count} times over {@code concurrency} sessions (one login
 * each, not timed) and reports operations per second and HTTP round trips per operation. With
 * {@code --warmup-count W}, W untimed reads over the same sessions come first (the JIT's start-up
 * is then not in the figure; {@code nvr-onvif/bench/throughput.sh} gives npm {@code onvif} the
 * same).
 */
final class IdentityBenchmark {
  private IdentityBenchmark() {}

  static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    String url = a.get("url", null);
    String vendor = a.get("vendor", null);
    String user = a.get("user", null);
    String var = a.get("password-env", null);
    int count = a.integer("count", "100");
    int c = Math.max(1, Math.min(a.integer("concurrency", "1"), count));
    int warmup = a.integer("warmup-count", "0");
    String pw = System.getenv(var);
    if (pw == null) {
      throw new IllegalArgumentException("environment variable " + var + " is not set");
    }
    Credentials creds = Credentials.of(user, Secret.of(pw));
    ConnectOptions opts = ConnectOptions.builder().driver(vendor).build();
    DeviceEndpoint ep = DeviceEndpoint.of(url);
    List<NvrClient> sessions = new ArrayList<>();
    long[] loginTrips = new long[c];
    for (int i = 0; i < c; i++) {
      NvrClient s = Nvr.connect(ep, creds, opts);
      sessions.add(s);
      loginTrips[i] = io.nvrkit.core.SessionDiagnostics.roundTripsOf(s).orElse(0);
    }
    ExecutorService pool = Executors.newFixedThreadPool(c);
    if (warmup > 0) {
      reads(pool, sessions, warmup);
    }
    for (int i = 0; i < c; i++) {
      loginTrips[i] = io.nvrkit.core.SessionDiagnostics.roundTripsOf(sessions.get(i)).orElse(0);
    }
    long t0 = System.nanoTime();
    reads(pool, sessions, count);
    long wallNanos = System.nanoTime() - t0;
    pool.shutdown();
    long trips = 0;
    for (int i = 0; i < c; i++) {
      trips +=
          io.nvrkit.core.SessionDiagnostics.roundTripsOf(sessions.get(i)).orElse(0) - loginTrips[i];
      sessions.get(i).close();
    }
    double wallMs = wallNanos / 1e6;
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"ops\":%d,\"wall_ms\":%.1f,\"ops_per_s\":%.1f,\"round_trips_per_op\":%.2f}",
            count,
            wallMs,
            count / (wallNanos / 1e9),
            (double) trips / count));
  }

  /** {@code count} identity reads spread over the sessions, one thread each. */
  private static void reads(ExecutorService pool, List<NvrClient> sessions, int count)
      throws Exception {
    int c = sessions.size();
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < c; i++) {
      NvrClient s = sessions.get(i);
      int ops = count / c + (i < count % c ? 1 : 0);
      fs.add(
          pool.submit(
              () -> {
                for (int k = 0; k < ops; k++) {
                  s.identity();
                }
                return null;
              }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
  }
}
