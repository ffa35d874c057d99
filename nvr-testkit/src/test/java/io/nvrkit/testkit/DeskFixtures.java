package io.nvrkit.testkit;

import io.nvrkit.core.Provenance;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetRequest;

/** Reset requests for desk tests. */
final class DeskFixtures {
  private DeskFixtures() {}

  static byte[] jpeg() {
    byte[] b = new byte[200];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[3] = (byte) 0xE0;
    for (int i = 4; i < b.length; i++) {
      b[i] = (byte) (i * 7);
    }
    return b;
  }

  static byte[] png() {
    byte[] b = new byte[150];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    System.arraycopy(sig, 0, b, 0, sig.length);
    for (int i = sig.length; i < b.length; i++) {
      b[i] = (byte) (i * 13);
    }
    return b;
  }

  /** A request for {@code nvr}, with the date it displays now. */
  static ResetRequest.Builder requestFor(FakeNvr nvr) {
    FakeIdentity id = nvr.identity();
    return ResetRequest.builder("lorex")
        .requester(Requester.of("Zeynep", "Işık", "+90 212 555 0100").withEmail("z@example.com"))
        .model(id.model(), Provenance.STICKER)
        .deviceId(id.deviceId(), Provenance.STICKER)
        .serial(id.serial(), Provenance.INFO_SCREEN)
        .displayedDate(nvr.clock().localDateTime().toLocalDate(), Provenance.INFO_SCREEN)
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.INFO_SCREEN, "info.jpg", jpeg()))
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.STICKER, "sticker.png", png()));
  }
}
