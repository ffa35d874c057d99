package io.nvrkit.testkit.junit;

import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeResetDesk;
import io.nvrkit.testkit.PersonalityKind;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that runs a {@link FakeNvr} (and optionally a {@link FakeResetDesk}) for
 * tests: declaratively with {@link FakeNvrTest}, or programmatically:
 *
 * <pre>{@code
 * class RotationTest {
 *   @RegisterExtension
 *   static FakeNvrExtension fake = FakeNvrExtension.newInstance()
 *       .configure(b -> b.user("admin", "Old-Passw0rd", AccountLevel.ADMINISTRATOR)
 *                        .lockout(Lockout.legacyLorex()))
 *       .withResetDesk()
 *       .build();
 *
 *   @Test
 *   void rotates(FakeNvr nvr, FakeResetDesk desk) { ... fake.nvr() is the same device ... }
 * }
 * }</pre>
 *
 * <p>Lifecycle, as with WireMock's extension: registered in a {@code static} field (or through
 * {@link FakeNvrTest}), one fake serves the whole class and is {@linkplain FakeNvr#reset() reset}
 * (with the desk) before each test; registered in an instance field, a fresh fake is started before
 * each test and closed after it. Test and lifecycle methods may declare parameters of type {@link
 * FakeNvr}, {@link FakeClock} (the device's clock) and, when a desk is configured, {@link
 * FakeResetDesk}. Register one such extension per class when using parameters; with several, use
 * the fields.
 *
 * <p>{@code junit-jupiter-api} is an optional dependency of the testkit: add it to your test scope
 * (you have it if you use JUnit 5). Not thread-safe: JUnit calls it from one thread per class.
 */
public final class FakeNvrExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  private final Builder config;
  private FakeNvr nvr;
  private FakeResetDesk desk;
  private boolean perClass;
  private String startedBy;

  /** The declarative form, used by {@link FakeNvrTest}; reads the annotation of the test class. */
  public FakeNvrExtension() {
    this.config = null;
  }

  private FakeNvrExtension(Builder b) {
    this.config = b;
  }

  /**
   * A builder for the programmatic form (register the result with {@code @RegisterExtension}).
   * Default: a Lorex fake with the {@link FakeNvr} defaults, no desk.
   *
   * @return the builder
   */
  public static Builder newInstance() {
    return new Builder();
  }

  /**
   * The running fake.
   *
   * @return the fake
   * @throws IllegalStateException outside a test (before it started or after it stopped)
   */
  public FakeNvr nvr() {
    if (nvr == null) {
      throw new IllegalStateException("the fake NVR is not running outside a test");
    }
    return nvr;
  }

  /**
   * The running desk.
   *
   * @return the desk
   * @throws IllegalStateException if no desk is configured, or outside a test
   */
  public FakeResetDesk resetDesk() {
    if (desk == null) {
      throw new IllegalStateException(
          nvr == null
              ? "the fake reset desk is not running outside a test"
              : "no reset desk configured: use withResetDesk()");
    }
    return desk;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (nvr == null) {
      start(context);
      perClass = true;
      startedBy = context.getUniqueId();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (nvr == null) {
      start(context);
      perClass = false;
    } else {
      nvr.reset();
      if (desk != null) {
        desk.reset();
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (perClass && context.getUniqueId().equals(startedBy)) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> t = parameter.getParameter().getType();
    return t == FakeNvr.class
        || t == FakeClock.class
        || (t == FakeResetDesk.class && wantsDesk(context));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> t = parameter.getParameter().getType();
    if (nvr == null) {
      throw new ParameterResolutionException(
          "the fake NVR is not running here (a per-test extension cannot serve @BeforeAll)");
    }
    if (t == FakeNvr.class) {
      return nvr;
    }
    if (t == FakeClock.class) {
      return nvr.clock();
    }
    return resetDesk();
  }

  private boolean wantsDesk(ExtensionContext context) {
    if (config != null) {
      return config.desk != null;
    }
    return annotation(context).map(FakeNvrTest::resetDesk).orElse(false);
  }

  private void start(ExtensionContext context) {
    FakeNvr.Builder b;
    Consumer<FakeResetDesk.Builder> deskConfig;
    if (config != null) {
      b = FakeNvr.builder(config.kind);
      config.nvr.accept(b);
      deskConfig = config.desk;
    } else {
      FakeNvrTest a =
          annotation(context)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "FakeNvrExtension() without @FakeNvrTest: use"
                              + " FakeNvrExtension.newInstance() with @RegisterExtension"));
      b = FakeNvr.builder(a.personality()).tls(a.tls());
      deskConfig = a.resetDesk() ? d -> {} : null;
    }
    nvr = b.start();
    if (deskConfig != null) {
      try {
        FakeResetDesk.Builder db = FakeResetDesk.builder().clock(nvr.clock()).device(nvr);
        deskConfig.accept(db);
        desk = db.start();
      } catch (RuntimeException e) {
        nvr.close();
        nvr = null;
        throw e;
      }
    }
  }

  private void stop() {
    try {
      if (desk != null) {
        desk.close();
      }
    } finally {
      desk = null;
      if (nvr != null) {
        nvr.close();
      }
      nvr = null;
    }
  }

  private static Optional<FakeNvrTest> annotation(ExtensionContext context) {
    for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
      FakeNvrTest a = c.getAnnotation(FakeNvrTest.class);
      if (a != null) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** Builds a {@link FakeNvrExtension}. Not thread-safe. */
  public static final class Builder {
    private PersonalityKind kind = PersonalityKind.LOREX;
    private Consumer<FakeNvr.Builder> nvr = b -> {};
    private Consumer<FakeResetDesk.Builder> desk;

    private Builder() {}

    /**
     * Which firmware the fake imitates. Default {@link PersonalityKind#LOREX}.
     *
     * @param kind the personality
     * @return this builder
     */
    public Builder personality(PersonalityKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /**
     * Configures the fake before each start (accounts, identity, lockout, clock, TLS, faults, …).
     * Called again for every fake the extension starts.
     *
     * @param configurer receives a fresh {@link FakeNvr.Builder} of the chosen personality
     * @return this builder
     */
    public Builder configure(Consumer<FakeNvr.Builder> configurer) {
      this.nvr = Objects.requireNonNull(configurer, "configurer");
      return this;
    }

    /**
     * Also run a {@link FakeResetDesk} that knows the fake and shares its clock.
     *
     * @return this builder
     */
    public Builder withResetDesk() {
      return withResetDesk(d -> {});
    }

    /**
     * Also run a {@link FakeResetDesk} that knows the fake and shares its clock, configured further
     * by {@code configurer} (grant mode, token, fixed temporary password).
     *
     * @param configurer receives the desk builder
     * @return this builder
     */
    public Builder withResetDesk(Consumer<FakeResetDesk.Builder> configurer) {
      this.desk = Objects.requireNonNull(configurer, "configurer");
      return this;
    }

    /**
     * Builds the extension.
     *
     * @return the extension
     */
    public FakeNvrExtension build() {
      return new FakeNvrExtension(this);
    }
  }
}
