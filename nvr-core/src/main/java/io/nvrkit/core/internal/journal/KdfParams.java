package io.nvrkit.core.internal.journal;

/**
 * Argon2id cost parameters, stored in the journal header. Production journals always use {@link
 * #RFC9106_SECOND} (t=3, p=4, m=64 MiB); tests may lower the cost for new journals with {@link
 * #overrideForTests(KdfParams)}, which is deliberately internal.
 *
 * @param memoryKiB memory in KiB
 * @param iterations passes
 * @param parallelism lanes
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {
  /** RFC 9106 §4 second recommended option: t=3, p=4, m=64 MiB. */
  public static final KdfParams RFC9106_SECOND = new KdfParams(64 * 1024, 3, 4);

  /** Minimum values accepted when reading a header (refuses absurd or hostile parameters). */
  static final int MIN_MEMORY_KIB = 8;

  /** Maximum memory accepted when reading a header: 1 GiB. */
  static final int MAX_MEMORY_KIB = 1024 * 1024;

  private static volatile KdfParams override;

  /**
   * The parameters for a new journal.
   *
   * @return the parameters
   */
  public static KdfParams forNewJournal() {
    KdfParams o = override;
    return o != null ? o : RFC9106_SECOND;
  }

  /**
   * Test hook: new journals created in this JVM use {@code params} (null restores the default).
   * Never call from production code.
   *
   * @param params cheap parameters, or null
   */
  public static void overrideForTests(KdfParams params) {
    override = params;
  }

  /** Cheap parameters for tests (m=64 KiB, t=1, p=1). */
  public static final KdfParams CHEAP_FOR_TESTS = new KdfParams(64, 1, 1);

  boolean plausible() {
    return memoryKiB >= MIN_MEMORY_KIB
        && memoryKiB <= MAX_MEMORY_KIB
        && iterations >= 1
        && iterations <= 100
        && parallelism >= 1
        && parallelism <= 64
        && memoryKiB >= 8 * parallelism;
  }
}
