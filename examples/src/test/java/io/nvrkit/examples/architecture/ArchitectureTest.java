package io.nvrkit.examples.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link ArchitectureRules} against the production classes of every module (the examples
 * module depends on all of them), and shows each rule failing on a deliberately bad class from this
 * module's test sources ({@code ..archfixture..}), so that no rule passes vacuously.
 */
class ArchitectureTest {
  static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.nvrkit");
    // the import really covers the modules: a rule over nothing would prove nothing
    assertTrue(production.contain("io.nvrkit.core.Secret"), "nvr-core imported");
    assertTrue(
        production.contain("io.nvrkit.core.internal.policy.PolicyChecker"), "internals imported");
    assertTrue(production.contain("io.nvrkit.examples.nvrctl.Nvrctl"), "examples imported");
    assertTrue(
        production.contain("io.nvrkit.hikvision.internal.IsapiTransport"),
        "nvr-hikvision imported");
    assertFalse(
        production.contain("io.nvrkit.core.archfixture.LeakyApi"), "test fixtures excluded");
  }

  // ---- the real code obeys every rule

  @Test
  void coreDependsOnNoAdapter() {
    ArchitectureRules.CORE_DEPENDS_ON_NO_ADAPTER.check(production);
  }

  @Test
  void driversAreIndependent() {
    ArchitectureRules.LOREX_IS_INDEPENDENT.check(production);
    ArchitectureRules.ONVIF_IS_INDEPENDENT.check(production);
    ArchitectureRules.HIKVISION_IS_INDEPENDENT.check(production);
  }

  @Test
  void noLibraryTypesInPublicSignatures() {
    ArchitectureRules.NO_LIBRARY_TYPES_IN_PUBLIC_API.check(production);
  }

  @Test
  void librariesDoNotPrint() {
    ArchitectureRules.LIBRARIES_DO_NOT_PRINT.check(production);
  }

  @Test
  void internalPackagesAreUsedOnlyByOurModules() {
    ArchitectureRules.INTERNAL_ONLY_FROM_OUR_MODULES.check(production);
  }

  @Test
  void examplesUseOnlyThePublicApi() {
    ArchitectureRules.EXAMPLES_USE_ONLY_PUBLIC_API.check(production);
  }

  @Test
  void noModuleButCoreUsesCoreInternals() {
    ArchitectureRules.ONLY_CORE_USES_CORE_INTERNAL.check(production);
  }

  @Test
  void noStaticFieldIsAssignable() {
    ArchitectureRules.NO_STATIC_MUTABLE_FIELDS.check(production);
  }

  @Test
  void noStaticFieldIsAnArray() {
    ArchitectureRules.NO_STATIC_ARRAYS.check(production);
  }

  // ---- and every rule catches a violation

  static JavaClasses fixtures(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  static List<String> violations(ArchRule rule, JavaClasses classes) {
    EvaluationResult r = rule.evaluate(classes);
    return r.getFailureReport().getDetails();
  }

  static void assertCaught(ArchRule rule, JavaClasses classes, String... expected) {
    List<String> v = violations(rule, classes);
    String all = String.join("\n", v);
    assertFalse(v.isEmpty(), "rule did not catch the bad class");
    for (String e : expected) {
      assertTrue(all.contains(e), "expected a violation mentioning " + e + " in:\n" + all);
    }
  }

  @Test
  void coreRuleCatchesCoreNamingTheCli() {
    assertCaught(
        ArchitectureRules.CORE_DEPENDS_ON_NO_ADAPTER,
        fixtures(io.nvrkit.core.archfixture.CoreNamesTheCli.class),
        "io.nvrkit.examples.nvrctl.Nvrctl");
  }

  @Test
  void driverRuleCatchesLorexNamingOnvif() {
    assertCaught(
        ArchitectureRules.LOREX_IS_INDEPENDENT,
        fixtures(io.nvrkit.lorex.archfixture.LorexNamesOnvif.class),
        "io.nvrkit.onvif.archfixture.Prints");
  }

  @Test
  void signatureRuleCatchesEveryKindOfLeakAndOnlyThose() {
    JavaClasses c =
        fixtures(
            io.nvrkit.core.archfixture.LeakyApi.class,
            io.nvrkit.core.internal.archfixture.InternalMayUseLibraries.class);
    // Hidden is a nested class: import it explicitly
    c =
        new ClassFileImporter()
            .importClasses(
                io.nvrkit.core.archfixture.LeakyApi.class,
                io.nvrkit.core.internal.archfixture.InternalMayUseLibraries.class,
                hidden());
    List<String> v = violations(ArchitectureRules.NO_LIBRARY_TYPES_IN_PUBLIC_API, c);
    String all = String.join("\n", v);
    assertTrue(all.contains("extends org.apache.hc.core5.http.message.BasicHeader"), all);
    assertTrue(all.contains("field memos org.bouncycastle.util.Memoable"), all);
    assertTrue(all.contains("constructor takes com.fasterxml.jackson.databind.ObjectMapper"), all);
    assertTrue(all.contains("method host() returns org.apache.hc.core5.http.HttpHost"), all);
    assertTrue(
        all.contains("method fail() throws org.apache.hc.core5.http.ProtocolException"), all);
    assertFalse(all.contains("mapper"), "private and package-private members are not API:\n" + all);
    assertFalse(all.contains("Hidden"), "a package-private class is not API:\n" + all);
    assertFalse(all.contains("InternalMayUseLibraries"), "internal packages are exempt:\n" + all);
  }

  private static Class<?> hidden() {
    try {
      return Class.forName("io.nvrkit.core.archfixture.LeakyApi$Hidden");
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void printingRuleCatchesStdoutJulAndPrintStackTraceButNotTheLauncher() {
    JavaClasses c =
        fixtures(
            io.nvrkit.onvif.archfixture.Prints.class,
            io.nvrkit.lorex.archfixture.UsesJul.class,
            io.nvrkit.testkit.archfixture.PrintsStackTrace.class,
            io.nvrkit.testkit.launcher.archfixture.LauncherMain.class);
    List<String> v = violations(ArchitectureRules.LIBRARIES_DO_NOT_PRINT, c);
    String all = String.join("\n", v);
    assertTrue(all.contains("Prints.hello()"), all);
    assertTrue(all.contains("UsesJul"), all);
    assertTrue(all.contains("PrintsStackTrace"), all);
    assertFalse(all.contains("LauncherMain"), "the launcher may print:\n" + all);
  }

  @Test
  void internalRuleCatchesAUserClass() {
    assertCaught(
        ArchitectureRules.INTERNAL_ONLY_FROM_OUR_MODULES,
        new ClassFileImporter()
            .importClasses(
                com.example.userapp.UsesInternal.class,
                io.nvrkit.core.internal.policy.PolicyChecker.class),
        "com.example.userapp.UsesInternal");
  }

  @Test
  void examplesRuleCatchesAnExampleUsingInternals() {
    assertCaught(
        ArchitectureRules.EXAMPLES_USE_ONLY_PUBLIC_API,
        fixtures(io.nvrkit.examples.archfixture.ExampleUsesInternal.class),
        "io.nvrkit.core.internal.LockoutGuard");
  }

  @Test
  void coreInternalRuleCatchesADriverModuleUsingCoreInternals() {
    assertCaught(
        ArchitectureRules.ONLY_CORE_USES_CORE_INTERNAL,
        fixtures(io.nvrkit.onvif.archfixture.AdapterUsesCoreInternal.class),
        "io.nvrkit.core.internal.http.SharedTransport");
  }

  @Test
  void staticArrayRuleCatchesASharedTable() {
    assertCaught(
        ArchitectureRules.NO_STATIC_ARRAYS,
        fixtures(io.nvrkit.testkit.archfixture.GlobalLoop.class),
        "GlobalLoop.NAMES");
  }

  @Test
  void staticFieldRuleCatchesAGlobalSingleton() {
    assertCaught(
        ArchitectureRules.NO_STATIC_MUTABLE_FIELDS,
        fixtures(io.nvrkit.testkit.archfixture.GlobalLoop.class),
        "GlobalLoop.instance");
  }
}
