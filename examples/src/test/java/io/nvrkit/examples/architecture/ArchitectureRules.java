package io.nvrkit.examples.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.ThrowsDeclaration;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.List;
import java.util.Optional;

/**
 * The architecture of DESIGN.md as ArchUnit rules. {@link ArchitectureTest} checks them against
 * every module's classes, and against deliberately bad classes (so each rule is shown to fail).
 */
final class ArchitectureRules {
  static final String CORE = "io.nvrkit.core..";
  static final String LOREX = "io.nvrkit.lorex..";
  static final String ONVIF = "io.nvrkit.onvif..";
  static final String HIKVISION = "io.nvrkit.hikvision..";
  static final String TESTKIT = "io.nvrkit.testkit..";
  static final String EXAMPLES = "io.nvrkit.examples..";
  static final String BENCHMARKS = "io.nvrkit.benchmarks..";
  static final String INTERNAL = "io.nvrkit..internal..";

  /**
   * The testkit's standalone launcher (its {@code main} may print to stdout/stderr); every other
   * library class logs through SLF4J only.
   */
  static final String TESTKIT_LAUNCHER = "io.nvrkit.testkit.launcher..";

  /** Dependencies whose types never appear in a public signature. */
  static final List<String> HIDDEN_LIBRARIES =
      List.of("org.apache.hc.", "com.fasterxml.jackson.", "org.bouncycastle.");

  private ArchitectureRules() {}

  /** Arrows point one way: core names no adapter, testkit, example or benchmark. */
  static final ArchRule CORE_DEPENDS_ON_NO_ADAPTER =
      noClasses()
          .that()
          .resideInAPackage(CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(LOREX, ONVIF, HIKVISION, TESTKIT, EXAMPLES, BENCHMARKS)
          .because("adapters depend on core, never the other way (DESIGN.md, Modules)");

  /** Drivers stay independent of each other and of the testkit: the Lorex driver. */
  static final ArchRule LOREX_IS_INDEPENDENT =
      noClasses()
          .that()
          .resideInAPackage(LOREX)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(ONVIF, HIKVISION, TESTKIT, EXAMPLES, BENCHMARKS)
          .allowEmptyShould(true)
          .because("drivers stay independent; core merges what they read (DESIGN.md)");

  /** The ONVIF driver, likewise. */
  static final ArchRule ONVIF_IS_INDEPENDENT =
      noClasses()
          .that()
          .resideInAPackage(ONVIF)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(LOREX, HIKVISION, TESTKIT, EXAMPLES, BENCHMARKS)
          .allowEmptyShould(true)
          .because("drivers stay independent; core merges what they read (DESIGN.md)");

  /** The Hikvision driver, likewise. */
  static final ArchRule HIKVISION_IS_INDEPENDENT =
      noClasses()
          .that()
          .resideInAPackage(HIKVISION)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(LOREX, ONVIF, TESTKIT, EXAMPLES, BENCHMARKS)
          .allowEmptyShould(true)
          .because("drivers stay independent; core merges what they read (DESIGN.md)");

  /** No HttpClient, Jackson or Bouncy Castle type in a public signature outside *.internal. */
  static final ArchRule NO_LIBRARY_TYPES_IN_PUBLIC_API =
      classes()
          .that()
          .resideInAnyPackage(CORE, LOREX, ONVIF, HIKVISION)
          .and()
          .resideOutsideOfPackage(INTERNAL)
          .should(exposeNoTypeOf(HIDDEN_LIBRARIES))
          .because("the engine behind the API is an implementation detail (STYLE.md, API)");

  /** Library code logs through SLF4J: no System.out/err, printStackTrace or java.util.logging. */
  static final ArchRule LIBRARIES_DO_NOT_PRINT =
      noClasses()
          .that()
          .resideInAnyPackage(CORE, LOREX, ONVIF, HIKVISION, TESTKIT)
          .and()
          .resideOutsideOfPackage(TESTKIT_LAUNCHER)
          .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
          .orShould()
          .dependOnClassesThat()
          .resideInAPackage("java.util.logging..")
          .because("library code logs only through SLF4J (BRIEF, STYLE.md Logging)");

  /** Internal packages are for our modules only. */
  static final ArchRule INTERNAL_ONLY_FROM_OUR_MODULES =
      classes()
          .that()
          .resideInAPackage(INTERNAL)
          .should()
          .onlyHaveDependentClassesThat()
          .resideInAPackage("io.nvrkit..")
          .because("*.internal packages are not API (STYLE.md, Layout)");

  /**
   * Drivers, the testkit and the examples use nvr-core through its public API and its driver SPI
   * ({@code io.nvrkit.core.spi}) only: no module but nvr-core imports {@code
   * io.nvrkit.core.internal} (issue 10).
   */
  static final ArchRule ONLY_CORE_USES_CORE_INTERNAL =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.nvrkit.core..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.nvrkit.core.internal..")
          .because("a driver is written on io.nvrkit.core.spi, which every module can use");

  /**
   * No static field of main code is assignable: state lives in instances a user owns and closes (a
   * kit, a fake, a fleet), never in the JVM (issue 10).
   */
  static final ArchRule NO_STATIC_MUTABLE_FIELDS =
      fields()
          .that()
          .areStatic()
          .and()
          .areDeclaredInClassesThat()
          .resideInAPackage("io.nvrkit..")
          .should()
          .beFinal()
          .because("no JVM-global state: tests and users isolate by owning instances");

  /**
   * No static field of main code is an array: a final array field still holds mutable elements, so
   * constants that are sequences are immutable types ({@code String}, {@code List.of}) or made by a
   * method on each use. The compiler's own (an enum's {@code $VALUES}, a switch map) are synthetic
   * and private to their class.
   */
  static final ArchRule NO_STATIC_ARRAYS =
      fields()
          .that()
          .areStatic()
          .and()
          .doNotHaveModifier(JavaModifier.SYNTHETIC)
          .and()
          .areDeclaredInClassesThat()
          .resideInAPackage("io.nvrkit..")
          .should(notBeAnArray())
          .because("a final array is still shared mutable state");

  private static ArchCondition<JavaField> notBeAnArray() {
    return new ArchCondition<>("not be an array") {
      @Override
      public void check(JavaField f, ConditionEvents events) {
        if (f.getRawType().isArray()) {
          events.add(SimpleConditionEvent.violated(f, f.getFullName() + " is an array"));
        }
      }
    };
  }

  /** The examples show users the public API: they use no internal package, as users must not. */
  static final ArchRule EXAMPLES_USE_ONLY_PUBLIC_API =
      noClasses()
          .that()
          .resideInAPackage(EXAMPLES)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(INTERNAL)
          .because("examples are code a user would write; users may not use *.internal");

  /**
   * A condition: no public or protected member of a visible class, nor the class's supertypes,
   * involves a type from {@code prefixes} (generic type arguments and throws clauses included).
   */
  static ArchCondition<JavaClass> exposeNoTypeOf(List<String> prefixes) {
    return new ArchCondition<>("expose no type of " + prefixes + " in a public signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        if (!isApiVisible(c)) {
          return;
        }
        Optional<JavaType> sup = c.getSuperclass();
        sup.ifPresent(t -> report(c, "extends", t, c, events));
        for (JavaType i : c.getInterfaces()) {
          report(c, "implements", i, c, events);
        }
        for (JavaField f : c.getFields()) {
          if (isApiMember(f)) {
            report(c, "field " + f.getName(), f.getType(), f, events);
          }
        }
        for (JavaCodeUnit u : c.getCodeUnits()) {
          if (!isApiMember(u) || u.getModifiers().contains(JavaModifier.SYNTHETIC)) {
            continue;
          }
          String what = u.isConstructor() ? "constructor" : "method " + u.getName() + "()";
          report(c, what + " returns", u.getReturnType(), u, events);
          for (JavaType p : u.getParameterTypes()) {
            report(c, what + " takes", p, u, events);
          }
          for (ThrowsDeclaration<?> t : u.getThrowsClause()) {
            report(c, what + " throws", t.getRawType(), u, events);
          }
        }
      }

      private void report(
          JavaClass owner, String what, JavaType type, Object where, ConditionEvents events) {
        for (JavaClass raw : type.getAllInvolvedRawTypes()) {
          String n = raw.getName();
          if (prefixes.stream().anyMatch(n::startsWith)) {
            events.add(
                SimpleConditionEvent.violated(
                    where, owner.getName() + ": " + what + " " + n + " (public signature)"));
          }
        }
      }
    };
  }

  /** Public, and every enclosing class public too (or protected in a public class). */
  static boolean isApiVisible(JavaClass c) {
    if (c.isAnonymousClass() || c.isLocalClass()) {
      return false;
    }
    boolean visible =
        c.getModifiers().contains(JavaModifier.PUBLIC)
            || (c.getEnclosingClass().isPresent()
                && c.getModifiers().contains(JavaModifier.PROTECTED));
    return visible && c.getEnclosingClass().map(ArchitectureRules::isApiVisible).orElse(true);
  }

  static boolean isApiMember(JavaMember m) {
    return m.getModifiers().contains(JavaModifier.PUBLIC)
        || m.getModifiers().contains(JavaModifier.PROTECTED);
  }
}
