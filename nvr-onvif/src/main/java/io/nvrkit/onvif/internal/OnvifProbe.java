package io.nvrkit.onvif.internal;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.spi.DriverProbe;

/**
 * The pre-authentication probe: only requests without credentials, never a login. It asks
 * GetSystemDateAndTime (PRE_AUTH; a SOAP answer or SOAP fault means the device speaks ONVIF), then
 * GetHostname (PRE_AUTH), and GetDeviceInformation and GetScopes (READ_SYSTEM: most devices refuse
 * them anonymously, some answer — whatever they answer is used). A device whose first answer is not
 * SOAP costs one round trip.
 */
public final class OnvifProbe {
  private OnvifProbe() {}

  /** A probe call after the device was recognised: a failure keeps what was already learned. */
  private static OnvifSession.ProbeAnswer later(OnvifSession s, String op) {
    try {
      return s.probeCall(op, Requests.empty(op));
    } catch (NvrException e) {
      return new OnvifSession.ProbeAnswer(false, null);
    }
  }

  /**
   * Probes.
   *
   * @param endpoint the device
   * @param options the options
   * @param env the environment
   * @return what was learned
   */
  public static DriverProbe probe(DeviceEndpoint endpoint, ConnectOptions options, OnvifEnv env) {
    Provenance p = Provenance.NETWORK_PRE_AUTH;
    Warmup.start(false);
    try (OnvifSession s = env.session(endpoint, null, options)) {
      OnvifSession.ProbeAnswer sdt =
          s.probeCall("GetSystemDateAndTime", Requests.empty("GetSystemDateAndTime"));
      if (!sdt.soap()) {
        return DriverProbe.notRecognised();
      }
      DeviceIdentity.Builder b = DeviceIdentity.builder();
      OnvifClient.deviceTime(s, b, p);
      b.clockSkew(s.clock().skew());
      OnvifSession.ProbeAnswer host = later(s, "GetHostname");
      if (host.response() != null) {
        Responses.hostname(host.response()).ifPresent(h -> b.set(IdentityField.MACHINE_NAME, h, p));
      }
      OnvifSession.ProbeAnswer di = later(s, "GetDeviceInformation");
      if (di.response() != null) {
        Responses.DeviceInformation info = Responses.deviceInformation(di.response());
        b.set(IdentityField.VENDOR, info.manufacturer(), p);
        b.set(IdentityField.MODEL, info.model(), p);
        b.set(IdentityField.FIRMWARE, info.firmware(), p);
        b.set(IdentityField.SERIAL, info.serial(), p);
        b.set(IdentityField.HARDWARE_VERSION, info.hardwareId(), p);
      }
      OnvifSession.ProbeAnswer sc = later(s, "GetScopes");
      if (sc.response() != null) {
        Scopes.decode(Responses.scopes(sc.response())).fillGaps(b, p);
      }
      b.notReadable(IdentityField.DEVICE_ID);
      return new DriverProbe(true, b.build());
    }
  }
}
