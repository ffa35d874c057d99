package io.nvrkit.core.reset;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A reset package read back and verified by {@link ResetPackageChannel#read(Path)}: its id, when it
 * was written, where it is, and the request it carries (photos included, checksums verified).
 *
 * @param id the package id, also the ticket id {@link ResetPackageChannel#submit} returned
 * @param createdAt when the package was written
 * @param location the package folder or zip file
 * @param request the request, validated again as by {@link ResetRequest.Builder#build()}
 */
public record ResetPackage(String id, Instant createdAt, Path location, ResetRequest request) {
  /** Checks the components. */
  public ResetPackage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(request, "request");
  }
}
