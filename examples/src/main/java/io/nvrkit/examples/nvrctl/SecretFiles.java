package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.Secret;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Writes a password to a file that only its owner can read ({@code rw-------} from the moment it
 * exists, never widened afterwards), refusing to overwrite an existing file, and forces it to disk
 * before the password is used on a device, so that a password just set can never be lost.
 */
final class SecretFiles {
  private SecretFiles() {}

  static void writeOwnerOnly(Path file, Secret secret) {
    byte[] bytes = secret.utf8();
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
        java.io.File f = file.toFile();
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
      }
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        out.write(bytes);
        out.write('\n');
      }
      try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
    } catch (FileAlreadyExistsException e) {
      throw CliException.usage(
          "refusing to overwrite " + file + ": choose a new file for the password");
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot write the password file " + file + ": " + e.getClass().getSimpleName(),
          e);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
