package io.nvrkit.core.internal.journal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.core.rotation.JournalException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes opening a rotation journal (header, frames, decryption, record decoding, torn-tail
 * repair). Contract: {@link JournalFile#open} returns records or throws {@link JournalException};
 * nothing else, in bounded time. When the header is the real one, every record it returns is the
 * record that was written at that position: damage never yields a different password.
 *
 * <p>The first input byte picks what the rest is: (0) the whole file; (1) the records after a
 * genuine header; (2) an XOR mask laid over a genuine three-record journal at an offset; (3) a
 * genuine journal cut at an offset, followed by the input. Seeds: {@code JournalFuzzTestInputs/}.
 */
class JournalFuzzTest {
  private static final byte[] SAMPLE = JournalBytes.sample();

  @TempDir static Path dir;

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void open(byte[] input) {
    if (input.length == 0) {
      return;
    }
    int mode = Byte.toUnsignedInt(input[0]) % 4;
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    byte[] file;
    switch (mode) {
      case 0 -> file = rest;
      case 1 -> file = concat(Arrays.copyOf(SAMPLE, JournalCodec.HEADER_LENGTH), rest);
      case 2 -> {
        file = SAMPLE.clone();
        int at = rest.length < 2 ? 0 : ((rest[0] & 0xff) << 8 | (rest[1] & 0xff)) % file.length;
        for (int i = 2; i < rest.length && at + i - 2 < file.length; i++) {
          file[at + i - 2] ^= rest[i];
        }
      }
      default -> {
        int cut = rest.length < 2 ? 0 : ((rest[0] & 0xff) << 8 | (rest[1] & 0xff)) % SAMPLE.length;
        file =
            concat(
                Arrays.copyOf(SAMPLE, cut),
                Arrays.copyOfRange(rest, Math.min(2, rest.length), rest.length));
      }
    }
    Path p = dir.resolve("fuzz.journal");
    JournalBytes.write(p, file);
    try (JournalFile f = JournalFile.open(p, JournalBytes.PASS)) {
      if (mode != 0 || startsWithSampleHeader(file)) {
        JournalBytes.assertPrefixOfOriginal(f.initialRecords());
      }
    } catch (JournalException expected) {
      // the documented outcome for a file that is not a journal, damaged or altered
    }
  }

  private static boolean startsWithSampleHeader(byte[] file) {
    return file.length >= JournalCodec.HEADER_LENGTH
        && Arrays.equals(
            file, 0, JournalCodec.HEADER_LENGTH, SAMPLE, 0, JournalCodec.HEADER_LENGTH);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
