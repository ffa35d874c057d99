package io.nvrkit.core.reset;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes reading a reset package back: its manifest (JSON) against genuine photos and summary, and
 * a whole zip package. Contract: {@link ResetPackageChannel#read} returns a verified package or
 * throws {@link CorruptResetPackageException}; nothing else, in bounded time.
 *
 * <p>The first input byte picks what the rest is: (0) the manifest; (1) the zip file; (2) an XOR
 * mask laid over the genuine manifest at an offset. Seeds: {@code ResetPackageFuzzTestInputs/}.
 */
class ResetPackageFuzzTest {
  @TempDir static Path dir;
  private static Path folder;
  private static byte[] manifest;

  @BeforeAll
  static void genuinePackage() throws IOException {
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC);
    ResetTicket t =
        ResetPackageChannel.builder(dir.resolve("out"))
            .clock(clock)
            .build()
            .submit(ResetFixtures.request());
    folder = Path.of(t.location());
    manifest = Files.readAllBytes(folder.resolve("manifest.json"));
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void read(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    int mode = Byte.toUnsignedInt(input[0]) % 3;
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    Path location = folder;
    switch (mode) {
      case 0 -> Files.write(folder.resolve("manifest.json"), rest);
      case 1 -> {
        location = dir.resolve("fuzz.zip");
        Files.write(location, rest);
      }
      default -> {
        byte[] m = manifest.clone();
        int at = rest.length < 2 ? 0 : ((rest[0] & 0xff) << 8 | (rest[1] & 0xff)) % m.length;
        for (int i = 2; i < rest.length && at + i - 2 < m.length; i++) {
          m[at + i - 2] ^= rest[i];
        }
        Files.write(folder.resolve("manifest.json"), m);
      }
    }
    try {
      assertNotNull(ResetPackageChannel.read(location).request());
    } catch (CorruptResetPackageException expected) {
      // the documented outcome for a damaged or altered package
    } finally {
      Files.write(folder.resolve("manifest.json"), manifest);
    }
  }
}
