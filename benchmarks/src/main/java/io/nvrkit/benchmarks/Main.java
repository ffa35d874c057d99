package io.nvrkit.benchmarks;

import java.util.Arrays;

/**
 * {@code java -jar benchmarks.jar fleet ...}, {@code ... identity ...}, or anything else for JMH
 * (e.g. {@code -l} to list, {@code JournalBench} to run one).
 */
public final class Main {
  private Main() {}

  /**
   * Dispatches.
   *
   * @param args the arguments
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("fleet")) {
      FleetBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
    } else if (args.length > 0 && args[0].equals("identity")) {
      IdentityBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
    } else {
      org.openjdk.jmh.Main.main(args);
    }
  }
}
