package io.nvrkit.core.internal.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Fine (ArchUnit fixture): internal packages may expose library types. */
public final class InternalMayUseLibraries {
  private InternalMayUseLibraries() {}

  /**
   * A Jackson type in an internal signature.
   *
   * @return a mapper
   */
  public static ObjectMapper mapper() {
    return new ObjectMapper();
  }
}
