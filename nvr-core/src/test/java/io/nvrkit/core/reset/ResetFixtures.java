package io.nvrkit.core.reset;

import io.nvrkit.core.Provenance;
import java.time.LocalDate;

/** Requests and photos for reset tests. */
final class ResetFixtures {
  private ResetFixtures() {}

  /** A tiny JPEG (SOI + APP0 marker and some bytes; enough for magic-byte sniffing). */
  static byte[] jpeg(int seed) {
    byte[] b = new byte[64 + seed];
    b[0] = (byte) 0xFF;
    b[1] = (byte) 0xD8;
    b[2] = (byte) 0xFF;
    b[3] = (byte) 0xE0;
    for (int i = 4; i < b.length; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    return b;
  }

  /** A tiny PNG (signature and some bytes). */
  static byte[] png(int seed) {
    byte[] b = new byte[80 + seed];
    byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    System.arraycopy(sig, 0, b, 0, sig.length);
    for (int i = sig.length; i < b.length; i++) {
      b[i] = (byte) (i * 17 + seed);
    }
    return b;
  }

  static ResetRequest.Builder requestBuilder() {
    return ResetRequest.builder("lorex")
        .requester(Requester.of("Jane", "Doe", "+1 555 0100").withEmail("jane@example.com"))
        .model("N841A", Provenance.STICKER)
        .deviceId("9F3KQ2", Provenance.INFO_SCREEN)
        .serial("ND0219070012345", Provenance.NETWORK_AUTHENTICATED)
        .displayedDate(LocalDate.of(2026, 11, 25), Provenance.NETWORK_PRE_AUTH)
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.INFO_SCREEN, "info.jpeg", jpeg(1)))
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.STICKER, "sticker.png", png(2)));
  }

  static ResetRequest request() {
    return requestBuilder().build();
  }
}
