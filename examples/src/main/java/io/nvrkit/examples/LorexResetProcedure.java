package io.nvrkit.examples;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.HttpResetChannel;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetPackageChannel;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.lorex.reset.LorexReset;
import io.nvrkit.lorex.reset.LorexResetCompletion;
import io.nvrkit.lorex.reset.LorexResetForm;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeResetDesk;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Lorex's password-reset procedure in code, for an owner locked out of a recorder: read what the
 * recorder tells before login, add what the owner reads off its label, write the request package
 * for the vendor's form, send it to a service desk, wait for the temporary password, and replace it
 * with a strong new one. Runs against an embedded fake recorder and a fake vendor desk.
 *
 * <pre>{@code
 * java -cp examples/target/nvrctl.jar io.nvrkit.examples.LorexResetProcedure
 * }</pre>
 *
 * <p>With a real recorder the same calls apply; the photos are {@code EvidencePhoto.read(kind,
 * path)} of real pictures, and the desk is Lorex's web form ({@code ResetPackageChannel}) or your
 * own service desk ({@code HttpResetChannel}). {@code nvrctl reset} does it from the command line.
 */
public final class LorexResetProcedure {
  private LorexResetProcedure() {}

  /**
   * Runs the example.
   *
   * @param args ignored
   * @throws IOException if the temporary directory or the photos cannot be written
   */
  public static void main(String[] args) throws IOException {
    FakeIdentity label = FakeIdentity.lorexDefaults(); // what the sticker says
    Secret forgotten = LorexReset.generatePassword(PersonalInfo.none()); // nobody knows it
    try (FakeNvr nvr =
            FakeNvr.lorex()
                .identity(label)
                .user("admin", forgotten, AccountLevel.ADMINISTRATOR)
                .start();
        FakeResetDesk desk = FakeResetDesk.builder().clock(nvr.clock()).device(nvr).start()) {
      // 1. Identity: the network gives the serial (and, over ONVIF, the date) without a login;
      //    the Device ID is only on the label and the Info screen, so the owner types it.
      DeviceIdentity seen = LorexReset.readBeforeLogin(nvr.endpoint(), ConnectOptions.defaults());
      System.out.println("read before login: serial " + seen.serial().orElse("?"));
      Requester owner = Requester.of("Jane", "Doe", "+1 416 555 0100");
      LorexResetForm form =
          LorexResetForm.create()
              .fromDevice(seen)
              .deviceId(label.deviceId(), Provenance.STICKER)
              .model(label.model(), Provenance.STICKER)
              .serial(label.serial(), Provenance.STICKER)
              .displayedDate(nvr.clock().localDateTime().toLocalDate(), Provenance.INFO_SCREEN)
              .requester(owner)
              .photo(EvidencePhoto.of(EvidencePhoto.Kind.INFO_SCREEN, "info.png", tinyPng()))
              .photo(EvidencePhoto.of(EvidencePhoto.Kind.STICKER, "sticker.png", tinyPng()));
      ResetRequest request = form.build(); // InvalidResetRequestException lists every problem
      form.conflicts().forEach(c -> System.out.println("typed value disagrees with device: " + c));

      // 2a. The package for Lorex's web form: manifest + photos + checksums, in a folder.
      Path out = Files.createTempDirectory("lorex-reset-");
      ResetTicket pkg = ResetPackageChannel.folder(out).submit(request);
      System.out.println("reset package written: " + pkg.location());
      // 2b. Or your own service desk over HTTP; poll until the vendor answers.
      HttpResetChannel channel = HttpResetChannel.builder(desk.endpoint()).build();
      ResetTicket ticket = channel.submit(request);
      System.out.println(
          "ticket "
              + ticket.id()
              + " "
              + ticket.status()
              + "; granted yet: "
              + channel.poll(ticket).isPresent());
      desk.grant(ticket.id()); // (the vendor's agent checks the photos and answers)
      ResetGrant grant = channel.poll(ticket).orElseThrow();
      System.out.println("temporary password received, valid until " + grant.validUntil());

      // 3. Completion: the temporary password is the old one; the new one is strong, personal-free
      //    and stored (here: nowhere, it is a demo) BEFORE it is set.
      PersonalInfo personal =
          PersonalInfo.builder().name("Jane Doe").phone(owner.phone()).device(seen).build();
      try (Secret next = LorexReset.generatePassword(personal)) {
        PasswordChangeResult done =
            LorexReset.complete(
                LorexResetCompletion.builder(nvr.endpoint(), grant, next)
                    .personalInfo(personal)
                    .build());
        channel.complete(ticket);
        System.out.println(
            "new admin password: "
                + done.outcome()
                + ", recorder accepts it: "
                + nvr.accepts("admin", next));
        done.followUps()
            .forEach(f -> System.out.println("  follow-up: " + f.where() + ": " + f.action()));
      }
    }
  }

  /** A real 8x8 PNG, standing in for a photo of the Info screen or the sticker. */
  private static byte[] tinyPng() throws IOException {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", png);
    return png.toByteArray();
  }
}
