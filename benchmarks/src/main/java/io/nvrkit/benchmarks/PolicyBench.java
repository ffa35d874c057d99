package io.nvrkit.benchmarks;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.lorex.LorexPasswordPolicies;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-device CPU of the new password in a fleet rotation: generating one for the Lorex default
 * policy (which checks the candidate, strength estimate included) and checking a given one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PolicyBench {
  private final PasswordPolicy lorex = LorexPasswordPolicies.defaults();
  private final PasswordPolicy firmware = LorexPasswordPolicies.firmwareLimits();
  private final PersonalInfo personal = PersonalInfo.builder().userName("admin").build();
  private PasswordGenerator generator;
  private PasswordGenerator firmwareGenerator;
  private Secret given;

  /** Loads the dictionaries and makes a password to check. */
  @Setup
  public void setUp() {
    generator = PasswordGenerator.forPolicy(lorex);
    firmwareGenerator = PasswordGenerator.forPolicy(firmware);
    given = generator.generate(personal);
  }

  /**
   * Generates a password for {@link LorexPasswordPolicies#defaults()}: random characters, then the
   * whole policy (blocklist, nothing personal) except the zxcvbn estimate, which the draw's known
   * entropy replaces; compare with {@link #checkLorexDefault()}, which estimates.
   *
   * @return the password
   */
  @Benchmark
  public Secret generateLorexDefault() {
    return generator.generate(personal);
  }

  /**
   * Generates a password for {@link LorexPasswordPolicies#firmwareLimits()} alone (no blocklist, no
   * strength estimate): the cost of the randomness and the cheap rules.
   *
   * @return the password
   */
  @Benchmark
  public Secret generateFirmwareOnly() {
    return firmwareGenerator.generate(personal);
  }

  /**
   * Checks a given 20-character password against {@link LorexPasswordPolicies#defaults()}.
   *
   * @return the report
   */
  @Benchmark
  public PolicyReport checkLorexDefault() {
    return lorex.check(given, personal);
  }
}
