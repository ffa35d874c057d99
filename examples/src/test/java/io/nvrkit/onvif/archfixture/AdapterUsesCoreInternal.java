package io.nvrkit.onvif.archfixture;

import io.nvrkit.core.internal.http.SharedTransport;

/** Deliberately bad (ArchUnit fixture): a driver module reaching into nvr-core's internals. */
public final class AdapterUsesCoreInternal {
  private AdapterUsesCoreInternal() {}

  /**
   * Names a core-internal class.
   *
   * @return the class
   */
  public static Class<?> transport() {
    return SharedTransport.class;
  }
}
