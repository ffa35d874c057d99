package io.nvrkit.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.NvrException;
import io.nvrkit.core.PinStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePinStoreTest {
  static String pin(int seed) {
    byte[] b = new byte[32];
    b[0] = (byte) seed;
    b[31] = (byte) (seed >> 8);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void roundTripAcrossInstancesWithOwnerOnlyPermissions(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sub/pins.properties");
    PinStore a = PinStore.file(file);
    assertEquals(Optional.empty(), a.pin("192.0.2.10:443"));
    assertEquals(pin(1), a.recordIfAbsent("192.0.2.10:443", pin(1)));
    assertEquals(pin(1), a.recordIfAbsent("192.0.2.10:443", pin(2)), "first pin stays");
    assertEquals(pin(3), a.recordIfAbsent("[2001:db8::1]:8443", pin(3)));

    PinStore b = PinStore.file(file);
    assertEquals(pin(1), b.pin("192.0.2.10:443").orElseThrow());
    assertEquals(pin(3), b.pin("[2001:db8::1]:8443").orElseThrow());
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
    try (var files = Files.list(file.getParent())) {
      assertEquals(
          List.of("pins.properties", "pins.properties.lock"),
          files.map(p -> p.getFileName().toString()).sorted().toList(),
          "the pins and their lock file, no temporary file left behind");
    }
  }

  @Test
  void hexPinsAreStoredCanonically(@TempDir Path dir) {
    PinStore s = PinStore.file(dir.resolve("p"));
    String hex = "00".repeat(31) + "ff";
    byte[] raw = new byte[32];
    raw[31] = (byte) 0xff;
    assertEquals(Base64.getEncoder().encodeToString(raw), s.recordIfAbsent("h:1", hex));
  }

  @Test
  void malformedFileIsAClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pins.properties");
    Files.writeString(file, "192.0.2.10\\:443=" + pin(1) + "\nnvr.example\\:443=not-a-pin\n");
    PinStore s = PinStore.file(file);
    NvrException e = assertThrows(NvrException.class, () -> s.pin("192.0.2.10:443"));
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    assertTrue(e.getMessage().contains("nvr.example:443"), e.getMessage());
    assertThrows(NvrException.class, () -> s.recordIfAbsent("x:1", pin(2)));
    assertTrue(Files.readString(file).contains("not-a-pin"), "a malformed file is never rewritten");
  }

  @Test
  void concurrentFirstUseFromSeveralInstancesAgreesOnOneWinner(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pins.properties");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        int n = i;
        Callable<String> c =
            () -> {
              PinStore s = PinStore.file(file); // a new instance each time
              s.recordIfAbsent("other-" + n + ":443", pin(100 + n));
              return s.recordIfAbsent("shared:443", pin(n));
            };
        results.add(pool.submit(c));
      }
      Set<String> winners = new HashSet<>();
      for (Future<String> f : results) {
        winners.add(f.get());
      }
      assertEquals(1, winners.size());
      PinStore check = PinStore.file(file);
      assertEquals(winners.iterator().next(), check.pin("shared:443").orElseThrow());
      for (int i = 0; i < 16; i++) {
        assertEquals(pin(100 + i), check.pin("other-" + i + ":443").orElseThrow(), "lost update");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
