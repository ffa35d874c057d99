package io.nvrkit.lorex.reset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityConflict;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetPackage;
import io.nvrkit.core.reset.ResetPackageChannel;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.lorex.LorexDriver;
import io.nvrkit.testkit.FakeNvr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lorex procedure end to end against the fake recorder. */
class LorexResetProcedureTest {
  static final byte[] JPEG = {
    (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F'
  };
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};

  @Test
  void wholeProcedure(@TempDir Path dir) throws Exception {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      // 1. identity: the serial before login (Digest realm), the rest typed
      DeviceIdentity seen = LorexReset.readBeforeLogin(nvr.endpoint(), ConnectOptions.defaults());
      assertEquals(nvr.identity().serial(), seen.serial().orElseThrow());
      assertEquals(
          Provenance.NETWORK_PRE_AUTH, seen.provenance(IdentityField.SERIAL).orElseThrow());
      assertEquals(
          Provenance.NOT_READABLE_FROM_DEVICE,
          seen.provenance(IdentityField.DEVICE_ID).orElseThrow());
      Path info = dir.resolve("info.jpg");
      Path sticker = dir.resolve("sticker.png");
      Files.write(info, JPEG);
      Files.write(sticker, PNG);
      LocalDate shown = nvr.clock().localDateTime().toLocalDate();
      LorexResetForm form =
          LorexResetForm.create()
              .fromDevice(seen)
              .serial("ND0218110198XX", Provenance.STICKER) // misread: the device's value wins
              .deviceId(nvr.identity().deviceId(), Provenance.INFO_SCREEN)
              .model(nvr.identity().model(), Provenance.STICKER)
              .displayedDate(shown, Provenance.INFO_SCREEN)
              .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
              .infoScreenPhoto(info)
              .stickerPhoto(sticker);
      ResetRequest request = form.build();
      assertEquals(nvr.identity().serial(), request.serial().value());
      assertEquals(Provenance.NETWORK_PRE_AUTH, request.serial().provenance());
      List<IdentityConflict> conflicts = form.conflicts();
      assertEquals(1, conflicts.size());
      assertEquals("ND0218110198XX", conflicts.get(0).other());

      // 2. request: a package for the vendor's web form, checksums verified on re-reading
      ResetTicket ticket = ResetPackageChannel.folder(dir.resolve("out")).submit(request);
      ResetPackage pkg = ResetPackageChannel.read(Path.of(ticket.location()));
      assertEquals(nvr.identity().deviceId(), pkg.request().deviceId().orElseThrow().value());

      // the vendor's desk issues a temporary password, valid until the end of the device's day
      Secret temporary = Secret.of("Tmp-7731-Qx");
      Instant until = nvr.installTemporaryPassword(temporary);
      ResetGrant grant = ResetGrant.of(ticket.id(), temporary, until);

      // 3. completion
      PersonalInfo personal =
          PersonalInfo.builder().name("Jane Doe").phone("+1 416 555 0100").device(seen).build();
      Secret next = LorexReset.generatePassword(personal);
      assertTrue(LorexReset.completionPolicy().check(next, personal).passed());
      PasswordChangeResult done =
          LorexReset.complete(
              LorexResetCompletion.builder(nvr.endpoint(), grant, next)
                  .personalInfo(personal)
                  .build());
      assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, done.outcome());
      assertTrue(nvr.accepts("admin", next));
      assertFalse(nvr.accepts("admin", temporary), "a successful change ends the temporary one");
      assertFalse(nvr.isLocked("admin"));
      assertEquals(
          1,
          nvr.journal("modifyPassword").stream().filter(r -> r.status() == 200).count(),
          "applied once");
      assertTrue(done.followUps().stream().anyMatch(f -> f.where().contains("Lorex mobile app")));
      assertTrue(done.followUps().stream().anyMatch(f -> f.where().contains("VMS")));
      assertTrue(done.followUps().stream().anyMatch(f -> f.where().contains("Cameras")));
    }
  }

  @Test
  void weakNewPasswordIsRefusedBeforeAnythingIsSent() {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      Secret temporary = Secret.of("Tmp-7731-Qx");
      ResetGrant grant = ResetGrant.of("t1", temporary, nvr.installTemporaryPassword(temporary));
      nvr.clearJournal();
      assertThrows(
          PolicyViolationException.class,
          () ->
              LorexReset.complete(
                  LorexResetCompletion.builder(nvr.endpoint(), grant, Secret.of("JaneDoe1990!x"))
                      .personalInfo(PersonalInfo.builder().name("Jane Doe").build())
                      .build()));
      assertEquals(0, nvr.journal("modifyPassword").size(), "nothing sent");
      assertTrue(nvr.accepts("admin", temporary));
    }
  }

  @Test
  void wrongTemporaryPasswordIsNotRetried() {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      nvr.installTemporaryPassword(Secret.of("Tmp-7731-Qx"));
      ResetGrant wrong =
          ResetGrant.of("t1", Secret.of("Tmp-0000-Qx"), Instant.now().plusSeconds(3600));
      assertThrows(
          AuthenticationFailedException.class,
          () ->
              LorexReset.complete(
                  LorexResetCompletion.builder(
                          nvr.endpoint(), wrong, Secret.of("Blue-Harbor-7319-Kite"))
                      .user("admin")
                      .build()));
      assertEquals(1, nvr.failedAttempts("admin"));
    }
  }

  @Test
  void expiredGrantIsRefused() {
    ResetGrant old = ResetGrant.of("t1", Secret.of("Tmp-7731-Qx"), Instant.now().minusSeconds(1));
    io.nvrkit.core.NvrException e =
        assertThrows(
            io.nvrkit.core.NvrException.class,
            () ->
                LorexReset.complete(
                    LorexResetCompletion.builder(
                            io.nvrkit.core.DeviceEndpoint.of("http://127.0.0.1:9"),
                            old,
                            Secret.of("Blue-Harbor-7319-Kite"))
                        .build()));
    assertTrue(e.getMessage().contains("expired"), e.getMessage());
  }

  @Test
  void aKitOfItsOwnCompletesOnThatKitsClock() {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      Secret temporary = Secret.of("Tmp-7731-Qx");
      ResetGrant grant = ResetGrant.of("t1", temporary, nvr.installTemporaryPassword(temporary));
      nvr.clearJournal();
      LorexResetCompletion completion =
          LorexResetCompletion.builder(nvr.endpoint(), grant, Secret.of("Blue-Harbor-7319-Kite"))
              .build();
      try (NvrKit twoDaysLater =
          NvrKit.builder()
              .driver(LorexDriver.create())
              .clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(2)))
              .build()) {
        io.nvrkit.core.NvrException e =
            assertThrows(
                io.nvrkit.core.NvrException.class,
                () -> LorexReset.complete(twoDaysLater, completion));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertEquals(0, nvr.journal().size(), "nothing sent once the kit's clock says expired");
      }
      try (NvrKit kit = NvrKit.builder().driver(LorexDriver.create()).build()) {
        PasswordChangeResult done = LorexReset.complete(kit, completion);
        assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, done.outcome());
        assertTrue(nvr.accepts("admin", Secret.of("Blue-Harbor-7319-Kite")));
        assertEquals(
            nvr.identity().serial(),
            LorexReset.readBeforeLogin(kit, nvr.endpoint(), ConnectOptions.defaults())
                .serial()
                .orElseThrow());
      }
    }
  }

  @Test
  void everyRefusalNamesItsField(@TempDir Path dir) throws Exception {
    Path notAPhoto = dir.resolve("info.jpg");
    Files.writeString(notAPhoto, "GIF89a");
    LorexResetForm form =
        LorexResetForm.create()
            .serial("ND021811019863", Provenance.STICKER)
            .deviceId("ND021811019863", Provenance.INFO_SCREEN)
            .requester(Requester.of("Jane", "", "12"))
            .infoScreenPhoto(notAPhoto)
            .photo(EvidencePhoto.of(EvidencePhoto.Kind.STICKER, "s.png", PNG));
    InvalidResetRequestException e = assertThrows(InvalidResetRequestException.class, form::build);
    List<String> fields = e.problems().stream().map(FieldProblem::field).toList();
    assertTrue(fields.contains("deviceId"), fields.toString());
    assertTrue(fields.contains("lastName"), fields.toString());
    assertTrue(fields.contains("phone"), fields.toString());
    assertTrue(fields.contains("model"), fields.toString());
    assertTrue(fields.contains("displayedDate"), fields.toString());
    assertTrue(fields.contains("infoScreenPhoto"), fields.toString());
    assertFalse(fields.contains("stickerPhoto"), fields.toString());
  }

  @Test
  void aPhotoChosenAgainReplacesTheUnreadableOne(@TempDir Path dir) throws Exception {
    Path notAPhoto = dir.resolve("info.gif");
    Files.writeString(notAPhoto, "GIF89a");
    Path info = dir.resolve("info.jpg");
    Files.write(info, JPEG);
    LorexResetForm form =
        LorexResetForm.create()
            .serial("ND021811019863", Provenance.STICKER)
            .deviceId("9F3KQ2", Provenance.INFO_SCREEN)
            .model("N841", Provenance.STICKER)
            .displayedDate(LocalDate.of(2026, 11, 25), Provenance.INFO_SCREEN)
            .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
            .infoScreenPhoto(notAPhoto)
            .stickerPhoto(dir.resolve("missing.png"));
    InvalidResetRequestException first =
        assertThrows(InvalidResetRequestException.class, form::build);
    assertEquals(
        List.of("infoScreenPhoto", "stickerPhoto"),
        first.problems().stream().map(FieldProblem::field).sorted().toList());

    form.infoScreenPhoto(info).photo(EvidencePhoto.of(EvidencePhoto.Kind.STICKER, "s.png", PNG));
    ResetRequest request = form.build();
    assertEquals("image/jpeg", request.infoScreenPhoto().mediaType());
    assertEquals("image/png", request.stickerPhoto().mediaType());
  }
}
