package io.nvrkit.benchmarks;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.rotation.Rotation;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationTarget;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.lorex.LorexDriver;
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
 * state, report) after a full GC, beyond the fleet's own footprint.
 */
final class FleetBenchmark {
  private FleetBenchmark() {}

  static void main(String[] argv) throws Exception {
    Args a = new Args(argv);
    int n = a.integer("devices", "1000");
    int latency = a.integer("latency-ms", "20");
    int c = a.integer("concurrency", "50");
    String vendor = a.get("vendor", "lorex").toLowerCase(Locale.ROOT);
    String policyName = a.get("policy", "driver");
    PersonalityKind kind = vendor.equals("onvif") ? PersonalityKind.ONVIF : PersonalityKind.LOREX;
    String old = "Old-Passw0rd-1";
    try (FakeNvrFleet fleet =
        FakeNvrFleet.builder(kind, n)
            .seed(1)
            .user("admin", old, AccountLevel.ADMINISTRATOR)
            .latency(Duration.ofMillis(latency))
            .journalCapacity(64)
            .start()) {
      Path dir = Files.createTempDirectory("nvrkit-bench");
      Path journalPath = dir.resolve("fleet.journal");
      NvrDriver driver =
          kind == PersonalityKind.ONVIF ? OnvifDriver.create() : LorexDriver.create();
      // load the policy machinery (dictionaries) before the heap baseline
      PasswordGenerator.forPolicy(driver.defaultPolicy()).generate().destroy();
      MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
      long before = usedAfterGc(mem);
      RotationPlan.Builder b = RotationPlan.builder().concurrency(c).driver(driver);
      switch (policyName) {
        case "driver":
          break;
        case "dahua-firmware":
          b.policy(PasswordPolicy.dahuaFirmware());
          break;
        case "nist":
          b.policy(PasswordPolicy.nist80063b());
          break;
        default:
          throw new IllegalArgumentException("--policy driver|dahua-firmware|nist");
      }
      for (FakeNvr d : fleet.devices()) {
        b.target(RotationTarget.of(d.endpoint(), vendor, "admin", Secret.of(old)));
      }
      RotationPlan plan = b.build();
      RotationReport report;
      long wallMs;
      long heapPerDevice;
      try (RotationJournal journal = RotationJournal.create(journalPath, Secret.of("bench"))) {
        long t0 = System.nanoTime();
        report = Rotation.of(plan, journal).run();
        wallMs = (System.nanoTime() - t0) / 1_000_000;
        long after = usedAfterGc(mem);
        heapPerDevice = Math.max(0, (after - before) / n);
        if (plan.targets().size() != n) {
          throw new IllegalStateException();
        }
      }
      long requests = 0;
      for (FakeNvr d : fleet.devices()) {
        requests += d.journal().size();
      }
      double rt = (double) requests / n;
      long floor = (long) Math.ceil((double) n / c) * Math.round(rt) * latency;
      int committed = report.count(RotationReport.Outcome.COMMITTED);
      System.out.println("policy " + policyName);
      System.out.println(
          "committed "
              + committed
              + " of "
              + n
              + "; engine-counted round trips per device "
              + String.format(
                  Locale.ROOT,
                  "%.2f",
                  report.devices().stream()
                      .mapToInt(RotationReport.DeviceResult::roundTrips)
                      .average()
                      .orElse(0)));
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"devices\":%d,\"latency_ms\":%d,\"concurrency\":%d,\"round_trips_per_device\":%.2f,"
                  + "\"floor_ms\":%d,\"wall_ms\":%d,\"ratio\":%.3f,\"heap_bytes_per_device\":%d}",
              n,
              latency,
              c,
              rt,
              floor,
              wallMs,
              floor == 0 ? 0.0 : (double) wallMs / floor,
              heapPerDevice));
      Files.deleteIfExists(journalPath);
      Files.deleteIfExists(dir);
    }
  }

  private static long usedAfterGc(MemoryMXBean mem) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return mem.getHeapMemoryUsage().getUsed();
  }
}
