package io.nvrkit.benchmarks;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.rotation.Rotation;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationTarget;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.lorex.LorexDriver;
import io.nvrkit.lorex.LorexPasswordPolicies;
import io.nvrkit.onvif.OnvifDriver;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeNvrFleet;
import io.nvrkit.testkit.PersonalityKind;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Rotates a fake fleet with injected latency and compares the wall time with the floor: {@code
 * ceil(N / C) × round trips per device × L}. Round trips are counted at the fakes (every request
 * they received, challenges included). Heap per device is what the rotation retains (plan, journal
 * state, report, lockout-guard entries) after a full GC, beyond the fleet's own footprint (which
 * includes the requests each fake records); it is measured after the timed run, so that no forced
 * collection shrinks the heap before it.
 *
 * <p>Like JMH, the measured rotation runs after warm-up rotations of other fleets in the same JVM
 * ({@code --warmup-devices} each, default N up to 1,000, 0 for none; at most {@code
 * --warmup-rounds}, default 6), repeated until the JIT compiler uses under a tenth of a round's
 * CPU. The figure is then the library's steady state and not the compiler's start-up, which on a
 * 2-core machine costs as much CPU as the rotation itself. The first warm-up round is a complete
 * cold rotation: its wall time and ratio are printed as {@code cold_wall_ms} and {@code
 * cold_ratio}, so the cold figure is never hidden (with the default warm-up it rotates the same
 * number of devices for N ≤ 1,000).
 */
final class FleetBenchmark {
  private static final String OLD = "Old-Passw0rd-1";

  private FleetBenchmark() {}

  /** One rotation's figures. */
  private record Result(
      int devices,
      int committed,
      double roundTrips,
      double engineRoundTrips,
      long floorMs,
      long wallMs,
      long cpuMs,
      long heapPerDevice) {
    double ratio() {
      return floorMs == 0 ? 0.0 : (double) wallMs / floorMs;
    }
  }

  static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int n = a.integer("devices", "1000");
    int latency = a.integer("latency-ms", "20");
    int c = a.integer("concurrency", "50");
    String vendor = a.get("vendor", "lorex").toLowerCase(Locale.ROOT);
    String policyName = a.get("policy", "driver");
    if (n < 1 || c < 1 || latency < 0) {
      throw new IllegalArgumentException(
          "--devices and --concurrency must be at least 1, --latency-ms at least 0");
    }
    if (!vendor.equals("lorex") && !vendor.equals("onvif")) {
      throw new IllegalArgumentException("--vendor lorex|onvif, got " + vendor);
    }
    if (!java.util.Set.of("driver", "dahua-firmware", "nist").contains(policyName)) {
      throw new IllegalArgumentException("--policy driver|dahua-firmware|nist, got " + policyName);
    }
    PersonalityKind kind = vendor.equals("onvif") ? PersonalityKind.ONVIF : PersonalityKind.LOREX;
    int warmupSize = a.integer("warmup-devices", Integer.toString(Math.min(n, 1000)));
    int maxRounds = a.integer("warmup-rounds", "6");
    Result cold = null;
    int rounds = 0;
    while (warmupSize > 0 && rounds < maxRounds) {
      long jit0 = jitCpuMillis();
      Result w = run(kind, vendor, policyName, warmupSize, latency, c);
      long jitMs = jitCpuMillis() - jit0;
      rounds++;
      cold = cold == null ? w : cold;
      System.out.println(
          "warm-up round "
              + rounds
              + ": "
              + w.committed()
              + " of "
              + w.devices()
              + " committed, wall "
              + w.wallMs()
              + " ms, process CPU "
              + w.cpuMs()
              + " ms, of which JIT compiler threads "
              + jitMs
              + " ms");
      if (jitMs * 10 < w.cpuMs()) {
        break; // the compiler has settled: under a tenth of the round's CPU
      }
    }
    long jit0 = jitCpuMillis();
    Result r = run(kind, vendor, policyName, n, latency, c);
    long jitMs = jitCpuMillis() - jit0;
    System.out.println("policy " + policyName);
    System.out.println(
        "process CPU during the run "
            + r.cpuMs()
            + " ms ("
            + (r.cpuMs() * 1000 / n)
            + " us per device; the fake fleet, JIT and GC included), of which JIT compiler threads "
            + jitMs
            + " ms");
    System.out.println(
        "committed "
            + r.committed()
            + " of "
            + n
            + "; engine-counted round trips per device "
            + String.format(Locale.ROOT, "%.2f", r.engineRoundTrips()));
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"devices\":%d,\"latency_ms\":%d,\"concurrency\":%d,\"round_trips_per_device\":%.2f,"
                + "\"floor_ms\":%d,\"wall_ms\":%d,\"ratio\":%.3f,\"heap_bytes_per_device\":%d,"
                + "\"cpu_ms\":%d,\"warmup_devices\":%d,\"cold_wall_ms\":%d,\"cold_ratio\":%.3f}",
            n,
            latency,
            c,
            r.roundTrips(),
            r.floorMs(),
            r.wallMs(),
            r.ratio(),
            r.heapPerDevice(),
            r.cpuMs(),
            warmupSize * rounds,
            cold == null ? 0 : cold.wallMs(),
            cold == null ? 0.0 : cold.ratio()));
  }

  private static Result run(
      PersonalityKind kind, String vendor, String policyName, int n, int latency, int c)
      throws Exception {
    try (FakeNvrFleet fleet =
        FakeNvrFleet.builder(kind, n)
            .seed(1)
            .everyDevice(
                d ->
                    d.user("admin", OLD, AccountLevel.ADMINISTRATOR)
                        .latency(Duration.ofMillis(latency)))
            .journalCapacity(64)
            .start()) {
      Path dir = Files.createTempDirectory("nvrkit-bench");
      Path journalPath = dir.resolve("fleet.journal");
      NvrDriver driver =
          kind == PersonalityKind.ONVIF ? OnvifDriver.create() : LorexDriver.create();
      RotationPlan.Builder b = RotationPlan.builder().concurrency(c).driver(driver);
      switch (policyName) {
        case "driver":
          break;
        case "dahua-firmware":
          b.policy(LorexPasswordPolicies.firmwareLimits());
          break;
        case "nist":
          b.policy(PasswordPolicy.nist80063b());
          break;
        default:
          throw new IllegalArgumentException("--policy driver|dahua-firmware|nist");
      }
      for (FakeNvr d : fleet.devices()) {
        b.target(RotationTarget.of(d.endpoint(), vendor, "admin", Secret.of(OLD)));
      }
      RotationPlan plan = b.build();
      RotationReport report;
      long wallMs;
      long cpuMs;
      long retained;
      // the run's own kit: its lockout ledger and connection pool are the rotation's
      NvrKit kit = NvrKit.builder().build();
      RotationJournal journal = RotationJournal.create(journalPath, Secret.of("bench"));
      try {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        report = Rotation.of(kit, plan, journal).run();
        wallMs = (System.nanoTime() - t0) / 1_000_000;
        cpuMs = (processCpuNanos() - cpu0) / 1_000_000;
        // No collection is forced before the timed run (a full GC shrinks the heap, and the run
        // would then pay for growing it back): what the rotation retains is measured after it,
        // as the heap with the plan, the open journal, the report and the kit (ledger, pool),
        // minus the heap without them (the fleet, and the requests it recorded, in both).
        retained = usedAfterGc();
      } finally {
        journal.close();
        Files.deleteIfExists(journalPath);
        Files.deleteIfExists(dir);
      }
      long requests = 0;
      for (FakeNvr d : fleet.devices()) {
        requests += d.journal().size();
      }
      double rt = (double) requests / n;
      long floor = (long) Math.ceil((double) n / c) * Math.round(rt) * latency;
      int committed = report.count(RotationReport.Outcome.COMMITTED);
      double engineRoundTrips =
          report.devices().stream()
              .mapToInt(RotationReport.DeviceResult::roundTrips)
              .average()
              .orElse(0);
      if (plan.targets().size() != n) {
        throw new IllegalStateException("the plan lost targets");
      }
      plan = null;
      report = null;
      journal = null;
      // the kit's lockout ledger entries and pooled connections are the rotation's too
      kit.close();
      kit = null;
      long base = usedAfterGc();
      return new Result(
          n,
          committed,
          rt,
          engineRoundTrips,
          floor,
          wallMs,
          cpuMs,
          Math.max(0, (retained - base) / n));
    }
  }

  /**
   * CPU time of the JIT compiler threads (from /proc on Linux; elsewhere the compilation MXBean's
   * elapsed time, which overstates it when the compiler waits for a core).
   */
  private static long jitCpuMillis() {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }
    try (java.util.stream.Stream<Path> s = Files.list(tasks)) {
      for (Path t : (Iterable<Path>) s::iterator) {
        try {
          String stat = Files.readString(t.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (open < 0 || close < open || !stat.substring(open + 1, close).contains("Compiler")) {
            continue;
          }
          String[] f = stat.substring(close + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
          COMPILER_TICKS.merge(t.getFileName().toString(), ticks, Math::max);
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      return -1;
    }
    // compiler threads come and go (UseDynamicNumberOfCompilerThreads): the highest count seen
    // per thread is kept, so a thread that exited still counts
    long ticks = 0;
    for (long v : COMPILER_TICKS.values()) {
      ticks += v;
    }
    return ticks * 10; // USER_HZ is 100 on Linux
  }

  /** Per compiler thread id, the highest CPU tick count read. */
  private static final java.util.Map<String, Long> COMPILER_TICKS = new java.util.HashMap<>();

  /** CPU time of the whole process (rotation, fake fleet, JIT and GC), or -1 if unknown. */
  private static long processCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return -1;
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return mem.getHeapMemoryUsage().getUsed();
  }
}
