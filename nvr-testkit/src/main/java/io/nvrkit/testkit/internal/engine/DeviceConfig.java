package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.DevicePasswordRules;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.internal.state.AccountSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code FakeNvr.Builder} collected, resolved to values (defaults of the personality
 * filled in): what {@link FakeDevice} is built from.
 *
 * @param type the personality
 * @param identity the identity
 * @param accounts the accounts (never empty)
 * @param lockout the lockout settings
 * @param rules the password rules
 * @param clock the clock
 * @param tls the TLS material, or null for plain HTTP
 * @param host the address to listen on
 * @param port the port, 0 for any
 * @param latency the base latency
 * @param faults the sticky faults of the builder
 * @param random the random faults, or null
 * @param setup the personality settings
 * @param journalCapacity the journal's size
 * @param maxConnections the connection limit, 0 for none
 */
public record DeviceConfig(
    PersonalityType type,
    FakeIdentity identity,
    List<AccountSpec> accounts,
    Lockout lockout,
    DevicePasswordRules rules,
    FakeClock clock,
    TlsMaterial tls,
    InetAddress host,
    int port,
    Duration latency,
    List<FaultPlan.Rule> faults,
    RandomFaults random,
    DeviceSetup setup,
    int journalCapacity,
    int maxConnections) {

  /** Copies the lists. */
  public DeviceConfig {
    accounts = List.copyOf(accounts);
    faults = List.copyOf(faults);
  }

  /**
   * Faults drawn at random.
   *
   * @param seed the seed
   * @param probability 0 to 1
   * @param faults the candidates
   */
  public record RandomFaults(long seed, double probability, List<Fault> faults) {
    /** Copies the list. */
    public RandomFaults {
      faults = List.copyOf(faults);
    }
  }
}
