package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.DeviceEndpoint;

/** How a device's endpoint options are written in the journal: {@code <tls>[ plaintext]}. */
final class EndpointText {
  private EndpointText() {}

  static String of(DeviceEndpoint e) {
    return InventoryReader.trustText(e.tlsTrust())
        + (e.allowPlaintextSecrets() ? " plaintext" : "");
  }

  static DeviceEndpoint parse(String url, String text) {
    String t = text == null ? "" : text.trim();
    boolean plaintext = t.endsWith(" plaintext");
    if (plaintext) {
      t = t.substring(0, t.length() - " plaintext".length());
    }
    return DeviceEndpoint.builder(url)
        .tlsTrust(InventoryReader.trust("journal", t))
        .allowPlaintextSecrets(plaintext)
        .build();
  }
}
