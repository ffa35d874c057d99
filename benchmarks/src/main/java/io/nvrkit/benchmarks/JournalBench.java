package io.nvrkit.benchmarks;

import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.JournalCodec;
import io.nvrkit.core.internal.journal.JournalFile;
import io.nvrkit.core.internal.journal.JournalRecord;
import io.nvrkit.core.internal.journal.KdfParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal append: the CPU cost of encrypting and framing one INTENT record (AES-256-GCM, CRC32C,
 * device tag), and a written (page-cache, unforced) append through the group-commit writer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JournalBench {
  private JournalCodec codec;
  private JournalRecord intent;
  private long seq;
  private Path dir;
  private JournalFile file;

  /**
   * Sets up.
   *
   * @throws Exception on failure
   */
  @Setup(Level.Trial)
  public void setup() throws Exception {
    codec = JournalCodec.create(Secret.of("bench"), KdfParams.CHEAP_FOR_TESTS);
    intent =
        JournalRecord.intent(
            Instant.now(),
            "https://192.0.2.10:443 admin",
            "0190f3a2-7c1e-7d33-8a55-0c6f1e2d3b4a",
            Secret.of("Old-Passw0rd-1"),
            Secret.of("New-Passw0rd-2-xyz!"));
    dir = Files.createTempDirectory("nvrkit-jmh");
    file = JournalFile.create(dir.resolve("j"), Secret.of("bench"), KdfParams.CHEAP_FOR_TESTS);
  }

  /**
   * Tears down.
   *
   * @throws Exception on failure
   */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    file.close();
    Files.deleteIfExists(dir.resolve("j"));
    Files.deleteIfExists(dir);
  }

  /**
   * Encrypts and frames one record.
   *
   * @return the frame
   */
  @Benchmark
  public byte[] encodeRecord() {
    return codec.encode(seq++, intent);
  }

  /** Appends one record through the writer thread and waits until it is written (not forced). */
  @Benchmark
  public void appendWritten() {
    JournalFile.await(file.append(intent, false));
  }
}
