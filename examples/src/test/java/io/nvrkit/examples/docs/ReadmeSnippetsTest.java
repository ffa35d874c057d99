package io.nvrkit.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.FollowUp;
import io.nvrkit.core.IdentityConflict;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PinStore;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetPackageChannel;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.lorex.LorexDriver;
import io.nvrkit.lorex.reset.LorexReset;
import io.nvrkit.lorex.reset.LorexResetCompletion;
import io.nvrkit.lorex.reset.LorexResetForm;
import io.nvrkit.onvif.DiscoveredDevice;
import io.nvrkit.onvif.OnvifDiscovery;
import io.nvrkit.onvif.OnvifDriver;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.FakeNvr;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snippets of README.md, nvr-lorex/README.md and nvr-onvif/README.md, run against the testkit's
 * fake recorders. The regions between the tag comments are copied into the Markdown (checked by
 * {@link DocSnippetsTest}); the code around them stands in for the device.
 */
class ReadmeSnippetsTest {
  @TempDir Path dir;

  @Test
  void quickStart() throws Exception {
    try (FakeNvr fake =
        FakeNvr.lorex()
            .tls(true)
            .user("admin", "Old-Passw0rd", AccountLevel.ADMINISTRATOR)
            .start()) {
      String recorderUrl = fake.url().toString(); // "https://192.0.2.10" in the README
      char[] password = "Old-Passw0rd".toCharArray();
      Path pinFile = dir.resolve("pins.properties");
      List<String> printed = new ArrayList<>();

      // tag::readme-quick-start[]
      Credentials admin = Credentials.of("admin", Secret.of(password));
      DeviceEndpoint nvr =
          DeviceEndpoint.builder(recorderUrl) // e.g. "https://192.0.2.10"
              .tlsTrust(TlsTrust.trustOnFirstUse(PinStore.file(pinFile)))
              .build();
      ConnectOptions lorex = ConnectOptions.builder().driver("lorex").build();
      try (NvrKit kit = NvrKit.builder().build(); // drivers found once; one shared pool
          NvrClient client = kit.connect(nvr, admin, lorex)) {
        DeviceIdentity id = client.identity(); // each field with its Provenance
        PersonalInfo personal = PersonalInfo.builder().name("Jane Doe").device(id).build();
        // the connected driver's policy (Lorex: guidance + firmware limits + blocklist)
        Secret next = PasswordGenerator.forPolicy(client.passwordPolicy()).generate(personal);
        PasswordChangeResult done =
            client.changePassword( // checked, sent, verified by a fresh login
                PasswordChangeRequest.builder(next).personalInfo(personal).build());
        done.followUps().forEach(f -> printed.add(f.where() + ": " + f.action()));
        // end::readme-quick-start[]
        assertEquals(PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED, done.outcome());
        assertTrue(fake.accepts("admin", next));
        // tag::readme-quick-start[]
      }
      // end::readme-quick-start[]
      assertFalse(printed.isEmpty(), "the follow-ups of a Lorex password change");
      assertTrue(Files.readString(pinFile).contains("127.0.0.1"), "the pin was recorded");
    }
  }

  @Test
  void lorexQuickStart() {
    try (FakeNvr fake =
        FakeNvr.lorex().user("admin", "Old-Passw0rd", AccountLevel.ADMINISTRATOR).start()) {
      String recorderUrl = fake.url().toString();
      char[] password = "Old-Passw0rd".toCharArray();
      Secret newPassword = Secret.of("Lobby-Recorder-2026!x");
      List<String> printed = new ArrayList<>();

      // tag::lorex-quick-start[]
      try (NvrClient nvr =
          Nvr.connect(
              LorexDriver.create(),
              DeviceEndpoint.of(recorderUrl), // e.g. "https://192.0.2.10"
              Credentials.of("admin", Secret.of(password)),
              ConnectOptions.defaults())) {
        DeviceIdentity id = nvr.identity(); // each field with its provenance
        PasswordChangeResult c =
            nvr.changePassword(PasswordChangeRequest.builder(newPassword).build());
        c.followUps().forEach(f -> printed.add(f.where() + ": " + f.action()));
        // end::lorex-quick-start[]
        assertEquals(fake.identity().serial(), id.serial().orElseThrow());
        // tag::lorex-quick-start[]
      }
      // end::lorex-quick-start[]
      assertTrue(fake.accepts("admin", newPassword));
      assertFalse(printed.isEmpty());
    }
  }

  @Test
  void hikvisionQuickStart() {
    try (FakeNvr fake = FakeNvr.hikvision().start()) {
      String recorderUrl = fake.url().toString();
      char[] password = FakeNvr.DEFAULT_ADMIN_PASSWORD.toCharArray();
      Secret newPassword = Secret.of("Lobby-Hik-2026!x");
      List<String> printed = new ArrayList<>();

      // tag::hikvision-quick-start[]
      try (NvrClient nvr =
          Nvr.connect(
              io.nvrkit.hikvision.HikvisionDriver.create(),
              DeviceEndpoint.of(recorderUrl), // e.g. "https://192.0.2.20"
              Credentials.of("admin", Secret.of(password)),
              ConnectOptions.defaults())) {
        DeviceIdentity id = nvr.identity(); // deviceInfo + System/time, with provenance
        PasswordChangeResult c =
            nvr.changePassword(PasswordChangeRequest.builder(newPassword).build());
        c.followUps().forEach(f -> printed.add(f.where() + ": " + f.action()));
        // end::hikvision-quick-start[]
        assertEquals(fake.identity().serial(), id.serial().orElseThrow());
        // tag::hikvision-quick-start[]
      }
      // end::hikvision-quick-start[]
      assertTrue(fake.accepts("admin", newPassword));
      assertFalse(printed.isEmpty());
    }
  }

  @Test
  void onvifQuickStart() {
    try (FakeNvr fake =
        FakeNvr.onvif().reservedUser("admin", "Admin12345", AccountLevel.ADMINISTRATOR).start()) {
      String cameraUrl = fake.url().toString();
      char[] pw = "Admin12345".toCharArray();
      Secret newPassword = Secret.of("Lobby-Camera-2026!x");
      Duration timeout = Duration.ofSeconds(2);
      List<String> printed = new ArrayList<>();

      // tag::onvif-quick-start[]
      try (NvrClient cam =
          Nvr.connect(
              OnvifDriver.create(),
              DeviceEndpoint.of(cameraUrl), // e.g. "https://192.0.2.64"
              Credentials.of("admin", Secret.of(pw)),
              ConnectOptions.defaults())) {
        DeviceIdentity id = cam.identity(); // manufacturer, model, serial, firmware, MAC, ...
        List<UserAccount> users = cam.users();
        cam.changePassword(
            PasswordChangeRequest.builder(newPassword).build()); // checked, sent, verified
        // end::onvif-quick-start[]
        assertTrue(id.model().isPresent());
        assertFalse(users.isEmpty());
        // tag::onvif-quick-start[]
      }
      // end::onvif-quick-start[]
      assertTrue(fake.accepts("admin", newPassword));

      InetSocketAddress oneDevice = fake.discoveryAddress().orElseThrow();

      // tag::onvif-discovery[]
      // OnvifDiscovery.probe(timeout) asks the whole local network (multicast); or ask one address:
      for (DiscoveredDevice d : OnvifDiscovery.probe(oneDevice, timeout)) {
        printed.add(d.hardware().orElse("?") + " " + d.xaddr());
      }
      // end::onvif-discovery[]
      assertEquals(1, printed.size(), printed.toString());
    }
  }

  @Test
  void lorexResetProcedure() throws Exception {
    FakeIdentity label = FakeIdentity.lorexDefaults();
    try (FakeNvr fake =
        FakeNvr.lorex()
            .identity(label)
            .user("admin", "Forgotten-Pw-77", AccountLevel.ADMINISTRATOR)
            .start()) {
      DeviceEndpoint endpoint = fake.endpoint();
      Path photos = Files.createDirectories(dir.resolve("photos"));
      Files.write(
          photos.resolve("info.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0});
      Files.write(
          photos.resolve("sticker.png"),
          new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
      Path requests = dir.resolve("reset-requests");
      PersonalInfo personal = PersonalInfo.builder().name("Jane Doe").build();
      List<Secret> vault = new ArrayList<>();

      // tag::lorex-reset[]
      // 1. identity: what the network tells before login (the serial in the Digest realm; with the
      //    ONVIF driver installed, also the date and often the model), plus what a person reads
      DeviceIdentity seen = LorexReset.readBeforeLogin(endpoint, ConnectOptions.defaults());
      LorexResetForm form =
          LorexResetForm.create()
              .fromDevice(seen)
              .deviceId(label.deviceId(), Provenance.INFO_SCREEN) // never readable over the network
              .model(label.model(), Provenance.STICKER)
              .displayedDate(fake.clock().localDateTime().toLocalDate(), Provenance.INFO_SCREEN)
              .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
              .infoScreenPhoto(photos.resolve("info.jpg"))
              .stickerPhoto(photos.resolve("sticker.png"));
      ResetRequest request = form.build(); // every refusal names its field
      List<IdentityConflict> conflicts = form.conflicts(); // typed values that disagree
      // 2. request: a package for the vendor's web form, or HttpResetChannel to your desk
      ResetTicket ticket = ResetPackageChannel.folder(requests).submit(request);
      // end::lorex-reset[]
      assertTrue(conflicts.isEmpty(), conflicts.toString());
      assertTrue(Files.list(requests).findAny().isPresent(), "a reset package was written");
      Secret temporary = Secret.of("Tmp-4821-Kx");
      Instant endOfDeviceDay = fake.installTemporaryPassword(temporary);
      char[] temporaryChars = temporary.copyChars();
      // tag::lorex-reset[]
      //    ... the vendor answers with a temporary password, valid until the device's midnight
      ResetGrant grant = ResetGrant.of(ticket.id(), Secret.of(temporaryChars), endOfDeviceDay);
      // 3. completion: the temporary password is the old one; verified by a fresh login
      Secret next = LorexReset.generatePassword(personal); // lorexGuidance and dahuaFirmware
      vault.add(next); // store it before it is set
      PasswordChangeResult done =
          LorexReset.complete(
              LorexResetCompletion.builder(endpoint, grant, next).personalInfo(personal).build());
      List<FollowUp> followUps = done.followUps(); // mobile app, VMS, cameras, password vault
      // end::lorex-reset[]
      assertTrue(fake.accepts("admin", next));
      assertFalse(followUps.isEmpty());
    }
  }
}
