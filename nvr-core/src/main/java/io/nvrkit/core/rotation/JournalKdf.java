package io.nvrkit.core.rotation;

/**
 * The Argon2id cost of a new journal's key derivation, stored in the journal header (so a journal
 * is always opened with the cost it was created with). Set per kit with {@link
 * io.nvrkit.core.NvrKit.Builder#journalKdf}.
 *
 * @param memoryKiB memory in KiB (8 to 1 GiB, at least 8 per lane)
 * @param iterations passes (1 to 100)
 * @param parallelism lanes (1 to 64)
 */
public record JournalKdf(int memoryKiB, int iterations, int parallelism) {
  /** The default for production: RFC 9106 §4 second recommended option, t=3, p=4, m=64 MiB. */
  public static final JournalKdf DEFAULT = new JournalKdf(64 * 1024, 3, 4);

  /** Cheap parameters for tests only (m=64 KiB, t=1, p=1): never protect a real journal so. */
  public static final JournalKdf CHEAP_FOR_TESTS = new JournalKdf(64, 1, 1);

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if a component is out of range
   */
  public JournalKdf {
    if (memoryKiB < 8
        || memoryKiB > 1024 * 1024
        || iterations < 1
        || iterations > 100
        || parallelism < 1
        || parallelism > 64
        || memoryKiB < 8 * parallelism) {
      throw new IllegalArgumentException(
          "Argon2id parameters out of range: m="
              + memoryKiB
              + " t="
              + iterations
              + " p="
              + parallelism);
    }
  }
}
