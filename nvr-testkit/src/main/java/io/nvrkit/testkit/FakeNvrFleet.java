package io.nvrkit.testkit;

import io.nvrkit.testkit.internal.engine.Acceptor;
import io.nvrkit.testkit.internal.engine.FleetIdentities;
import io.nvrkit.testkit.internal.engine.Personalities;
import io.nvrkit.testkit.internal.engine.TlsMaterial;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Many fake recorders in one JVM, each with its own identity (derived from a seed and its index)
 * and its own port on loopback, so that any client can address each one unchanged.
 *
 * <pre>{@code
 * try (FakeNvrFleet fleet = FakeNvrFleet.lorex(1000)
 *         .seed(42)
 *         .everyDevice(b -> b
 *             .user("admin", "Fleet-Passw0rd", AccountLevel.ADMINISTRATOR)
 *             .latency(Duration.ofMillis(20)))
 *         .customize((index, b) ->
 *             b.faultAtRandom(7 + index, 0.05, List.of(Fault.httpStatus(500), Fault.applyThenDrop())))
 *         .start()) {
 *   rotation.run(fleet.devices().stream().map(FakeNvr::endpoint).toList());
 *   fleet.devices().forEach(d -> assertTrue(d.accepts("admin", newPassword)));
 * }
 * }</pre>
 *
 * <p>An idle device costs a listening socket and its state, no thread: one acceptor thread serves
 * the whole JVM and connection threads exist only while connections are open. Every setting of
 * {@link FakeNvr.Builder} (accounts, lockout, faults, latency, profiles...) can be given to every
 * device through {@link Builder#everyDevice}, per device through {@link Builder#customize}, or on
 * each {@link FakeNvr} after start.
 *
 * <p>Thread-safe. Closing the fleet closes every device.
 */
public final class FakeNvrFleet implements AutoCloseable {
  private final List<FakeNvr> devices;
  private final Acceptor loop;

  private FakeNvrFleet(List<FakeNvr> devices, Acceptor loop) {
    this.loop = loop;
    this.devices = Collections.unmodifiableList(devices);
  }

  /**
   * A builder for {@code size} fake Lorex recorders.
   *
   * @param size the number of devices, at least 1
   * @return a new builder
   */
  public static Builder lorex(int size) {
    return new Builder(PersonalityKind.LOREX, size);
  }

  /**
   * A builder for {@code size} fake ONVIF devices.
   *
   * @param size the number of devices, at least 1
   * @return a new builder
   */
  public static Builder onvif(int size) {
    return new Builder(PersonalityKind.ONVIF, size);
  }

  /**
   * A builder for {@code size} fakes of {@code kind}.
   *
   * @param kind the personality
   * @param size the number of devices, at least 1
   * @return a new builder
   */
  public static Builder builder(PersonalityKind kind, int size) {
    return new Builder(Objects.requireNonNull(kind, "kind"), size);
  }

  /**
   * The identity device {@code index} of a fleet with {@code seed} gets: serial {@code ND} + 4
   * digits from the seed + the index in 8 digits; a 15-character device ID that never equals the
   * serial; a MAC {@code 3c:ef:8c:xx:xx:xx} unique within the first 16,777,216 devices; machine
   * name {@code NVR-<index>}; the other fields from the personality's default identity ({@link
   * FakeIdentity#lorexDefaults()}, {@link FakeIdentity#onvifDefaults()}).
   *
   * @param kind the fleet's personality
   * @param seed the fleet's seed
   * @param index the device's index, from 0
   * @return the identity
   * @throws UnsupportedOperationException if that personality is not part of this build
   */
  public static FakeIdentity identityFor(PersonalityKind kind, long seed, int index) {
    return FleetIdentities.identityFor(Objects.requireNonNull(kind, "kind"), seed, index);
  }

  /**
   * The devices, in index order.
   *
   * @return an unmodifiable list
   */
  public List<FakeNvr> devices() {
    return devices;
  }

  /**
   * Device {@code index}.
   *
   * @param index from 0
   * @return the device
   * @throws IndexOutOfBoundsException if out of range
   */
  public FakeNvr device(int index) {
    return devices.get(index);
  }

  /**
   * The number of devices.
   *
   * @return the size
   */
  public int size() {
    return devices.size();
  }

  /**
   * The device with serial number {@code serial}.
   *
   * @param serial the serial
   * @return the device, if one has it
   */
  public Optional<FakeNvr> bySerial(String serial) {
    return devices.stream().filter(d -> d.identity().serial().equals(serial)).findFirst();
  }

  /**
   * The device with device ID {@code deviceId}.
   *
   * @param deviceId the device ID
   * @return the device, if one has it
   */
  public Optional<FakeNvr> byDeviceId(String deviceId) {
    return devices.stream().filter(d -> d.identity().deviceId().equals(deviceId)).findFirst();
  }

  /** Calls {@link FakeNvr#reset()} on every device. */
  public void reset() {
    devices.forEach(FakeNvr::reset);
  }

  /** Closes every device. Idempotent. */
  @Override
  public void close() {
    devices.forEach(FakeNvr::close);
    loop.close();
  }

  /** Size and personality. */
  @Override
  public String toString() {
    return "FakeNvrFleet[" + devices.size() + " x " + devices.get(0).kind() + "]";
  }

  /**
   * Builds and starts a {@link FakeNvrFleet}. The fleet's own settings are its size, seed, clock,
   * TLS and journal size; everything else is a {@link FakeNvr.Builder} setting, given through
   * {@link #everyDevice} and {@link #customize}. Not thread-safe.
   */
  public static final class Builder {
    private final PersonalityKind kind;
    private final int size;
    private long seed = 1;
    private boolean tls;
    private boolean sharedCertificate;
    private FakeClock clock;
    private int journalCapacity = 1_000;
    private Consumer<FakeNvr.Builder> everyDevice = b -> {};
    private BiConsumer<Integer, FakeNvr.Builder> customizer = (i, b) -> {};

    private Builder(PersonalityKind kind, int size) {
      if (size < 1) {
        throw new IllegalArgumentException("a fleet has at least one device");
      }
      Personalities.of(kind);
      this.kind = kind;
      this.size = size;
    }

    /**
     * The seed identities are derived from ({@link FakeNvrFleet#identityFor}). Default 1.
     *
     * @param seed the seed
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Serve HTTPS, each device with its own generated key. Default false.
     *
     * @param on true for HTTPS
     * @return this builder
     */
    public Builder tls(boolean on) {
      this.tls = on;
      return this;
    }

    /**
     * With {@link #tls(boolean)}, let all devices share one key and certificate (faster start;
     * every device then has the same pin). Default false.
     *
     * @param shared true to share
     * @return this builder
     */
    public Builder sharedCertificate(boolean shared) {
      this.sharedCertificate = shared;
      return this;
    }

    /**
     * One clock shared by every device. Default a new {@link FakeClock#defaults()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(FakeClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How many requests each device's journal keeps. Default 1,000.
     *
     * @param capacity at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder journalCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("journal capacity must be at least 1");
      }
      this.journalCapacity = capacity;
      return this;
    }

    /**
     * Settings for every device, applied to each device's {@link FakeNvr.Builder} after the fleet's
     * identity, clock, TLS and journal size: accounts, lockout, password rules, latency, faults,
     * profiles. Replaces an earlier call. Default: none.
     *
     * @param settings called once per device, on this thread, in index order
     * @return this builder
     */
    public Builder everyDevice(Consumer<FakeNvr.Builder> settings) {
      this.everyDevice = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Per-device adjustments, called with each index and that device's builder after {@link
     * #everyDevice} (to give one device other accounts, faults or latency, or each device its own
     * random-fault seed). Replaces an earlier call.
     *
     * @param customizer called once per device, on this thread, in index order
     * @return this builder
     */
    public Builder customize(BiConsumer<Integer, FakeNvr.Builder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Builds and starts every device.
     *
     * @return the running fleet; close it when done
     * @throws UncheckedIOException if a port cannot be bound (the devices already started are
     *     closed)
     */
    public FakeNvrFleet start() {
      FakeClock c = clock != null ? clock : FakeClock.defaults();
      TlsMaterial shared = tls && sharedCertificate ? TlsMaterial.generate("NVR") : null;
      // Builders are prepared in index order on this thread (so a customizer need not be
      // thread-safe); key generation and binding then run in parallel.
      List<FakeNvr.Builder> builders = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        FakeNvr.Builder b =
            FakeNvr.builder(kind)
                .identity(identityFor(kind, seed, i))
                .clock(c)
                .journalCapacity(journalCapacity);
        if (shared != null) {
          b.tlsMaterial(shared);
        } else {
          b.tls(tls);
        }
        everyDevice.accept(b);
        customizer.accept(i, b);
        builders.add(b);
      }
      List<FakeNvr> list = new ArrayList<>(Collections.nCopies(size, null));
      Acceptor loop = new Acceptor("fleet");
      try {
        IntStream.range(0, size)
            .parallel()
            .forEach(
                i -> {
                  FakeNvr n = builders.get(i).build(loop);
                  synchronized (list) {
                    list.set(i, n);
                  }
                  n.startInternal();
                });
      } catch (RuntimeException e) {
        synchronized (list) {
          for (FakeNvr n : list) {
            if (n != null) {
              n.close();
            }
          }
        }
        loop.close();
        throw e;
      }
      return new FakeNvrFleet(new ArrayList<>(list), loop);
    }
  }
}
