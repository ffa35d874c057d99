package io.nvrkit.benchmarks;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.DeviceEndpoint;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Rotates a fake fleet with injected latency and compares the wall time with the floor: {@code
 * ceil(N / C) × round trips per device × L}. Round trips are every HTTP exchange, challenges
 * included (counted at the fakes in-process, by the kit's exchange listener with {@code
 * --external-fleet}). Heap per device is what the rotation retains (plan, journal state, report,
 * lockout-guard entries) after a full GC, beyond the fleet's own footprint; it is measured after
 * the timed run, so that no forced collection shrinks the heap before it.
 *
 * <p>By default each rotation's fleet runs in this JVM, so the CPU figure is client and fakes
 * together. With {@code --external-fleet} one fleet, the testkit's standalone launcher, runs in its
 * own JVM for the whole benchmark (same devices, seed, latency and account; started with this JVM's
 * {@code java} and class path, ready when it prints its ready line, stopped at the end): it holds
 * every warm-up round's devices and then the measured N, and each rotation takes devices no earlier
 * rotation touched. The fleet's JVM is therefore warm, like a real device's firmware, when the
 * measured rotation starts (its JIT compiler no longer takes a share of the cores), and {@code
 * client_cpu_ms_per_device} is this JVM's own CPU time (rotation, JIT, GC) divided by N; the
 * fleet's CPU over the same interval is printed as {@code fleet_cpu_ms_per_device}. Then a {@code
 * raw} run follows against the measured devices (it sends no credentials, so their new passwords do
 * not matter): the same number of plain HTTP/1.1 exchanges per device at the same concurrency with
 * no library ({@link RawExchanges}), so that {@code cpu_multiple} states the library's CPU per
 * device as a multiple of the bare exchange cost ({@code --no-raw} skips it).
 *
 * <p>Like JMH, the measured rotation runs after warm-up rotations of other fleets in the same JVM
 * ({@code --warmup-devices} each, default N up to 1,000, 0 for none; at most {@code
 * --warmup-rounds}, default 6), repeated until the JIT compiler uses under a tenth of a round's
 * CPU. The figure is then the library's steady state and not the compiler's start-up. The first
 * warm-up round is a complete cold rotation in the fresh JVM: its wall time, ratio and CPU per
 * device are printed as {@code cold_wall_ms}, {@code cold_ratio} and {@code
 * cold_cpu_ms_per_device}, so the cold figure is never hidden (with the default warm-up it rotates
 * the same number of devices for N ≤ 1,000).
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
      long fleetCpuMs,
      long heapPerDevice) {
    double ratio() {
      return floorMs == 0 ? 0.0 : (double) wallMs / floorMs;
    }

    double cpuMsPerDevice() {
      return (double) cpuMs / devices;
    }
  }

  /** What one run is given. */
  private record Setup(
      PersonalityKind kind,
      String vendor,
      String policyName,
      int latency,
      int concurrency,
      boolean external,
      Fleets fleets) {}

  static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int n = a.integer("devices", "1000");
    int latency = a.integer("latency-ms", "20");
    int c = a.integer("concurrency", "50");
    String vendor = a.get("vendor", "lorex").toLowerCase(Locale.ROOT);
    String policyName = a.get("policy", "driver");
    boolean external = a.flag("external-fleet");
    boolean raw = external && !a.flag("no-raw");
    String jvm = a.get("fleet-jvm-options", "");
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
    if (warmupSize < 0 || maxRounds < 0) {
      throw new IllegalArgumentException("--warmup-devices and --warmup-rounds must be at least 0");
    }
    List<String> fleetJvm = jvm.isBlank() ? List.of() : List.of(jvm.trim().split("\\s+"));
    long files = openFileLimit();
    if (external && files > 0) {
      // the external fleet holds every warm-up round's devices too, each on its own port: where
      // the open-file limit cannot hold them all, fewer warm-up rounds (then a smaller one)
      long room = files - FILES_BESIDES_DEVICES - n;
      if (warmupSize > 0 && (long) warmupSize * maxRounds > room) {
        int rounds = (int) Math.max(0, Math.min(maxRounds, room / warmupSize));
        int size = warmupSize;
        if (rounds == 0) { // not even one full round: one smaller round, or none
          size = (int) Math.max(0, Math.min(warmupSize, room));
          rounds = size > 0 ? 1 : 0;
        }
        System.out.println(
            "warm-up limited by the open-file limit ("
                + files
                + "): "
                + rounds
                + " round(s) of "
                + size
                + " devices instead of up to "
                + maxRounds
                + " of "
                + warmupSize);
        maxRounds = rounds;
        warmupSize = size;
      }
    }
    try (Fleets fleets =
        external
            ? Fleets.external(
                vendor, latency, (long) warmupSize * (warmupSize > 0 ? maxRounds : 0) + n, fleetJvm)
            : Fleets.inProcess(kind, latency)) {
      Setup setup = new Setup(kind, vendor, policyName, latency, c, external, fleets);
      measure(setup, n, warmupSize, maxRounds, raw);
    }
  }

  private static void measure(Setup setup, int n, int warmupSize, int maxRounds, boolean raw)
      throws Exception {
    int latency = setup.latency();
    int c = setup.concurrency();
    boolean external = setup.external();
    String policyName = setup.policyName();
    JitCpu jit = new JitCpu();
    Result cold = null;
    int rounds = 0;
    while (warmupSize > 0 && rounds < maxRounds) {
      long jit0 = jit.millis();
      Result w = run(setup, warmupSize);
      long jitMs = jit.millis() - jit0;
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
              + " ms, ratio "
              + String.format(Locale.ROOT, "%.3f", w.ratio())
              + ", CPU "
              + w.cpuMs()
              + " ms, of which JIT compiler threads "
              + jitMs
              + " ms");
      if (jitMs * 10 < w.cpuMs()) {
        break; // the compiler has settled: under a tenth of the round's CPU
      }
    }
    long jit0 = jit.millis();
    Result r = run(setup, n);
    long jitMs = jit.millis() - jit0;
    System.out.println("policy " + policyName);
    System.out.println(
        (external ? "client" : "process")
            + " CPU during the run "
            + r.cpuMs()
            + " ms ("
            + (r.cpuMs() * 1000 / n)
            + " us per device; "
            + (external ? "this JVM only" : "the fake fleet included")
            + ", JIT and GC included), of which JIT compiler threads "
            + jitMs
            + " ms"
            + (r.fleetCpuMs() < 0
                ? ""
                : "; the fake fleet's JVM meanwhile " + r.fleetCpuMs() + " ms"));
    System.out.println(
        "committed "
            + r.committed()
            + " of "
            + n
            + "; engine-counted round trips per device "
            + String.format(Locale.ROOT, "%.2f", r.engineRoundTrips()));
    String rawJson = "";
    if (raw) {
      int perDevice = (int) Math.round(r.roundTrips());
      Result bare = raw(setup, n, perDevice);
      System.out.println(
          "raw: "
              + perDevice
              + " plain HTTP/1.1 exchanges per device, wall "
              + bare.wallMs()
              + " ms, CPU "
              + bare.cpuMs()
              + " ms; the fake fleet's JVM meanwhile "
              + bare.fleetCpuMs()
              + " ms");
      rawJson =
          String.format(
              Locale.ROOT,
              ",\"raw_wall_ms\":%d,\"raw_ratio\":%.3f,\"raw_cpu_ms_per_device\":%.4f,"
                  + "\"raw_fleet_cpu_ms_per_device\":%.4f,\"cpu_multiple\":%.2f",
              bare.wallMs(),
              bare.ratio(),
              bare.cpuMsPerDevice(),
              (double) bare.fleetCpuMs() / n,
              bare.cpuMs() == 0 ? 0.0 : (double) r.cpuMs() / bare.cpuMs());
    }
    System.out.println(
        String.format(
            Locale.ROOT,
            "{\"devices\":%d,\"latency_ms\":%d,\"concurrency\":%d,\"external_fleet\":%b,"
                + "\"committed\":%d,\"round_trips_per_device\":%.2f,\"floor_ms\":%d,"
                + "\"wall_ms\":%d,\"ratio\":%.3f,\"heap_bytes_per_device\":%d,\"cpu_ms\":%d,"
                + "\"%s\":%.4f,\"jit_cpu_ms_per_device\":%.4f,%s\"warmup_devices\":%d,"
                + "\"cold_devices\":%d,"
                + "\"cold_wall_ms\":%d,\"cold_ratio\":%.3f,\"cold_cpu_ms_per_device\":%.4f%s}",
            n,
            latency,
            c,
            external,
            r.committed(),
            r.roundTrips(),
            r.floorMs(),
            r.wallMs(),
            r.ratio(),
            r.heapPerDevice(),
            r.cpuMs(),
            external ? "client_cpu_ms_per_device" : "process_cpu_ms_per_device",
            r.cpuMsPerDevice(),
            (double) jitMs / n,
            r.fleetCpuMs() < 0
                ? ""
                : String.format(
                    Locale.ROOT, "\"fleet_cpu_ms_per_device\":%.4f,", (double) r.fleetCpuMs() / n),
            warmupSize * rounds,
            cold == null ? 0 : cold.devices(),
            cold == null ? 0 : cold.wallMs(),
            cold == null ? 0.0 : cold.ratio(),
            cold == null ? 0.0 : cold.cpuMsPerDevice(),
            rawJson));
  }

  /**
   * The devices of one run, in this JVM or in the standalone launcher's: their endpoints, the
   * requests they received (-1 if they cannot be asked), and what stops them.
   */
  private record Devices(List<DeviceEndpoint> endpoints, LongSupplier requests, Runnable stop)
      implements AutoCloseable {
    @Override
    public void close() {
      stop.run();
    }
  }

  /**
   * Where each run's devices come from: a new in-process fleet per run, or slices of one external
   * fleet that no earlier run touched.
   */
  private interface Fleets extends AutoCloseable {
    /** Devices for a run of {@code n} that no earlier run touched. */
    Devices take(int n) throws Exception;

    /** The devices the last {@link #take} gave (for the raw run, which sends no credentials). */
    List<DeviceEndpoint> last();

    /** The fleet process's CPU time so far, or -1 when the fleet is in this JVM. */
    long cpuMillis();

    @Override
    void close();

    static Fleets inProcess(PersonalityKind kind, int latency) {
      return new Fleets() {
        private List<DeviceEndpoint> last = List.of();

        @Override
        public Devices take(int n) {
          FakeNvrFleet fleet =
              FakeNvrFleet.builder(kind, n)
                  .seed(1)
                  .everyDevice(
                      d ->
                          d.user("admin", OLD, AccountLevel.ADMINISTRATOR)
                              .latency(Duration.ofMillis(latency)))
                  .journalCapacity(64)
                  .start();
          List<DeviceEndpoint> eps = new ArrayList<>(n);
          for (FakeNvr d : fleet.devices()) {
            eps.add(d.endpoint());
          }
          last = eps;
          return new Devices(
              eps,
              () -> {
                long requests = 0;
                for (FakeNvr d : fleet.devices()) {
                  requests += d.journal().size();
                }
                return requests;
              },
              fleet::close);
        }

        @Override
        public List<DeviceEndpoint> last() {
          return last;
        }

        @Override
        public long cpuMillis() {
          return -1;
        }

        @Override
        public void close() {}
      };
    }

    static Fleets external(String vendor, int latency, long capacity, List<String> jvmOptions)
        throws java.io.IOException {
      if (capacity > 100_000) {
        throw new IllegalArgumentException(
            "the external fleet would need "
                + capacity
                + " devices (warm-up rounds × warm-up devices + N); the launcher starts at most"
                + " 100,000");
      }
      // every device listens on its own port: the fleet's JVM (whose limit is this process's)
      // needs an open file per device, and some for itself and its connections
      long need = capacity + FILES_BESIDES_DEVICES;
      long files = openFileLimit();
      if (files > 0 && files < need) {
        throw new IllegalArgumentException(
            "the external fleet needs about "
                + need
                + " open files for "
                + capacity
                + " devices, but a process here may open "
                + files
                + "; raise the limit (ulimit -n "
                + need
                + ") or lower --devices");
      }
      ExternalFleet f =
          ExternalFleet.start(
              List.of(
                  "--personality",
                  vendor,
                  "--fleet",
                  Long.toString(capacity),
                  "--seed",
                  "1",
                  "--user",
                  "admin:" + OLD + ":admin",
                  "--latency-ms",
                  Integer.toString(latency)),
              jvmOptions);
      if (f.urls().size() != capacity) {
        f.close();
        throw new IllegalStateException(
            "the fake fleet listed " + f.urls().size() + " devices, not " + capacity);
      }
      List<DeviceEndpoint> all = new ArrayList<>(f.urls().size());
      for (java.net.URI u : f.urls()) {
        all.add(DeviceEndpoint.of(u));
      }
      return new Fleets() {
        private int used;
        private List<DeviceEndpoint> last = List.of();

        @Override
        public Devices take(int n) {
          if (used + n > all.size()) {
            throw new IllegalStateException("the external fleet has no " + n + " unused devices");
          }
          List<DeviceEndpoint> eps = List.copyOf(all.subList(used, used + n));
          used += n;
          last = eps;
          // the devices stay up for the raw run; the fleet stops with the benchmark
          return new Devices(eps, () -> -1, () -> {});
        }

        @Override
        public List<DeviceEndpoint> last() {
          return last;
        }

        @Override
        public long cpuMillis() {
          return f.cpuMillis();
        }

        @Override
        public void close() {
          f.close();
        }
      };
    }
  }

  private static Result run(Setup s, int n) throws Exception {
    try (Devices fleet = s.fleets().take(n)) {
      Path dir = Files.createTempDirectory("nvrkit-bench");
      Path journalPath = dir.resolve("fleet.journal");
      NvrDriver driver =
          s.kind() == PersonalityKind.ONVIF ? OnvifDriver.create() : LorexDriver.create();
      RotationPlan.Builder b = RotationPlan.builder().concurrency(s.concurrency()).driver(driver);
      switch (s.policyName()) {
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
      for (DeviceEndpoint d : fleet.endpoints()) {
        b.target(RotationTarget.of(d, s.vendor(), "admin", Secret.of(OLD)));
      }
      RotationPlan plan = b.build();
      RotationReport report;
      long wallMs;
      long cpuMs;
      long retained;
      long fleetCpuMs;
      LongAdder exchanges = new LongAdder();
      // the run's own kit: its lockout ledger and connection pool are the rotation's
      NvrKit kit = NvrKit.builder().exchangeListener(e -> exchanges.increment()).build();
      RotationJournal journal = RotationJournal.create(journalPath, Secret.of("bench"));
      try {
        long fleetCpu0 = s.fleets().cpuMillis();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        report = Rotation.of(kit, plan, journal).run();
        wallMs = (System.nanoTime() - t0) / 1_000_000;
        cpuMs = (processCpuNanos() - cpu0) / 1_000_000;
        fleetCpuMs = fleetCpu0 < 0 ? -1 : s.fleets().cpuMillis() - fleetCpu0;
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
      long requests = fleet.requests().getAsLong();
      double rt = (double) (requests < 0 ? exchanges.sum() : requests) / n;
      long floor = (long) Math.ceil((double) n / s.concurrency()) * Math.round(rt) * s.latency();
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
          fleetCpuMs,
          Math.max(0, (retained - base) / n));
    }
  }

  /**
   * The raw run against the measured run's devices (it sends no credentials): a warm-up pass, then
   * the measured one.
   */
  private static Result raw(Setup s, int n, int perDevice) throws Exception {
    List<java.net.URI> uris = new ArrayList<>(n);
    for (DeviceEndpoint d : s.fleets().last()) {
      uris.add(d.uri());
    }
    String path = s.kind() == PersonalityKind.ONVIF ? "/onvif/device_service" : RAW_LOREX_PATH;
    RawExchanges.run(
        uris.subList(0, Math.min(n, 1000)), perDevice, s.concurrency(), path); // warm-up
    long fleetCpu0 = s.fleets().cpuMillis();
    long cpu0 = processCpuNanos();
    long t0 = System.nanoTime();
    long done = RawExchanges.run(uris, perDevice, s.concurrency(), path);
    long wallMs = (System.nanoTime() - t0) / 1_000_000;
    long cpuMs = (processCpuNanos() - cpu0) / 1_000_000;
    long fleetCpuMs = fleetCpu0 < 0 ? -1 : s.fleets().cpuMillis() - fleetCpu0;
    long floor = (long) Math.ceil((double) n / s.concurrency()) * perDevice * s.latency();
    return new Result(n, n, (double) done / n, perDevice, floor, wallMs, cpuMs, fleetCpuMs, 0);
  }

  /** Open files the external fleet's JVM needs besides its devices' ports (connections, jars). */
  private static final int FILES_BESIDES_DEVICES = 1_024;

  /** How many files a process here may open (the JVM raises its limit to the hard one), or -1. */
  private static long openFileLimit() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.UnixOperatingSystemMXBean unix
        ? unix.getMaxFileDescriptorCount()
        : -1;
  }

  /** The Lorex login page's CGI (answers 401 without credentials). */
  private static final String RAW_LOREX_PATH = "/cgi-bin/magicBox.cgi?action=getSystemInfo";

  /** Reads the CPU time of the JIT compiler threads; one per benchmark run. */
  private static final class JitCpu {
    /** Per compiler thread id, the highest CPU tick count read. */
    private final java.util.Map<String, Long> compilerTicks = new java.util.HashMap<>();

    /**
     * CPU time of the JIT compiler threads (from /proc on Linux; elsewhere the compilation MXBean's
     * elapsed time, which overstates it when the compiler waits for a core).
     */
    long millis() {
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
            compilerTicks.merge(t.getFileName().toString(), ticks, Math::max);
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
      for (long v : compilerTicks.values()) {
        ticks += v;
      }
      return ticks * 10; // USER_HZ is 100 on Linux
    }
  }

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
