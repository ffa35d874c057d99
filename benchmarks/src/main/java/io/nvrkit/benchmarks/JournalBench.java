package io.nvrkit.benchmarks;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.JournalKdf;
import io.nvrkit.core.rotation.JournalStatus;
import io.nvrkit.core.rotation.Rotation;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationTarget;
import io.nvrkit.lorex.LorexDriver;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeNvrFleet;
import io.nvrkit.testkit.PersonalityKind;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The rotation journal through the public API only (benchmarks must not import {@code
 * io.nvrkit.core.internal}): {@link #reopen} opens a journal that a rotation of {@value #DEVICES}
 * fake Lorex devices wrote (every record verified and decrypted, the cheap KDF so that the
 * passphrase derivation does not hide the record cost) and reads its status; {@link
 * #rotateWithJournal} rotates {@value #SMALL_FLEET} zero-latency fake devices, so the journal's
 * group commits (each device's intent and commit written and forced) are most of the time beyond
 * the in-process exchanges.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class JournalBench {
  static final int DEVICES = 200;
  static final int SMALL_FLEET = 20;
  private static final String OLD = "Old-Passw0rd-1";
  private static final JournalKdf KDF = JournalKdf.CHEAP_FOR_TESTS;

  private Path dir;
  private Path written;
  private FakeNvrFleet fleet;
  private NvrKit kit;
  private int run;

  /**
   * Rotates a fleet once to write the journal that {@link #reopen} reads.
   *
   * @throws Exception on failure
   */
  @Setup(Level.Trial)
  public void setup() throws Exception {
    dir = Files.createTempDirectory("nvrkit-jmh");
    written = dir.resolve("written.journal");
    kit = NvrKit.builder().build();
    try (FakeNvrFleet f = fleet(DEVICES);
        RotationJournal j = RotationJournal.create(written, Secret.of("bench"), KDF)) {
      RotationReport r = Rotation.of(kit, plan(f), j).run();
      if (r.count(RotationReport.Outcome.COMMITTED) != DEVICES) {
        throw new IllegalStateException("the set-up rotation did not commit every device");
      }
    }
  }

  /** A fresh small fleet for each {@link #rotateWithJournal} call. */
  @Setup(Level.Invocation)
  public void freshFleet() {
    fleet = fleet(SMALL_FLEET);
  }

  /** Stops the small fleet. */
  @TearDown(Level.Invocation)
  public void stopFleet() {
    fleet.close();
  }

  /**
   * Tears down.
   *
   * @throws Exception on failure
   */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    kit.close();
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  /**
   * Opens the written journal (verify and decrypt every record) and reads its status.
   *
   * @return the status
   */
  @Benchmark
  public JournalStatus reopen() {
    try (RotationJournal j = RotationJournal.open(written, Secret.of("bench"))) {
      return j.status();
    }
  }

  /**
   * Rotates {@value #SMALL_FLEET} zero-latency devices with a new journal.
   *
   * @return the report
   * @throws Exception on failure
   */
  @Benchmark
  public RotationReport rotateWithJournal() throws Exception {
    Path p = dir.resolve("run-" + run++ + ".journal");
    try (RotationJournal j = RotationJournal.create(p, Secret.of("bench"), KDF)) {
      return Rotation.of(kit, plan(fleet), j).run();
    } finally {
      Files.deleteIfExists(p);
    }
  }

  private static FakeNvrFleet fleet(int n) {
    return FakeNvrFleet.builder(PersonalityKind.LOREX, n)
        .seed(1)
        .everyDevice(d -> d.user("admin", OLD, AccountLevel.ADMINISTRATOR))
        .journalCapacity(64)
        .start();
  }

  private static RotationPlan plan(FakeNvrFleet f) {
    RotationPlan.Builder b = RotationPlan.builder().driver(LorexDriver.create()).concurrency(20);
    for (FakeNvr d : f.devices()) {
      b.target(RotationTarget.of(d.endpoint(), "lorex", "admin", Secret.of(OLD)));
    }
    return b.build();
  }
}
