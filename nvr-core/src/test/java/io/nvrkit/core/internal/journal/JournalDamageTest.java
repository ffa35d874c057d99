package io.nvrkit.core.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nvrkit.core.rotation.JournalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal damaged on disk, exhaustively: cut at every byte offset of its last record, and every
 * single bit flipped. Opening it either throws a {@link JournalException} or gives back every
 * earlier complete record exactly as written; it never gives back a different password, and it
 * never silently throws away a record that was complete.
 */
class JournalDamageTest {
  @TempDir Path dir;

  private final byte[] sample = JournalBytes.sample();

  private List<JournalRecord> open(byte[] file) {
    Path p = dir.resolve("damaged.journal");
    JournalBytes.write(p, file);
    try (JournalFile f = JournalFile.open(p, JournalBytes.PASS)) {
      return f.initialRecords();
    }
  }

  @Test
  void cutAtEveryOffsetOfTheLastRecordKeepsEveryEarlierRecord() throws IOException {
    int last = JournalBytes.recordOffset(sample, JournalBytes.RECORDS.size() - 1);
    int earlier = JournalBytes.RECORDS.size() - 1;
    for (int cut = last; cut < sample.length; cut++) {
      List<JournalRecord> read = open(Arrays.copyOf(sample, cut));
      assertEquals(earlier, read.size(), "records recovered after a cut at " + cut);
      JournalBytes.assertPrefixOfOriginal(read);
      // the torn tail is gone, so the next append lands on a record boundary
      assertEquals(last, Files.size(dir.resolve("damaged.journal")), "size after repair");
    }
    assertEquals(JournalBytes.RECORDS.size(), open(sample).size(), "the undamaged journal");
  }

  @Test
  void everySingleBitFlipIsRefusedOrHarmless() {
    int refused = 0;
    for (int bit = 0; bit < sample.length * 8; bit++) {
      byte[] file = sample.clone();
      file[bit / 8] ^= (byte) (1 << (bit % 8));
      List<JournalRecord> read;
      try {
        read = open(file);
      } catch (JournalException e) {
        assertFalse(e.getMessage().isBlank(), "an explanation");
        refused++;
        continue;
      }
      // a flip that opening accepts must not lose or change anything that was complete
      JournalBytes.assertPrefixOfOriginal(read);
      if (read.size() != JournalBytes.RECORDS.size()) {
        fail(
            "flipping bit "
                + bit
                + " silently dropped "
                + (JournalBytes.RECORDS.size() - read.size())
                + " complete record(s)");
      }
    }
    assertTrue(refused > 0);
  }
}
