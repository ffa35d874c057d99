package io.nvrkit.testkit;

/**
 * Which firmware a {@link FakeNvr} imitates.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum PersonalityKind {
  /**
   * A Lorex recorder (Dahua-family firmware): HTTP CGI with Digest MD5 under {@code /cgi-bin/}, and
   * the JSON-RPC API at {@code /RPC2_Login} and {@code /RPC2}.
   */
  LOREX,
  /** An ONVIF device: SOAP 1.2 Device Management at {@code /onvif/device_service}. */
  ONVIF,
  /**
   * A Hikvision recorder or camera: ISAPI XML over HTTP(S) with Digest MD5 under {@code /ISAPI/},
   * and SADP discovery; see {@link HikvisionProfile}.
   */
  HIKVISION
}
