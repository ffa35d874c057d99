package io.nvrkit.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where trust-on-first-use pins are kept, keyed by endpoint ({@code host:port}).
 *
 * <p>Implementations must be thread-safe. {@link #inMemory()} keeps pins for the life of the
 * process; {@link #file(Path)} keeps them in a properties file written atomically with owner-only
 * permissions.
 */
public interface PinStore {

  /**
   * The pin recorded for {@code endpointKey}.
   *
   * @param endpointKey the endpoint, {@code host:port}
   * @return its base64 SHA-256 SPKI pin, if one was recorded
   */
  Optional<String> pin(String endpointKey);

  /**
   * Records {@code pin} for {@code endpointKey} if none is recorded yet, atomically.
   *
   * @param endpointKey the endpoint, {@code host:port}
   * @param pin the base64 SHA-256 SPKI pin seen
   * @return the pin in force after the call: {@code pin} if it was recorded now, else the earlier
   *     one
   */
  String recordIfAbsent(String endpointKey, String pin);

  /**
   * A store that forgets everything when the process ends.
   *
   * @return a new, empty store
   */
  static PinStore inMemory() {
    ConcurrentMap<String, String> pins = new ConcurrentHashMap<>();
    return new PinStore() {
      @Override
      public Optional<String> pin(String endpointKey) {
        return Optional.ofNullable(pins.get(endpointKey));
      }

      @Override
      public String recordIfAbsent(String endpointKey, String pin) {
        Objects.requireNonNull(pin, "pin");
        String prior = pins.putIfAbsent(endpointKey, pin);
        return prior == null ? pin : prior;
      }

      @Override
      public String toString() {
        return "PinStore.inMemory" + pins.keySet();
      }
    };
  }

  /**
   * A store backed by a properties file ({@code host\:port=base64pin} lines), created if absent
   * with owner-only permissions and rewritten atomically on each new pin.
   *
   * @param file the file
   * @return the store
   */
  static PinStore file(Path file) {
    return new io.nvrkit.core.internal.FilePinStore(file);
  }
}
