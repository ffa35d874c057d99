package io.nvrkit.core.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.JournalException;
import io.nvrkit.core.rotation.JournalException.Kind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {
  @TempDir Path dir;

  private static final Secret PASS = Secret.of("correct horse battery staple");

  private static JournalRecord planned(int i, String password) {
    return JournalRecord.planned(
        Instant.ofEpochMilli(1_700_000_000_000L + i),
        "http://10.0.0." + i + ":80 admin",
        "http://10.0.0." + i + ":80",
        "lorex",
        "admin",
        Secret.of(password),
        "system");
  }

  private Path journalWith(int records) {
    Path p = dir.resolve("j.journal");
    try (JournalFile f = JournalFile.create(p, PASS, KdfParams.CHEAP_FOR_TESTS)) {
      for (int i = 0; i < records; i++) {
        f.append(planned(i, "Secret-Password-" + i), false);
      }
      f.sync();
    }
    return p;
  }

  @Test
  void recordsRoundTripAndNoSecretIsStoredInClear() throws IOException {
    Path p = journalWith(5);
    try (JournalFile f = JournalFile.open(p, PASS)) {
      List<JournalRecord> rs = f.initialRecords();
      assertEquals(5, rs.size());
      assertEquals("http://10.0.0.3:80 admin", rs.get(3).deviceKey());
      assertEquals(Secret.of("Secret-Password-3"), rs.get(3).oldSecret());
      assertTrue(f.recoveryNotes().isEmpty());
    }
    String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
    assertFalse(raw.contains("Secret-Password"), "a password is readable in the file");
    assertFalse(raw.contains("10.0.0."), "a device address is readable in the file");
    assertTrue(raw.startsWith("NVRJ"));
  }

  @Test
  void newJournalIsOwnerOnly() throws IOException {
    Path p = journalWith(0);
    assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"), "file system has no POSIX");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
  }

  @Test
  void wrongPassphraseIsATypedError() {
    Path p = journalWith(1);
    JournalException e =
        assertThrows(JournalException.class, () -> JournalFile.open(p, Secret.of("wrong")));
    assertEquals(Kind.WRONG_PASSPHRASE, e.kind());
  }

  @Test
  void tamperedRecordIsDetectedNotSkipped() throws IOException {
    Path p = journalWith(3);
    long size = Files.size(p);
    // flip a ciphertext byte in the middle record (CRC fixed up, so only GCM can catch it)
    flipAndFixCrc(p, 1);
    assertEquals(size, Files.size(p));
    JournalException e = assertThrows(JournalException.class, () -> JournalFile.open(p, PASS));
    assertEquals(Kind.TAMPERED, e.kind());
  }

  @Test
  void corruptedMiddleRecordWithBadCrcIsTamperingNotATornTail() throws IOException {
    Path p = journalWith(3);
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
      long at = JournalCodec.HEADER_LENGTH + 40;
      raf.seek(at);
      int b = raf.read();
      raf.seek(at);
      raf.write(b ^ 0x55);
    }
    JournalException e = assertThrows(JournalException.class, () -> JournalFile.open(p, PASS));
    assertEquals(Kind.TAMPERED, e.kind());
  }

  @Test
  void removedRecordIsDetected() throws IOException {
    Path p = journalWith(3);
    byte[] all = Files.readAllBytes(p);
    List<int[]> frames = frames(all);
    int[] first = frames.get(0);
    byte[] cut = new byte[all.length - first[1]];
    System.arraycopy(all, 0, cut, 0, first[0]);
    System.arraycopy(all, first[0] + first[1], cut, first[0], all.length - first[0] - first[1]);
    Files.write(p, cut);
    JournalException e = assertThrows(JournalException.class, () -> JournalFile.open(p, PASS));
    assertEquals(Kind.TAMPERED, e.kind());
  }

  @Test
  void tamperedHeaderIsDetected() throws IOException {
    Path p = journalWith(1);
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
      raf.seek(20);
      int b = raf.read();
      raf.seek(20);
      raf.write(b ^ 1);
    }
    JournalException e = assertThrows(JournalException.class, () -> JournalFile.open(p, PASS));
    assertEquals(Kind.TAMPERED, e.kind());
  }

  @Test
  void tornTailIsTruncatedAndReportedAndTheJournalStaysUsable() throws IOException {
    Path p = journalWith(4);
    long full = Files.size(p);
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
      raf.setLength(full - 7);
    }
    try (JournalFile f = JournalFile.open(p, PASS)) {
      assertEquals(3, f.initialRecords().size());
      assertEquals(1, f.recoveryNotes().size());
      assertTrue(f.recoveryNotes().get(0).contains("torn tail"));
      f.appendAndForce(planned(9, "another"));
    }
    try (JournalFile f = JournalFile.open(p, PASS)) {
      assertEquals(4, f.initialRecords().size());
      assertEquals("http://10.0.0.9:80 admin", f.initialRecords().get(3).deviceKey());
      assertTrue(f.recoveryNotes().isEmpty());
    }
  }

  @Test
  void alteredLastRecordIsTamperingNotATornTail() throws IOException {
    Path p = journalWith(2);
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
      raf.seek(raf.length() - 30);
      int b = raf.read();
      raf.seek(raf.length() - 30);
      raf.write(b ^ 0x10);
    }
    JournalException e = assertThrows(JournalException.class, () -> JournalFile.open(p, PASS));
    assertEquals(Kind.TAMPERED, e.kind());
  }

  @Test
  void lastRecordWithUnwrittenBlocksIsATornTail() throws IOException {
    Path p = journalWith(2);
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
      raf.seek(raf.length() - 40);
      raf.write(new byte[40]);
    }
    try (JournalFile f = JournalFile.open(p, PASS)) {
      assertEquals(1, f.initialRecords().size());
      assertEquals(1, f.recoveryNotes().size());
    }
  }

  @Test
  void zeroFilledTailIsTruncated() throws IOException {
    Path p = journalWith(2);
    Files.write(p, new byte[4096], java.nio.file.StandardOpenOption.APPEND);
    try (JournalFile f = JournalFile.open(p, PASS)) {
      assertEquals(2, f.initialRecords().size());
      assertEquals(1, f.recoveryNotes().size());
    }
  }

  @Test
  void notAJournal() throws IOException {
    Path p = dir.resolve("x");
    Files.write(p, new byte[200]);
    JournalException e = assertThrows(JournalException.class, () -> JournalFile.open(p, PASS));
    assertEquals(Kind.UNSUPPORTED_FORMAT, e.kind());
  }

  @Test
  void secondOpenWhileInUseIsRefused() {
    Path p = journalWith(1);
    try (JournalFile f = JournalFile.open(p, PASS)) {
      JournalException e = assertThrows(JournalException.class, () -> JournalFile.open(p, PASS));
      assertEquals(Kind.IN_USE, e.kind());
      assertEquals(1, f.initialRecords().size());
    }
  }

  @Test
  void createRefusesAnExistingFile() {
    Path p = journalWith(1);
    JournalException e =
        assertThrows(
            JournalException.class, () -> JournalFile.create(p, PASS, KdfParams.CHEAP_FOR_TESTS));
    assertEquals(Kind.FILE_STATE, e.kind());
  }

  @Test
  void groupCommitBatchesConcurrentForcedAppends() throws Exception {
    Path p = dir.resolve("g.journal");
    int threads = 16;
    int each = 25;
    try (JournalFile f = JournalFile.create(p, PASS, KdfParams.CHEAP_FOR_TESTS)) {
      List<Thread> ts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * each;
        Thread th =
            new Thread(
                () -> {
                  for (int i = 0; i < each; i++) {
                    f.appendAndForce(planned(base + i, "pw" + i));
                  }
                });
        ts.add(th);
        th.start();
      }
      for (Thread th : ts) {
        th.join();
      }
      assertEquals(threads * each, f.writtenCount());
      assertTrue(
          f.fsyncCount() < threads * each,
          "every forced append paid its own fsync: " + f.fsyncCount());
    }
    try (JournalFile f = JournalFile.open(p, PASS)) {
      assertEquals(threads * each, f.initialRecords().size());
    }
  }

  @Test
  void haltDropsPendingAndLaterAppendsLikeACrash() {
    Path p = dir.resolve("h.journal");
    try (JournalFile f = JournalFile.create(p, PASS, KdfParams.CHEAP_FOR_TESTS)) {
      f.appendAndForce(planned(1, "a"));
      Error crash = new Error("boom");
      f.halt(crash);
      CompletableFuture<Void> later = f.append(planned(2, "b"), true);
      Error e = assertThrows(Error.class, () -> JournalFile.await(later));
      assertEquals("boom", e.getMessage());
    }
    try (JournalFile f = JournalFile.open(p, PASS)) {
      assertEquals(1, f.initialRecords().size());
    }
  }

  /** Frames as {offset, length} pairs. */
  private static List<int[]> frames(byte[] all) {
    List<int[]> out = new ArrayList<>();
    int pos = JournalCodec.HEADER_LENGTH;
    while (pos < all.length) {
      int len = java.nio.ByteBuffer.wrap(all, pos, 4).getInt();
      out.add(new int[] {pos, JournalCodec.FRAME_OVERHEAD + len});
      pos += JournalCodec.FRAME_OVERHEAD + len;
    }
    return out;
  }

  private static void flipAndFixCrc(Path p, int frameIndex) throws IOException {
    byte[] all = Files.readAllBytes(p);
    int[] f = frames(all).get(frameIndex);
    int body = f[0] + JournalCodec.FRAME_OVERHEAD;
    int len = f[1] - JournalCodec.FRAME_OVERHEAD;
    all[body + len - 20] ^= 0x01;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(all, body, len);
    java.nio.ByteBuffer.wrap(all, f[0] + 4, 4).putInt((int) crc.getValue());
    Files.write(p, all);
  }
}
