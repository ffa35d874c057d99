package io.nvrkit.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.Rotation;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.core.rotation.RotationListener;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeNvrFleet;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The snippets of docs/rotating-a-fleet.md, run against a fleet of three fake recorders. */
class FleetSnippetsTest {
  @TempDir Path dir;

  /** Stands for the reader's secret store. */
  static final class Vault {
    final Map<String, String> entries = new HashMap<>();

    void write(String key, String user, CharSequence password) {
      entries.put(key, user + ":" + password);
    }
  }

  @Test
  void rotateAndExport() throws Exception {
    try (FakeNvrFleet fleet =
        FakeNvrFleet.lorex(3).user("admin", "Fleet-Old-Pw1", AccountLevel.ADMINISTRATOR).start()) {
      StringBuilder csv = new StringBuilder("url,vendor,user,password\n");
      for (FakeNvr nvr : fleet.devices()) {
        csv.append(nvr.url()).append(",lorex,admin,Fleet-Old-Pw1\n");
      }
      Path inventory = dir.resolve("fleet.csv");
      Files.writeString(inventory, csv, StandardCharsets.UTF_8);
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(inventory, PosixFilePermissions.fromString("rw-------"));
      }
      Path journalFile = dir.resolve("fleet.journal");
      Secret passphrase = Secret.of("correct horse battery staple");
      AtomicInteger finished = new AtomicInteger();
      RotationListener myProgressListener =
          new RotationListener() {
            @Override
            public void deviceFinished(RotationReport.DeviceResult result) {
              finished.incrementAndGet();
            }
          };
      StringWriter writer = new StringWriter();
      Vault vault = new Vault();

      // tag::fleet-rotate[]
      RotationPlan plan = RotationPlan.fromInventory(inventory).concurrency(32).build();
      try (RotationJournal journal = RotationJournal.create(journalFile, passphrase)) {
        RotationReport report = Rotation.of(plan, journal, myProgressListener).run();
        report.writeJson(writer);
        // end::fleet-rotate[]
        assertTrue(report.allCommitted(), writer.toString());
        assertEquals(3, finished.get());
        // tag::fleet-export[]
        journal.export(
            (account, password) ->
                vault.write("nvr/" + account.endpoint(), account.user(), password.view()));
        // end::fleet-export[]
        // tag::fleet-rotate[]
      }
      // end::fleet-rotate[]
      assertEquals(3, vault.entries.size());
      for (FakeNvr nvr : fleet.devices()) {
        String entry = vault.entries.get("nvr/" + nvr.url().toString().replaceAll("/$", ""));
        assertTrue(entry != null, "exported " + vault.entries.keySet());
        assertTrue(nvr.accepts("admin", Secret.of(entry.substring("admin:".length()))));
      }
    }
  }
}
