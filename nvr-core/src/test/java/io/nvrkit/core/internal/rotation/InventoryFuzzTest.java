package io.nvrkit.core.internal.rotation;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.core.rotation.InventoryException;
import io.nvrkit.core.rotation.RotationTarget;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the inventory reader (CSV, and JSON for completeness). Contract: a list of targets, each
 * complete, or an {@link InventoryException}; nothing else, in bounded time. Seeds: {@code
 * InventoryFuzzTestInputs/}.
 */
class InventoryFuzzTest {
  private static final Function<String, String> ENV =
      name -> name.startsWith("PW") ? "From-Env-Secret-1" : null;

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void csv(byte[] input) {
    check(Path.of("fleet.csv"), input);
  }

  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void json(byte[] input) {
    check(Path.of("fleet.json"), input);
  }

  private static void check(Path name, byte[] input) {
    try {
      for (RotationTarget t : InventoryReader.parse(name, input, ENV)) {
        assertNotNull(t.endpoint());
        assertNotNull(t.password());
        assertNotNull(t.vendor());
      }
    } catch (InventoryException expected) {
      // the documented outcome for a malformed inventory
    }
  }
}
