package io.nvrkit.testkit.junit;

import io.nvrkit.testkit.PersonalityKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against one {@link io.nvrkit.testkit.FakeNvr}, started before the first
 * test, {@linkplain io.nvrkit.testkit.FakeNvr#reset() reset} before each test and closed after the
 * last. Test methods and lifecycle methods receive it (and, with {@link #resetDesk()}, the {@link
 * io.nvrkit.testkit.FakeResetDesk}, and the device's {@link io.nvrkit.testkit.FakeClock}) as
 * parameters.
 *
 * <pre>{@code
 * @FakeNvrTest
 * class MyRotationTest {
 *   @Test
 *   void rotates(FakeNvr nvr) {
 *     myCode.rotate(nvr.endpoint(), Credentials.of("admin", Secret.of("Admin12345")));
 *     assertFalse(nvr.accepts("admin", Secret.of("Admin12345")));
 *   }
 * }
 * }</pre>
 *
 * <p>For anything beyond these attributes (accounts, lockout, faults, a fixed clock), register
 * {@link FakeNvrExtension#newInstance()} programmatically instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeNvrExtension.class)
public @interface FakeNvrTest {
  /**
   * Which firmware the fake imitates. Default Lorex.
   *
   * @return the personality
   */
  PersonalityKind personality() default PersonalityKind.LOREX;

  /**
   * Serve HTTPS with a generated certificate (its pin is {@code nvr.pin()}). Default false.
   *
   * @return true for HTTPS
   */
  boolean tls() default false;

  /**
   * Also start a {@link io.nvrkit.testkit.FakeResetDesk} that knows the fake and shares its clock.
   * Default false.
   *
   * @return true to start a desk
   */
  boolean resetDesk() default false;
}
