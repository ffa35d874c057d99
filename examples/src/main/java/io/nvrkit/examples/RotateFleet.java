package io.nvrkit.examples;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.Rotation;
import io.nvrkit.core.rotation.RotationJournal;
import io.nvrkit.core.rotation.RotationPlan;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationTarget;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeNvrFleet;
import io.nvrkit.testkit.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Rotates the admin password of a fleet of 20 recorders with the rotation engine: every new
 * password is written to an encrypted journal before it is sent, verified after, and exported to a
 * vault at the end. One recorder drops its answer right after applying the change, and nothing is
 * lost.
 *
 * <pre>{@code
 * java -cp examples/target/nvrctl.jar io.nvrkit.examples.RotateFleet
 * }</pre>
 *
 * <p>For real devices, build the plan from an inventory file ({@code
 * RotationPlan.fromInventory(Path.of("fleet.csv"))}) or run {@code nvrctl rotate}.
 */
public final class RotateFleet {
  private RotateFleet() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws IOException if the temporary directory cannot be created
   */
  public static void main(String[] args) throws IOException {
    try (FakeNvrFleet fleet =
        FakeNvrFleet.lorex(20)
            .seed(42)
            .everyDevice(b -> b.user("admin", "Fleet-Old-Pw1", AccountLevel.ADMINISTRATOR))
            // device 7 applies the change, then the connection drops before the answer
            .customize(
                (i, b) -> {
                  if (i == 7) {
                    b.faultAlways(DeviceOperation.CHANGE_PASSWORD, Fault.applyThenDrop());
                  }
                })
            .start()) {
      // 1. The plan: which accounts, with their current passwords; new ones are generated.
      RotationPlan.Builder plan = RotationPlan.builder().concurrency(4);
      for (FakeNvr nvr : fleet.devices()) {
        plan.target(
            RotationTarget.of(nvr.endpoint(), "lorex", "admin", Secret.of("Fleet-Old-Pw1")));
      }
      // 2. The journal: encrypted with a key derived from a passphrase (keep it in your vault).
      Path journalFile = Files.createTempDirectory("rotation-").resolve("fleet.journal");
      try (Secret passphrase = Secret.of("correct horse battery staple");
          RotationJournal journal = RotationJournal.create(journalFile, passphrase)) {
        RotationReport report = Rotation.of(plan.build(), journal).run();
        System.out.println("rotation of " + report.devices().size() + " devices: " + report);
        report
            .notCommitted()
            .forEach(r -> System.out.println("  " + r.account() + ": " + r.reason()));
        long dropped =
            fleet.device(7).journal(DeviceOperation.CHANGE_PASSWORD).stream()
                .filter(r -> !r.answered())
                .count();
        System.out.println("device 7: answers lost after applying the change: " + dropped);

        // 3. Hand the current passwords to your vault; the Secret is valid only during the call.
        Map<String, Secret> vault = new HashMap<>();
        journal.export(
            (account, password) ->
                vault.put(account.endpoint().toString(), Secret.of(password.copyChars())));
        long accepted =
            fleet.devices().stream().filter(n -> n.accepts("admin", vault.get(url(n)))).count();
        System.out.println(
            "vault holds " + vault.size() + " passwords; devices accepting theirs: " + accepted);
        vault.values().forEach(Secret::destroy);
      }
      System.out.println(
          "journal: " + journalFile + " (" + Files.size(journalFile) + " bytes, encrypted)");
    }
  }

  /** The device URL the journal uses: {@code scheme://host:port}. */
  private static String url(FakeNvr nvr) {
    return nvr.endpoint().scheme() + "://" + nvr.endpoint().key();
  }
}
