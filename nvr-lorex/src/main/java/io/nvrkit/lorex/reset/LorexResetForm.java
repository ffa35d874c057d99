package io.nvrkit.lorex.reset;

import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.ResetForm;
import io.nvrkit.core.reset.ResetRequest;

/**
 * The Lorex temporary-password request form, filled from what the recorder told over the network
 * and what a person typed from its Info screen or sticker.
 *
 * <pre>{@code
 * DeviceIdentity seen = LorexReset.readBeforeLogin(endpoint, ConnectOptions.defaults());
 * LorexResetForm form = LorexResetForm.create()
 *     .fromDevice(seen)                                   // serial from the realm, date via ONVIF
 *     .deviceId("ABCD1234EFGH", Provenance.INFO_SCREEN)   // never readable over the network
 *     .model("N841A8", Provenance.STICKER)
 *     .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
 *     .infoScreenPhoto(Path.of("info.jpg"))
 *     .stickerPhoto(Path.of("sticker.png"));
 * ResetRequest request = form.build();
 * form.conflicts().forEach(c -> System.out.println("typed value differs: " + c));
 * }</pre>
 *
 * <p>Merging ({@link ResetForm}): a value read from the device wins over a typed one (the vendor
 * trusts it more), and every disagreement is kept in {@link #conflicts()}, never hidden. The date
 * displayed on the recorder is taken from the device's own clock when a driver could read it before
 * login (ONVIF {@code GetSystemDateAndTime} when the ONVIF driver is installed), otherwise from the
 * typed value. The core {@link ResetRequest.Builder} validates the rest (required fields, device ID
 * different from the serial, photos JPEG/PNG by magic bytes and at most 10 MB); every refusal names
 * the field and the reason in an {@link InvalidResetRequestException}.
 *
 * <p>Not thread-safe (a form is filled by one thread); the {@link ResetRequest} it builds is
 * immutable.
 */
public final class LorexResetForm extends ResetForm<LorexResetForm> {
  private LorexResetForm() {
    super("lorex");
  }

  /**
   * An empty form.
   *
   * @return the form
   */
  public static LorexResetForm create() {
    return new LorexResetForm();
  }

  @Override
  protected LorexResetForm self() {
    return this;
  }

  /**
   * The Device ID (next to the QR code on the label, or Main Menu ▸ Info); not the serial number.
   *
   * @param deviceId the device ID
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   * @throws IllegalArgumentException if {@code from} is a device provenance
   */
  public LorexResetForm deviceId(String deviceId, Provenance from) {
    return typed(IdentityField.DEVICE_ID, deviceId, from);
  }
}
