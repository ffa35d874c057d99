package io.nvrkit.core.rotation;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.internal.journal.Journal;
import io.nvrkit.core.internal.journal.JournalRecord;
import io.nvrkit.core.internal.journal.RecordType;
import io.nvrkit.core.internal.rotation.AccountKeys;
import io.nvrkit.core.internal.rotation.InventoryReader;
import java.nio.file.Path;
import java.time.Instant;

/** Journals that crashed processes left behind: one device, one open transaction old → new. */
final class OpenTransactions {
  static final Secret PASS = Secret.of("journal passphrase");
  static final String OLD = "Old-password-0";
  static final String NEW = "New-password-0";
  static final String TX = "tx-1";

  private OpenTransactions() {}

  /**
   * A new journal in {@code file} with the {@link MemoryFleet} device at {@code endpoint} planned
   * and a transaction old → new opened at {@code at}, then {@code steps} ("SENT", "PROBING new", …:
   * a record type and its optional detail), all written to disk.
   */
  static RotationJournal journal(Path file, DeviceEndpoint endpoint, Instant at, String... steps) {
    String key = AccountKeys.key(endpoint, "admin");
    RotationJournal j = RotationJournal.create(TestRotationKit.KIT, file, PASS);
    Journal in = j.internal();
    in.append(
        JournalRecord.planned(
            at,
            key,
            endpoint.toString(),
            MemoryFleet.VENDOR,
            "admin",
            Secret.of(OLD),
            InventoryReader.trustText(endpoint.tlsTrust())),
        false);
    in.append(JournalRecord.intent(at, key, TX, Secret.of(OLD), Secret.of(NEW)), false);
    for (String s : steps) {
      String[] p = s.split(" ", 2);
      in.append(
          JournalRecord.step(RecordType.valueOf(p[0]), at, key, TX, p.length > 1 ? p[1] : ""),
          false);
    }
    in.file().sync();
    return j;
  }
}
