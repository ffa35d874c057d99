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
import io.nvrkit.hikvision.HikvisionDiscovery;
import io.nvrkit.hikvision.SadpDevice;
import io.nvrkit.hikvision.reset.HikvisionReset;
import io.nvrkit.hikvision.reset.HikvisionResetForm;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeResetDesk;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code nvrctl demo --vendor hikvision}: Hikvision's "Forgot Password" procedure through support,
 * against an embedded fake Hikvision NVR (ISAPI and SADP on loopback) and a fake support desk. Each
 * step is named; the exit code is 0 only when the fakes show that every step really happened.
 */
final class HikvisionDemo {
  private final PrintWriter out;
  private final Path work;
  private final boolean keepPasswordFile;
  private final List<String> failures = new ArrayList<>();

  HikvisionDemo(PrintWriter out, Path work, boolean keepPasswordFile) {
    this.out = out;
    this.work = work;
    this.keepPasswordFile = keepPasswordFile;
  }

  int run() throws IOException {
    Secret forgotten = HikvisionReset.generatePassword(PersonalInfo.none());
    FakeIdentity fid = FakeIdentity.hikvisionDefaults();
    try (FakeNvr nvr =
            FakeNvr.hikvision()
                .identity(fid)
                .user("admin", forgotten, AccountLevel.ADMINISTRATOR)
                .start();
        FakeResetDesk desk = FakeResetDesk.builder().clock(nvr.clock()).device(nvr).start()) {
      out.println("Hikvision password reset through support, end to end (embedded fakes)");
      out.println("  recorder:     " + nvr.endpoint() + "  (Hikvision " + fid.model() + ")");
      out.println("  support desk: " + desk.url());
      out.println("  files:        " + work);
      out.println();

      // 1. Identity before login ------------------------------------------------------------------
      out.println("Step 1 - Identity before login (SADP and ISAPI, no password sent)");
      Optional<SadpDevice> sadp =
          nvr.discoveryAddress()
              .flatMap(
                  a -> HikvisionDiscovery.probe(a, Duration.ofSeconds(2)).stream().findFirst());
      check(sadp.isPresent(), "the device answered SADP");
      if (sadp.isEmpty()) {
        return finish();
      }
      SadpDevice d = sadp.get();
      out.printf("  %-20s %s%n", "Model number", d.model());
      out.printf("  %-20s %s%n", "Full serial", d.serial());
      out.printf("  %-20s %s%n", "Firmware", d.firmware());
      out.printf("  %-20s %s%n", "MAC address", d.mac());
      out.printf("  %-20s %s%n", "Start time", d.startTime() + "  (what support asks for)");
      DeviceIdentity seen =
          HikvisionReset.readBeforeLogin(nvr.endpoint(), ConnectOptions.defaults());
      LocalDate shown = nvr.clock().localDateTime().toLocalDate();
      out.printf("  %-20s %s%n", "Date shown", shown + "  (typed from the recorder's screen)");
      Path info = work.resolve("sadp-screenshot.jpg");
      Path label = work.resolve("label-photo.png");
      Files.write(info, DemoCommand.jpeg());
      Files.write(label, DemoCommand.png());
      HikvisionResetForm form =
          HikvisionResetForm.create()
              .fromDevice(seen)
              .fromSadp(d)
              .displayedDate(shown, Provenance.INFO_SCREEN)
              .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
              .infoScreenPhoto(info)
              .stickerPhoto(label);
      ResetRequest request = form.build();
      for (IdentityConflict c : form.conflicts()) {
        out.println("  Note: " + IdentityView.label(c.field()) + " disagrees: " + c.kept());
      }
      check(d.serial().equals(fid.serial()), "full serial read before login");
      check(request.startTime().isPresent(), "start time in the request");
      out.println();

      // 2. Request
      // ----------------------------------------------------------------------------------
      out.println("Step 2 - Request: model, full serial, firmware, start time, photos");
      ResetTicket pkgTicket =
          ResetPackageChannel.folder(work.resolve("reset-requests")).submit(request);
      ResetPackage pkg = ResetPackageChannel.read(Path.of(pkgTicket.location()));
      out.println("  Package for support written and checksums verified: " + pkg.location());
      HttpResetChannel channel = HttpResetChannel.builder(desk.url()).build();
      ResetTicket ticket = channel.submit(request);
      out.println(
          "  Sent to the support desk: ticket " + ticket.id() + " (" + ticket.status() + ")");
      out.println();

      // 3. Grant
      // ------------------------------------------------------------------------------------
      out.println("Step 3 - Grant from support");
      desk.grant(ticket.id()); // the support agent checks serial and start time and answers
      Optional<ResetGrant> polled = channel.poll(ticket);
      check(polled.isPresent(), "grant received");
      if (polled.isEmpty()) {
        return finish();
      }
      ResetGrant grant = polled.get();
      out.println(
          "  Support granted a "
              + grant.kind()
              + ", valid until "
              + grant.validUntil()
              + " (not shown).");
      check(!HikvisionReset.rebootedSince(d.startTime(), d), "no reboot since the request");
      out.println();

      // 4. Completion
      // -------------------------------------------------------------------------------
      out.println("Step 4 - Completion: log in with the grant, set a strong new password");
      PersonalInfo personal =
          PersonalInfo.builder()
              .name("Jane Doe")
              .phone("+1 416 555 0100")
              .serial(fid.serial())
              .model(fid.model())
              .build();
      Path pwFile = work.resolve("new-admin-password.txt");
      try (Secret next = HikvisionReset.generatePassword(personal)) {
        SecretFiles.writeOwnerOnly(pwFile, next);
        out.println(
            "  New password generated (Hikvision firmware rules) and stored first: " + pwFile);
        PasswordChangeResult done =
            HikvisionReset.complete(
                nvr.endpoint(), "admin", grant, next, personal, ConnectOptions.defaults());
        channel.complete(ticket);
        out.println(
            "  Password of 'admin' changed ("
                + done.roundTrips()
                + " round trips); the desk's ticket is completed.");
        out.println();

        // 5. Verified
        // -------------------------------------------------------------------------------
        out.println("Step 5 - Verified");
        out.println(
            "  Outcome " + done.outcome() + ": the new password logs in, the grant no longer.");
        out.println("  Still to do by hand:");
        for (FollowUp f : done.followUps()) {
          out.println("  - " + f.where() + ": " + f.action());
        }
        out.println();
        check(nvr.accepts("admin", next), "the recorder accepts the new password");
        check(!nvr.accepts("admin", grant.temporaryPassword()), "the grant no longer works");
        check(!nvr.accepts("admin", forgotten), "the forgotten password is gone");
        check(done.outcome() == PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, "verified");
        check(
            desk.status(ticket.id()).orElse(null) == ResetTicket.Status.COMPLETED,
            "the desk's ticket is completed");
      } finally {
        if (!keepPasswordFile && Files.deleteIfExists(pwFile)) {
          out.println("Deleted " + pwFile.getFileName() + " (keep it with --keep-password-file).");
        }
      }
      return finish();
    } finally {
      forgotten.destroy();
    }
  }

  private void check(boolean ok, String what) {
    if (!ok) {
      failures.add(what);
    }
  }

  private int finish() {
    if (failures.isEmpty()) {
      out.println(
          "Checked on the fake recorder: new password accepted, grant and old password refused."
              + " Done.");
      out.flush();
      return ExitCodes.OK;
    }
    out.println("NOT DONE: " + String.join("; ", failures));
    out.flush();
    return ExitCodes.PARTIAL;
  }
}
