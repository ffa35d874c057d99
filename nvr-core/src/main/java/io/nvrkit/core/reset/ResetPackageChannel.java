package io.nvrkit.core.reset;

import io.nvrkit.core.Provenance;
import io.nvrkit.core.internal.reset.ResetPackageReader;
import io.nvrkit.core.internal.reset.ResetPackageWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Writes a {@link ResetRequest} as a self-contained package that a person uploads to the vendor's
 * web form: a folder or a zip file holding
 *
 * <ul>
 *   <li>{@code manifest.json}: format version, id, creation time, every form field with its {@link
 *       Provenance}, and for each photo its file name, media type, size and SHA-256 (and the
 *       summary's SHA-256);
 *   <li>the two photos ({@code info-screen.jpg|png}, {@code sticker.jpg|png});
 *   <li>{@code summary.txt}: the fields in the order of the vendor's web form (first name, last
 *       name, phone, e-mail, model number, device ID, serial number, date on the recorder; then the
 *       photos), ready to be typed in.
 * </ul>
 *
 * <pre>{@code
 * ResetTicket t = ResetPackageChannel.zip(Path.of("reset-requests")).submit(request);
 * System.out.println("Upload " + t.location());
 * // later, before uploading, or on another machine:
 * ResetPackage p = ResetPackageChannel.read(Path.of(t.location()));   // verifies every checksum
 * }</pre>
 *
 * <p>The package is written under a temporary name and moved into place, so a crash never leaves a
 * half-written package under the final name. Where the file system supports POSIX permissions the
 * folder is created {@code rwx------} and every file {@code rw-------} (the package holds personal
 * data). A package has no way back: {@link #poll} always returns empty; the person types in the
 * vendor's answer ({@link ResetGrant#of}).
 *
 * <p>Immutable and thread-safe; concurrent submissions get distinct package names.
 */
public final class ResetPackageChannel implements ResetChannel {
  /** The {@code formatVersion} this class writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** How a package is laid out on disk. */
  public enum Format {
    /** A folder holding the files. */
    FOLDER,
    /** A single zip file holding the files at its root. */
    ZIP
  }

  private final Path directory;
  private final Format format;
  private final Clock clock;

  private ResetPackageChannel(Builder b) {
    this.directory = b.directory;
    this.format = b.format;
    this.clock = b.clock;
  }

  /**
   * A channel writing package folders into {@code directory}.
   *
   * @param directory where packages go; created (owner-only) if missing
   * @return the channel
   */
  public static ResetPackageChannel folder(Path directory) {
    return builder(directory).format(Format.FOLDER).build();
  }

  /**
   * A channel writing zip packages into {@code directory}.
   *
   * @param directory where packages go; created (owner-only) if missing
   * @return the channel
   */
  public static ResetPackageChannel zip(Path directory) {
    return builder(directory).format(Format.ZIP).build();
  }

  /**
   * A builder; default format {@link Format#FOLDER}, default clock the system UTC clock.
   *
   * @param directory where packages go; created (owner-only) if missing
   * @return the builder
   */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  /**
   * Writes the package. The ticket's id is the package id (e.g. {@code
   * lorex-reset-ND0219070012345-20261125T101530Z}), its status {@link
   * ResetTicket.Status#SUBMITTED}, its location the absolute path of the folder or zip file.
   *
   * @param request a validated request
   * @return the ticket
   * @throws UncheckedIOException if the package cannot be written (nothing is left under the final
   *     name)
   */
  @Override
  public ResetTicket submit(ResetRequest request) {
    Objects.requireNonNull(request, "request");
    return ResetPackageWriter.submit(directory, format == Format.ZIP, clock, request);
  }

  /**
   * Reads a package back (folder or zip) and verifies it: the manifest's format and version, every
   * photo's presence, size, SHA-256 and media type (by its content), the summary's SHA-256, and the
   * request's fields as {@link ResetRequest.Builder#build()} does.
   *
   * @param location the package folder or zip file
   * @return the verified package
   * @throws CorruptResetPackageException naming the file that is missing, malformed or changed
   * @throws UncheckedIOException if the package cannot be read at all (e.g. no such path)
   */
  public static ResetPackage read(Path location) {
    Objects.requireNonNull(location, "location");
    return ResetPackageReader.read(location);
  }

  @Override
  public String toString() {
    return "ResetPackageChannel[" + format + " in " + directory + "]";
  }

  /** Builds a {@link ResetPackageChannel}. Not thread-safe. */
  public static final class Builder {
    private final Path directory;
    private Format format = Format.FOLDER;
    private Clock clock = Clock.systemUTC();

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * Folder or zip. Default {@link Format#FOLDER}.
     *
     * @param format the layout
     * @return this builder
     */
    public Builder format(Format format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * The clock that stamps {@code createdAt} and the package id. Default the system UTC clock.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the channel. The directory is created on the first submission.
     *
     * @return the channel
     */
    public ResetPackageChannel build() {
      return new ResetPackageChannel(this);
    }
  }
}
