package io.nvrkit.core.internal.journal;

/**
 * Argon2id cost parameters, stored in the journal header. New journals use the kit's {@link
 * io.nvrkit.core.rotation.JournalKdf} ({@link #RFC9106_SECOND}, t=3, p=4, m=64 MiB, unless a test
 * kit lowers it).
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
