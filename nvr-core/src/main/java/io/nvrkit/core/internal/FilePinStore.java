package io.nvrkit.core.internal;

import io.nvrkit.core.PinStore;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** A {@link PinStore} in a properties file. */
public final class FilePinStore implements PinStore {
  private final Path file;

  /**
   * Creates the store.
   *
   * @param file the file
   */
  public FilePinStore(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  @Override
  public Optional<String> pin(String endpointKey) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public String recordIfAbsent(String endpointKey, String pin) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public String toString() {
    return "PinStore.file(" + file + ")";
  }
}
