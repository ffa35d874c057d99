package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.FollowUp;
import io.nvrkit.core.IdentityConflict;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.HttpResetChannel;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetPackage;
import io.nvrkit.core.reset.ResetPackageChannel;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.lorex.reset.LorexReset;
import io.nvrkit.lorex.reset.LorexResetCompletion;
import io.nvrkit.lorex.reset.LorexResetForm;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeResetDesk;
import io.nvrkit.testkit.Lockout;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nvrctl demo}: the whole Lorex password-reset procedure against an embedded fake recorder
 * and a fake vendor support desk, on loopback, with no network and no arguments. Exit 0 only if
 * every step really happened on the fakes (checked against their state at the end).
 */
@Command(
    name = "demo",
    description = {
      "Walk the whole Lorex (or, with --vendor hikvision, Hikvision) password-reset procedure"
          + " against built-in fakes.",
      "An embedded fake recorder and a fake vendor desk (loopback only): identity, request package,"
          + " ticket, temporary password, new password set and verified, follow-ups. Exit 0 only if"
          + " every step really happened."
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where to write the request package and the new password (default: a new"
              + " temporary directory).")
  Path dir;

  @Option(
      names = "--keep-password-file",
      description =
          "Keep new-admin-password.txt after the run (default: deleted at the end, as the demo's"
              + " recorder is gone then).")
  boolean keepPasswordFile;

  @Option(
      names = "--vendor",
      paramLabel = "ID",
      defaultValue = "lorex",
      description = "Whose procedure: lorex (default) or hikvision.")
  String vendor;

  private final List<String> failures = new ArrayList<>();

  /** Smallest JPEG header the vendor's form accepts as a JPEG (magic bytes); a new array. */
  static byte[] jpeg() {
    return new byte[] {
      (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1
    };
  }

  /** A PNG signature and the start of its header chunk; a new array. */
  static byte[] png() {
    return new byte[] {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'
    };
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    String v = vendor.toLowerCase(java.util.Locale.ROOT);
    if (!v.equals("lorex") && !v.equals("hikvision")) {
      throw CliException.usage("demo supports --vendor lorex or hikvision");
    }
    Path work =
        dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("nvrctl-demo-");
    if (v.equals("hikvision")) {
      return new HikvisionDemo(out, work, keepPasswordFile).run();
    }
    // The recorder whose admin password the owner has forgotten (nobody in this demo knows it).
    Secret forgotten = LorexReset.generatePassword(PersonalInfo.none());
    FakeIdentity fid = FakeIdentity.lorexDefaults();
    try (FakeNvr nvr =
            FakeNvr.lorex()
                .identity(fid)
                .user("admin", forgotten, AccountLevel.ADMINISTRATOR)
                .lockout(Lockout.legacyLorex())
                .start();
        FakeResetDesk desk = FakeResetDesk.builder().clock(nvr.clock()).device(nvr).start()) {
      out.println("Lorex password reset, end to end (embedded fake recorder and vendor desk)");
      out.println("  recorder:    " + nvr.endpoint() + "  (Lorex " + fid.model() + ")");
      out.println("  vendor desk: " + desk.url());
      out.println("  files:       " + work);
      out.println();

      // 1. Identity -----------------------------------------------------------------------------
      out.println("Step 1 - Gather the recorder's identity");
      DeviceIdentity seen = LorexReset.readBeforeLogin(nvr.endpoint(), ConnectOptions.defaults());
      out.println("  Read from the network, before logging in:");
      IdentityView.print(out, seen, "    ");
      LocalDate shown = nvr.clock().localDateTime().toLocalDate();
      out.println("  Typed by the owner from the Info screen and the sticker:");
      out.printf("    %-20s %s%n", "Device ID", fid.deviceId() + "  (Info screen)");
      out.printf("    %-20s %s%n", "Model number", fid.model() + "  (sticker)");
      out.printf("    %-20s %s%n", "Date shown", shown + "  (Info screen)");
      Path info = work.resolve("info-screen-photo.jpg");
      Path sticker = work.resolve("sticker-photo.png");
      Files.write(info, jpeg());
      Files.write(sticker, png());
      LorexResetForm form =
          LorexResetForm.create()
              .fromDevice(seen)
              .deviceId(fid.deviceId(), Provenance.INFO_SCREEN)
              .model(fid.model(), Provenance.STICKER)
              .serial(fid.serial(), Provenance.STICKER)
              .displayedDate(shown, Provenance.INFO_SCREEN)
              .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
              .infoScreenPhoto(info)
              .stickerPhoto(sticker);
      ResetRequest request = form.build();
      out.println(
          "  Request checked: every field present, device ID differs from the serial,"
              + " photos are real JPEG/PNG images.");
      for (IdentityConflict c : form.conflicts()) {
        out.println(
            "  Note: "
                + IdentityView.label(c.field())
                + " typed "
                + c.other()
                + " but the recorder says "
                + c.kept());
      }
      check(seen.serial().equals(Optional.of(fid.serial())), "serial read before login");
      out.println();

      // 2. Request ------------------------------------------------------------------------------
      out.println("Step 2 - Request a temporary password from the vendor");
      ResetTicket pkgTicket =
          ResetPackageChannel.folder(work.resolve("reset-requests")).submit(request);
      ResetPackage pkg = ResetPackageChannel.read(Path.of(pkgTicket.location()));
      out.println("  Package for the vendor's web form written and checksums verified:");
      out.println("    " + pkg.location());
      HttpResetChannel channel = HttpResetChannel.builder(desk.endpoint()).build();
      ResetTicket ticket = channel.submit(request);
      out.println(
          "  Sent to the vendor's desk: ticket " + ticket.id() + " (" + ticket.status() + ")");
      desk.grant(ticket.id()); // the support agent checks the photos and answers
      Optional<ResetGrant> polled = channel.poll(ticket);
      check(polled.isPresent(), "grant received");
      if (polled.isEmpty()) {
        return finish(out);
      }
      ResetGrant grant = polled.get();
      out.println(
          "  The vendor granted a temporary password, valid until "
              + grant.validUntil()
              + " (not shown).");
      out.println();

      // 3. Completion ---------------------------------------------------------------------------
      out.println("Step 3 - Log in with the temporary password and set a strong new one");
      PersonalInfo personal =
          PersonalInfo.builder()
              .name("Jane Doe")
              .phone("+1 416 555 0100")
              .serial(fid.serial())
              .deviceId(fid.deviceId())
              .model(fid.model())
              .build();
      Path pwFile = work.resolve("new-admin-password.txt");
      try (Secret next = LorexReset.generatePassword(personal)) {
        SecretFiles.writeOwnerOnly(pwFile, next);
        out.println(
            "  New password generated (Lorex guidance and firmware limits) and stored"
                + " owner-only before use:");
        out.println("    " + pwFile);
        PasswordChangeResult done =
            LorexReset.complete(
                LorexResetCompletion.builder(nvr.endpoint(), grant, next)
                    .personalInfo(personal)
                    .build());
        out.println(
            "  Password of 'admin' changed with the temporary password as the old one;"
                + " outcome "
                + done.outcome()
                + " ("
                + done.roundTrips()
                + " round trips).");
        channel.complete(ticket);
        out.println("  Desk told the ticket is completed.");
        out.println();
        out.println("Step 4 - Still to do by hand:");
        for (FollowUp f : done.followUps()) {
          out.println("  - " + f.where() + ": " + f.action());
        }
        out.println();
        // What really happened on the fakes.
        check(nvr.accepts("admin", next), "the recorder accepts the new password");
        check(!nvr.accepts("admin", grant.temporaryPassword()), "the temporary password is gone");
        check(!nvr.accepts("admin", forgotten), "the forgotten password is gone");
        check(!nvr.isLocked("admin"), "the account is not locked");
        check(done.outcome() == PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, "verified");
        check(
            desk.status(ticket.id()).orElse(null) == ResetTicket.Status.COMPLETED,
            "the desk's ticket is completed");
        check(
            desk.requests().stream().anyMatch(q -> q.status() == 201),
            "the desk accepted the request with both photos");
      } finally {
        deletePasswordFile(pwFile, out);
      }
      return finish(out);
    } finally {
      forgotten.destroy();
    }
  }

  /** Deletes the demo's password file when the run ends, unless asked to keep it. */
  private void deletePasswordFile(Path file, PrintWriter out) throws IOException {
    if (!keepPasswordFile && Files.deleteIfExists(file)) {
      out.println(
          "Deleted "
              + file.getFileName()
              + " (the demo's recorder is gone; keep it with --keep-password-file).");
    }
  }

  private void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what);
    }
  }

  private int finish(PrintWriter out) {
    if (failures.isEmpty()) {
      out.println(
          "Checked on the fake recorder: new password accepted, temporary and old ones"
              + " refused, account not locked. Done.");
      out.flush();
      return ExitCodes.OK;
    }
    out.println("NOT DONE: " + String.join("; ", failures));
    out.flush();
    return ExitCodes.PARTIAL;
  }
}
