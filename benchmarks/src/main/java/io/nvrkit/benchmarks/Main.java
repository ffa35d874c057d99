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
    String what = args.length > 0 ? args[0] : "";
    if (!what.equals("fleet") && !what.equals("identity")) {
      org.openjdk.jmh.Main.main(args);
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      if (what.equals("fleet")) {
        FleetBenchmark.main(rest);
      } else {
        IdentityBenchmark.main(rest);
      }
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }

  private static final String USAGE =
      String.join(
          "\n",
          "usage:",
          "  fleet [--devices N] [--latency-ms L] [--concurrency C] [--vendor lorex|onvif]",
          "        [--policy driver|dahua-firmware|nist] [--warmup-devices W] [--warmup-rounds R]",
          "        [--external-fleet [--no-raw] [--fleet-jvm-options 'OPTIONS']]",
          "  identity --url URL --vendor V --user U --password-env VAR [--count N]"
              + " [--concurrency C] [--warmup-count W]",
          "  anything else: JMH (-l lists the micro-benchmarks, -h its options)");
}
