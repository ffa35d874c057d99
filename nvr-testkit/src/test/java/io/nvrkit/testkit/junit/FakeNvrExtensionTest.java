package io.nvrkit.testkit.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeResetDesk;
import io.nvrkit.testkit.PersonalityKind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small fixture classes through the JUnit Platform launcher and checks what the extension did
 * to them: one fake per class and reset before each test for a static field, one per test for an
 * instance field, parameter injection, and the declarative annotation. (Surefire does not run the
 * nested fixture classes on their own.)
 */
@Timeout(60)
class FakeNvrExtensionTest {
  static final List<FakeNvr> SEEN = new CopyOnWriteArrayList<>();
  static final List<Boolean> STARTED_CLEAN = new CopyOnWriteArrayList<>();

  private static TestExecutionSummary run(Class<?> fixture) {
    SEEN.clear();
    STARTED_CLEAN.clear();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(fixture)).build(),
        listener);
    return listener.getSummary();
  }

  private static String failures(TestExecutionSummary s) {
    return s.getFailures().stream()
        .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
        .collect(Collectors.joining("; "));
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return s.isConnected();
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  // ----------------------------------------------------------------------------- static field

  static class StaticFieldFixture {
    @RegisterExtension
    static FakeNvrExtension fake =
        FakeNvrExtension.newInstance()
            .configure(b -> b.user("admin", "Start-Passw0rd", AccountLevel.ADMINISTRATOR))
            .build();

    @Test
    void first(FakeNvr nvr) {
      use(nvr);
    }

    @Test
    void second(FakeNvr nvr) {
      use(nvr);
    }

    private static void use(FakeNvr nvr) {
      assertSame(fake.nvr(), nvr);
      SEEN.add(nvr);
      STARTED_CLEAN.add(nvr.accepts("admin", Secret.of("Start-Passw0rd")));
      nvr.setPassword("admin", Secret.of("Changed-by-test-1"));
    }
  }

  @Test
  void staticFieldSharesOneFakePerClassAndResetsItBeforeEachTest() {
    TestExecutionSummary s = run(StaticFieldFixture.class);
    assertEquals(2, s.getTestsSucceededCount(), failures(s));
    assertSame(SEEN.get(0), SEEN.get(1));
    assertEquals(List.of(true, true), STARTED_CLEAN, "each test starts from the configured state");
    assertTrue(!listening(SEEN.get(0).port()), "closed after the class");
  }

  // --------------------------------------------------------------------------- instance field

  static class InstanceFieldFixture {
    @RegisterExtension
    FakeNvrExtension fake =
        FakeNvrExtension.newInstance().personality(PersonalityKind.LOREX).build();

    @Test
    void first(FakeNvr nvr) {
      SEEN.add(nvr);
      assertTrue(listening(nvr.port()));
    }

    @Test
    void second(FakeNvr nvr) {
      SEEN.add(nvr);
      assertTrue(listening(nvr.port()));
    }
  }

  @Test
  void instanceFieldStartsAFreshFakeForEachTestAndClosesIt() {
    TestExecutionSummary s = run(InstanceFieldFixture.class);
    assertEquals(2, s.getTestsSucceededCount(), failures(s));
    assertNotSame(SEEN.get(0), SEEN.get(1));
    assertTrue(!listening(SEEN.get(0).port()) && !listening(SEEN.get(1).port()));
  }

  // ------------------------------------------------------------------------------ annotation

  @FakeNvrTest(resetDesk = true)
  static class AnnotatedFixture {
    static FakeNvr fromBeforeAll;

    @BeforeAll
    static void before(FakeNvr nvr) {
      fromBeforeAll = nvr;
    }

    @Test
    void injectsTheFakeItsClockAndTheDesk(FakeNvr nvr, FakeClock clock, FakeResetDesk desk) {
      SEEN.add(nvr);
      assertSame(fromBeforeAll, nvr);
      assertSame(nvr.clock(), clock);
      assertSame(clock, desk.clock(), "the desk shares the device's clock");
      assertTrue(desk.url().toString().startsWith("http://127.0.0.1:"));
      assertEquals(PersonalityKind.LOREX, nvr.kind());
    }
  }

  @Test
  void annotationRunsOneFakeWithADeskAndInjectsThem() {
    TestExecutionSummary s = run(AnnotatedFixture.class);
    assertEquals(1, s.getTestsSucceededCount(), failures(s));
    assertTrue(!listening(SEEN.get(0).port()));
  }

  static class NoDeskFixture {
    @RegisterExtension static FakeNvrExtension fake = FakeNvrExtension.newInstance().build();

    @Test
    void wantsADesk(FakeResetDesk desk) {}

    @Test
    void deskAccessorExplains() {
      IllegalStateException e = assertThrows(IllegalStateException.class, fake::resetDesk);
      assertTrue(e.getMessage().contains("withResetDesk"), e.getMessage());
    }
  }

  @Test
  void aDeskParameterWithoutADeskFailsThatTestOnly() {
    TestExecutionSummary s = run(NoDeskFixture.class);
    assertEquals(1, s.getTestsSucceededCount(), failures(s));
    assertEquals(1, s.getTestsFailedCount());
    assertTrue(failures(s).contains("ParameterResolutionException"), failures(s));
  }

  @Test
  void accessorsOutsideATestExplain() {
    FakeNvrExtension ext = FakeNvrExtension.newInstance().withResetDesk().build();
    assertThrows(IllegalStateException.class, ext::nvr);
    assertThrows(IllegalStateException.class, ext::resetDesk);
  }
}
