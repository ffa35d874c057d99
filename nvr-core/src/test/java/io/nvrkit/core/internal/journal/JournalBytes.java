package io.nvrkit.core.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Journal files built in memory for the fuzz and damage tests: a real header and real encrypted
 * records, written with the codec directly. The one place these tests choose the journal's key
 * derivation cost ({@link KdfParams#CHEAP_FOR_TESTS}, stored in the header, so opening is cheap
 * too); no JVM-wide override is involved.
 */
final class JournalBytes {
  static final Secret PASS = Secret.of("fuzz journal passphrase 1");

  /** The records of {@link #sample()}: a plan entry, an intent with both passwords, a step. */
  static final List<JournalRecord> RECORDS =
      List.of(
          JournalRecord.planned(
              Instant.ofEpochMilli(1_700_000_000_000L),
              "http://10.0.0.7:80 admin",
              "http://10.0.0.7:80",
              "lorex",
              "admin",
              Secret.of("Inventory-Pass-1"),
              "system"),
          JournalRecord.intent(
              Instant.ofEpochMilli(1_700_000_000_100L),
              "http://10.0.0.7:80 admin",
              "tx-1",
              Secret.of("Inventory-Pass-1"),
              Secret.of("New-Pass-7Qz!x")),
          JournalRecord.step(
              RecordType.SENT,
              Instant.ofEpochMilli(1_700_000_000_200L),
              "http://10.0.0.7:80 admin",
              "tx-1",
              ""));

  private JournalBytes() {}

  /** A journal file of {@link #RECORDS}, opened with {@link #PASS}. */
  static byte[] sample() {
    return build(RECORDS);
  }

  static byte[] build(List<JournalRecord> records) {
    JournalCodec codec = JournalCodec.create(PASS, KdfParams.CHEAP_FOR_TESTS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(codec.header());
    long seq = 0;
    for (JournalRecord r : records) {
      out.writeBytes(codec.encode(seq++, r));
    }
    return out.toByteArray();
  }

  /** Where record {@code index} of a file built by {@link #build} starts. */
  static int recordOffset(byte[] file, int index) {
    int pos = JournalCodec.HEADER_LENGTH;
    for (int i = 0; i < index; i++) {
      pos += JournalCodec.FRAME_OVERHEAD + java.nio.ByteBuffer.wrap(file, pos, 4).getInt();
    }
    return pos;
  }

  static void write(Path p, byte[] bytes) {
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts that what a damaged journal gave back is a prefix of what was written, record by
   * record: never a changed password, device or step. Messages name fields, never secrets.
   */
  static void assertPrefixOfOriginal(List<JournalRecord> read) {
    assertTrue(read.size() <= RECORDS.size(), "more records than were written");
    for (int i = 0; i < read.size(); i++) {
      JournalRecord want = RECORDS.get(i);
      JournalRecord got = read.get(i);
      assertEquals(want.type(), got.type(), "type of record " + i);
      assertEquals(want.time(), got.time(), "time of record " + i);
      assertEquals(want.deviceKey(), got.deviceKey(), "device of record " + i);
      assertEquals(want.txId(), got.txId(), "transaction of record " + i);
      assertTrue(
          java.util.Objects.equals(want.oldSecret(), got.oldSecret()),
          "old password of record " + i + " differs");
      assertTrue(
          java.util.Objects.equals(want.newSecret(), got.newSecret()),
          "new password of record " + i + " differs");
      assertEquals(want.text(), got.text(), "text of record " + i);
    }
  }
}
