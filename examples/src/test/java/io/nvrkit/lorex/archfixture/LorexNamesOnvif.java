package io.nvrkit.lorex.archfixture;

/** Deliberately bad (ArchUnit fixture): one driver depending on another. */
public final class LorexNamesOnvif {
  private LorexNamesOnvif() {}

  /**
   * A reference to the ONVIF package.
   *
   * @return the class
   */
  public static Class<?> onvif() {
    return io.nvrkit.onvif.archfixture.Prints.class;
  }
}
