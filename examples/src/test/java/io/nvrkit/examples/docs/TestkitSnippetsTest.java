package io.nvrkit.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.HttpResetChannel;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.onvif.OnvifDriver;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeResetDesk;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.OnvifProfile;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The snippets of nvr-testkit/README.md and nvr-testkit/docs/*.md. {@code myRotation} stands for
 * the reader's own code under test.
 */
class TestkitSnippetsTest {
  private final MyRotation myRotation = new MyRotation();

  /** The reader's code: changes the admin password to a fixed new one. */
  static final class MyRotation {
    void run(DeviceEndpoint device, Credentials login) {
      try (NvrClient nvr = Nvr.connect(device, login)) {
        nvr.changePassword(PasswordChangeRequest.builder(Secret.of("New-Passw0rd-1")).build());
      } catch (NvrException e) {
        // a lost answer is the caller's to resolve; the test asserts the device's state
      }
    }
  }

  @Test
  void scriptRunVerify() {
    // tag::testkit-quick-start[]
    FakeClock clock =
        FakeClock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneId.of("America/Toronto"));
    try (FakeNvr nvr =
        FakeNvr.lorex()
            .user("admin", "Old-Passw0rd", AccountLevel.ADMINISTRATOR)
            .lockout(Lockout.legacyLorex()) // 3 failures lock for 30 minutes
            .latency(Duration.ofMillis(40))
            .clock(clock)
            .tls(true)
            .start()) {
      nvr.faultOnce("modifyPassword", Fault.applyThenDrop()); // 1. script

      myRotation.run(nvr.endpoint(), Credentials.of("admin", Secret.of("Old-Passw0rd"))); // 2. run

      assertTrue(nvr.accepts("admin", Secret.of("New-Passw0rd-1"))); // 3. verify
      assertFalse(nvr.isLocked("admin"));
      assertEquals(1, nvr.journal("modifyPassword").size()); // sent once, never repeated
      assertFalse(nvr.journal("modifyPassword").get(0).answered()); // its answer was dropped
    }
    // end::testkit-quick-start[]
  }

  @Test
  void fakeNvrGuide() {
    // tag::fake-nvr-scripted[]
    FakeClock clock =
        FakeClock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneId.of("America/Toronto"));
    FakeIdentity identity =
        FakeIdentity.builder()
            .model("N841A8")
            .serial("ND021811019863")
            .deviceId("8L0A3B7PAZ5C2E1")
            .build();
    try (FakeNvr nvr =
        FakeNvr.lorex()
            .identity(identity)
            .user("admin", "Old-Passw0rd", AccountLevel.ADMINISTRATOR)
            .lockout(Lockout.legacyLorex()) // 3 failures -> locked 30 min
            .latency(Duration.ofMillis(40))
            .clock(clock)
            .tls(true) // EC cert made at start; nvr.pin() / nvr.endpoint() pinned
            .start()) {
      nvr.faultOnce("modifyPassword", Fault.applyThenDrop()); // 1. script

      myRotation.run(nvr.endpoint(), Credentials.of("admin", Secret.of("Old-Passw0rd"))); // 2. run

      assertTrue(nvr.accepts("admin", Secret.of("New-Passw0rd-1"))); // 3. verify
      assertFalse(nvr.isLocked("admin"));
      assertEquals(1, nvr.journal("modifyPassword").size());
    }
    // end::fake-nvr-scripted[]
  }

  @Test
  void resetDesk() {
    FakeClock clock = FakeClock.fixed(Instant.parse("2026-11-25T14:00:00Z"), ZoneId.of("UTC"));
    // tag::testkit-reset-desk[]
    try (FakeNvr nvr = FakeNvr.lorex().clock(clock).start();
        FakeResetDesk desk =
            FakeResetDesk.builder()
                .clock(clock)
                .device(nvr)
                .grantAfter(Duration.ofHours(2))
                .start()) {
      // end::testkit-reset-desk[]
      ResetRequest request = requestFor(nvr);
      // tag::testkit-reset-desk[]
      HttpResetChannel channel = HttpResetChannel.builder(desk.url()).build();
      ResetTicket ticket = channel.submit(request); // validated as the vendor would
      assertTrue(channel.poll(ticket).isEmpty());
      clock.advance(Duration.ofHours(2)); // the desk's delay runs on the FakeClock
      ResetGrant grant = channel.poll(ticket).orElseThrow();
      assertTrue(nvr.accepts("admin", grant.temporaryPassword())); // installed on the recorder
    }
    // end::testkit-reset-desk[]
  }

  @Test
  void onvifPersonality() {
    // tag::onvif-personality[]
    try (FakeNvr nvr =
        FakeNvr.onvif()
            .identity(FakeIdentity.builder().model("N841A8").serial("ND021811019863").build())
            .reservedUser("admin", "Admin12345", AccountLevel.ADMINISTRATOR) // ONVIF "fixed" user
            .user("operator1", "Op3rator-One", AccountLevel.OPERATOR)
            .clock(FakeClock.ticking(Duration.ofHours(-7), ZoneId.of("America/Toronto"))) // skewed
            .onvifProfile(
                OnvifProfile.builder()
                    .authentication(OnvifProfile.Authentication.USERNAME_TOKEN)
                    .createdWindow(Duration.ofSeconds(5))
                    .build())
            .start()) {
      URI deviceService = nvr.url("/onvif/device_service"); // for your own ONVIF client
      InetSocketAddress probeHere = nvr.discoveryAddress().orElseThrow(); // WS-Discovery, unicast
      // ... your ONVIF client; here, the library's:
      try (NvrClient client =
          Nvr.connect(
              OnvifDriver.create(),
              nvr.endpoint(),
              Credentials.of("operator1", Secret.of("Op3rator-One")),
              ConnectOptions.defaults())) {
        client.changePassword(
            PasswordChangeRequest.builder(Secret.of("N3w-Operator-Passw0rd!")).build());
      }
      assertTrue(nvr.accepts("operator1", Secret.of("N3w-Operator-Passw0rd!")));
      // end::onvif-personality[]
      assertEquals("/onvif/device_service", deviceService.getPath());
      assertTrue(probeHere.getAddress().isLoopbackAddress());
      // tag::onvif-personality[]
    }
    // end::onvif-personality[]
  }

  /** A request the desk accepts for {@code nvr}, with the date it displays now. */
  private static ResetRequest requestFor(FakeNvr nvr) {
    FakeIdentity id = nvr.identity();
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3, 4};
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 1, 2, 3, 4};
    return ResetRequest.builder("lorex")
        .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
        .model(id.model(), Provenance.STICKER)
        .deviceId(id.deviceId(), Provenance.STICKER)
        .serial(id.serial(), Provenance.INFO_SCREEN)
        .displayedDate(nvr.clock().localDateTime().toLocalDate(), Provenance.INFO_SCREEN)
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.INFO_SCREEN, "info.jpg", jpeg))
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.STICKER, "sticker.png", png))
        .build();
  }
}
