package io.nvrkit.core.reset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nvrkit.core.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResetPackageChannelTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private ResetPackageChannel channel(ResetPackageChannel.Format format) {
    return ResetPackageChannel.builder(dir.resolve("out")).format(format).clock(CLOCK).build();
  }

  @Test
  void folderPackageHoldsManifestPhotosAndSummaryAndReadsBack() throws IOException {
    ResetRequest req = ResetFixtures.request();
    ResetTicket t = channel(ResetPackageChannel.Format.FOLDER).submit(req);

    assertEquals(ResetTicket.Status.SUBMITTED, t.status());
    assertEquals("lorex-reset-ND0219070012345-20261125T101530Z", t.id());
    assertEquals(Instant.parse("2026-11-25T10:15:30Z"), t.submittedAt());
    Path p = Path.of(t.location());
    assertTrue(p.isAbsolute());
    assertEquals(
        List.of("info-screen.jpg", "manifest.json", "sticker.png", "summary.txt"), names(p));

    String manifest = Files.readString(p.resolve("manifest.json"));
    assertTrue(manifest.contains("\"formatVersion\" : 1"), manifest);
    assertTrue(manifest.contains("\"provenance\" : \"INFO_SCREEN\""), manifest);
    assertTrue(manifest.contains(req.stickerPhoto().sha256()), manifest);
    assertTrue(manifest.contains("\"mediaType\" : \"image/png\""), manifest);
    assertTrue(manifest.contains("\"createdAt\" : \"2026-11-25T10:15:30Z\""), manifest);

    ResetPackage back = ResetPackageChannel.read(p);
    assertEquals(t.id(), back.id());
    assertEquals(t.submittedAt(), back.createdAt());
    assertSameRequest(req, back.request());
  }

  @Test
  void summaryListsFieldsInTheOrderOfTheVendorsWebForm() throws IOException {
    ResetTicket t = channel(ResetPackageChannel.Format.FOLDER).submit(ResetFixtures.request());
    String s = Files.readString(Path.of(t.location()).resolve("summary.txt"));
    String[] inOrder = {
      "First name:", "Jane",
      "Last name:", "Doe",
      "Phone number:", "+1 555 0100",
      "E-mail:", "jane@example.com",
      "Model number:", "N841A",
      "Device ID:", "9F3KQ2",
      "Serial number:", "ND0219070012345",
      "Date shown on the recorder:", "2026-11-25",
      "Photo of the Info screen:", "info-screen.jpg",
      "Photo of the sticker:", "sticker.png"
    };
    int at = 0;
    for (String x : inOrder) {
      int i = s.indexOf(x, at);
      assertTrue(i >= at, "'" + x + "' missing or out of order in:\n" + s);
      at = i + x.length();
    }
    assertTrue(s.contains("read from the sticker"), s);
  }

  @Test
  void zipPackageRoundTrips() throws IOException {
    ResetRequest req = ResetFixtures.request();
    ResetTicket t = channel(ResetPackageChannel.Format.ZIP).submit(req);
    Path zip = Path.of(t.location());
    assertTrue(zip.getFileName().toString().endsWith(".zip"));
    try (ZipFile z = new ZipFile(zip.toFile())) {
      List<String> entries = new ArrayList<>();
      z.stream().forEach(e -> entries.add(e.getName()));
      entries.sort(null);
      assertEquals(
          List.of("info-screen.jpg", "manifest.json", "sticker.png", "summary.txt"), entries);
    }
    assertSameRequest(req, ResetPackageChannel.read(zip).request());
  }

  @Test
  void tamperedPhotoInFolderIsNamed() throws IOException {
    Path p =
        Path.of(
            channel(ResetPackageChannel.Format.FOLDER).submit(ResetFixtures.request()).location());
    byte[] b = Files.readAllBytes(p.resolve("sticker.png"));
    b[b.length - 1] ^= 1; // same size, still a PNG: only the checksum can tell
    Files.write(p.resolve("sticker.png"), b);

    CorruptResetPackageException e =
        assertThrows(CorruptResetPackageException.class, () -> ResetPackageChannel.read(p));
    assertEquals("sticker.png", e.file());
    assertTrue(e.getMessage().contains("sticker.png"), e.getMessage());
    assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
  }

  @Test
  void tamperedPhotoInZipIsNamed() throws IOException {
    Path zip =
        Path.of(channel(ResetPackageChannel.Format.ZIP).submit(ResetFixtures.request()).location());
    rewriteZip(
        zip,
        "info-screen.jpg",
        b -> {
          byte[] c = b.clone();
          c[10] ^= 0x55;
          return c;
        });
    CorruptResetPackageException e =
        assertThrows(CorruptResetPackageException.class, () -> ResetPackageChannel.read(zip));
    assertEquals("info-screen.jpg", e.file());
  }

  @Test
  void replacedPhotoOfAnotherSizeAndTypeIsRefused() throws IOException {
    Path p =
        Path.of(
            channel(ResetPackageChannel.Format.FOLDER).submit(ResetFixtures.request()).location());
    Files.write(
        p.resolve("info-screen.jpg"), "not an image at all".getBytes(StandardCharsets.UTF_8));
    CorruptResetPackageException e =
        assertThrows(CorruptResetPackageException.class, () -> ResetPackageChannel.read(p));
    assertEquals("info-screen.jpg", e.file());
  }

  @Test
  void editedSummaryOrMissingPhotoOrBrokenManifestIsRefused() throws IOException {
    ResetPackageChannel ch = channel(ResetPackageChannel.Format.FOLDER);
    Path a = Path.of(ch.submit(ResetFixtures.request()).location());
    Files.writeString(
        a.resolve("summary.txt"),
        Files.readString(a.resolve("summary.txt")).replace("9F3KQ2", "9F3KQ3"));
    assertEquals(
        "summary.txt",
        assertThrows(CorruptResetPackageException.class, () -> ResetPackageChannel.read(a)).file());

    Path b = Path.of(ch.submit(ResetFixtures.request()).location());
    Files.delete(b.resolve("sticker.png"));
    CorruptResetPackageException missing =
        assertThrows(CorruptResetPackageException.class, () -> ResetPackageChannel.read(b));
    assertEquals("sticker.png", missing.file());
    assertTrue(missing.getMessage().contains("missing"), missing.getMessage());

    Path c = Path.of(ch.submit(ResetFixtures.request()).location());
    Files.writeString(c.resolve("manifest.json"), "{\"format\": [1, 2");
    assertEquals(
        "manifest.json",
        assertThrows(CorruptResetPackageException.class, () -> ResetPackageChannel.read(c)).file());
  }

  @Test
  void editedFieldInManifestThatBreaksValidationIsRefused() throws IOException {
    Path p =
        Path.of(
            channel(ResetPackageChannel.Format.FOLDER).submit(ResetFixtures.request()).location());
    Files.writeString(
        p.resolve("manifest.json"),
        Files.readString(p.resolve("manifest.json")).replace("9F3KQ2", "ND0219070012345"));
    CorruptResetPackageException e =
        assertThrows(CorruptResetPackageException.class, () -> ResetPackageChannel.read(p));
    assertEquals("manifest.json", e.file());
    assertTrue(e.getMessage().contains("deviceId"), e.getMessage());
  }

  @Test
  void garbageZipIsReportedAsCorrupt() throws IOException {
    Path z = dir.resolve("x.zip");
    Files.writeString(z, "PK but not really");
    assertThrows(CorruptResetPackageException.class, () -> ResetPackageChannel.read(z));
  }

  @Test
  void twoPackagesInTheSameSecondGetDistinctNamesAndNoTemporaryFilesRemain() throws IOException {
    ResetPackageChannel ch = channel(ResetPackageChannel.Format.ZIP);
    ResetTicket a = ch.submit(ResetFixtures.request());
    ResetTicket b = ch.submit(ResetFixtures.request());
    assertNotEquals(a.id(), b.id());
    assertEquals(a.id() + "-2", b.id());
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      assertFalse(s.anyMatch(f -> f.getFileName().toString().startsWith(".")));
    }
  }

  @Test
  void filesAreOwnerOnlyOnPosix() throws IOException {
    assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"), "file system has no POSIX");
    Path folder =
        Path.of(
            channel(ResetPackageChannel.Format.FOLDER).submit(ResetFixtures.request()).location());
    assertEquals("rwx------", perms(folder));
    assertEquals("rwx------", perms(dir.resolve("out")));
    for (String f : names(folder)) {
      assertEquals("rw-------", perms(folder.resolve(f)), f);
    }
    Path zip =
        Path.of(channel(ResetPackageChannel.Format.ZIP).submit(ResetFixtures.request()).location());
    assertEquals("rw-------", perms(zip));
  }

  @Test
  void optionalEmailMayBeAbsent() {
    ResetRequest req =
        ResetFixtures.requestBuilder().requester(Requester.of("Ana", "Lee", "5550100999")).build();
    ResetTicket t = channel(ResetPackageChannel.Format.FOLDER).submit(req);
    ResetRequest back = ResetPackageChannel.read(Path.of(t.location())).request();
    assertTrue(back.requester().email().isEmpty());
    assertEquals(Provenance.NETWORK_PRE_AUTH, back.displayedDateProvenance());
  }

  @Test
  void pollHasNoWayBack() {
    ResetPackageChannel ch = channel(ResetPackageChannel.Format.FOLDER);
    assertTrue(ch.poll(ch.submit(ResetFixtures.request())).isEmpty());
  }

  static void assertSameRequest(ResetRequest a, ResetRequest b) {
    assertEquals(a.vendor(), b.vendor());
    assertEquals(a.requester(), b.requester());
    assertEquals(a.model(), b.model());
    assertEquals(a.deviceId(), b.deviceId());
    assertEquals(a.serial(), b.serial());
    assertEquals(a.displayedDate(), b.displayedDate());
    assertEquals(a.displayedDateProvenance(), b.displayedDateProvenance());
    assertEquals(a.firmware(), b.firmware());
    assertEquals(a.startTime(), b.startTime());
    assertEquals(a.startTimeProvenance(), b.startTimeProvenance());
    assertArrayEquals(a.infoScreenPhoto().bytes(), b.infoScreenPhoto().bytes());
    assertArrayEquals(a.stickerPhoto().bytes(), b.stickerPhoto().bytes());
    assertEquals(a.stickerPhoto().mediaType(), b.stickerPhoto().mediaType());
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static void rewriteZip(
      Path zip, String entry, java.util.function.UnaryOperator<byte[]> change) throws IOException {
    Map<String, byte[]> content = new LinkedHashMap<>();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      for (ZipEntry e : z.stream().toList()) {
        try (InputStream in = z.getInputStream(e)) {
          byte[] b = in.readAllBytes();
          content.put(e.getName(), e.getName().equals(entry) ? change.apply(b) : b);
        }
      }
    }
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : content.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
  }
}
