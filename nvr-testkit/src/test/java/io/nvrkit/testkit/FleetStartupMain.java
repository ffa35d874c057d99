package io.nvrkit.testkit;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Measures how long a fleet of fake recorders takes to start and how much heap it holds. Not a
 * test: run it by hand (see the testkit README for the command).
 *
 * <p>Arguments: {@code [devices] [tls true|false]}; defaults 1000 and false.
 */
public final class FleetStartupMain {
  private FleetStartupMain() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    boolean tls = args.length > 1 && Boolean.parseBoolean(args[1]);
    Runtime rt = Runtime.getRuntime();
    // warm the classes up on one device so the figure is the fleet's, not class loading's
    try (FakeNvr warm = FakeNvr.lorex().tls(tls).start()) {
      if (!tls) {
        RawHttp.get(warm.port(), "/", null);
      }
    }
    gc();
    long before = rt.totalMemory() - rt.freeMemory();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    try (FakeNvrFleet fleet = FakeNvrFleet.lorex(n).tls(tls).seed(42).start()) {
      long startMs = (System.nanoTime() - t0) / 1_000_000;
      long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
      gc();
      long after = rt.totalMemory() - rt.freeMemory();
      int threads = ManagementFactory.getThreadMXBean().getThreadCount();
      int answered = 0;
      if (!tls) {
        for (FakeNvr d : fleet.devices()) {
          if (RawHttp.get(d.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", null).status()
              == 401) {
            answered++;
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "devices=%d tls=%s start=%d ms (cpu %d ms) heap(fleet)=%.1f MB threads(idle)=%d"
              + " answered=%s%n",
          n,
          tls,
          startMs,
          cpuMs,
          (after - before) / 1048576.0,
          threads,
          tls ? "n/a" : String.valueOf(answered));
    }
  }

  private static void gc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
  }
}
