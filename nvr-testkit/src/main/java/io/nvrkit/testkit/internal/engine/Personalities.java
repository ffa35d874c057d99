package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.internal.hikvision.HikvisionPersonality;
import io.nvrkit.testkit.internal.lorex.LorexPersonality;
import io.nvrkit.testkit.internal.state.DeviceState;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates the {@link Personality} for a kind. A personality class has a public constructor {@code
 * (DeviceState state, DeviceSetup setup)}.
 *
 * <p>The ONVIF personality ({@code io.nvrkit.testkit.internal.onvif.OnvifPersonality}) is written
 * on another branch; it is looked up by name until both are merged, after which this can become a
 * direct reference.
 */
public final class Personalities {
  static final String ONVIF_CLASS = "io.nvrkit.testkit.internal.onvif.OnvifPersonality";

  private Personalities() {}

  /**
   * A personality for {@code setup.kind()} over {@code state}.
   *
   * @param state the device state
   * @param setup the settings
   * @return the personality
   * @throws UnsupportedOperationException if that personality is not available in this build
   */
  public static Personality create(DeviceState state, DeviceSetup setup) {
    switch (setup.kind()) {
      case LOREX:
        return new LorexPersonality(state, setup);
      case ONVIF:
        return byName(ONVIF_CLASS, state, setup);
      case HIKVISION:
        return new HikvisionPersonality(state, setup);
      default:
        throw new UnsupportedOperationException("no personality " + setup.kind());
    }
  }

  private static Personality byName(String className, DeviceState state, DeviceSetup setup) {
    try {
      Class<?> c = Class.forName(className);
      Constructor<?> k = c.getConstructor(DeviceState.class, DeviceSetup.class);
      return (Personality) k.newInstance(state, setup);
    } catch (ClassNotFoundException e) {
      throw new UnsupportedOperationException(
          "the " + setup.kind() + " personality is not part of this build", e);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (t instanceof RuntimeException) {
        throw (RuntimeException) t;
      }
      throw new IllegalStateException("cannot create the " + setup.kind() + " personality", t);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create the " + setup.kind() + " personality", e);
    }
  }
}
