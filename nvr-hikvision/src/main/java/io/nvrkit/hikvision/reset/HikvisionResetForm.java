package io.nvrkit.hikvision.reset;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.reset.ResetForm;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.hikvision.SadpDevice;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Hikvision's password-reset request ("Forgot Password" through Hikvision support), filled from
 * what the device told before login (SADP, {@code Nvr.probe}) and what a person typed.
 *
 * <pre>{@code
 * SadpDevice sadp = HikvisionReset.readSadp(endpoint, Duration.ofSeconds(1)).orElseThrow();
 * HikvisionResetForm form = HikvisionResetForm.create()
 *     .fromDevice(HikvisionReset.readBeforeLogin(endpoint, ConnectOptions.defaults()))
 *     .fromSadp(sadp)                                        // model, full serial, start time
 *     .displayedDate(LocalDate.of(2026, 12, 7), Provenance.INFO_SCREEN)
 *     .requester(Requester.of("Jane", "Doe", "+1 416 555 0100").withEmail("jane@example.com"))
 *     .infoScreenPhoto(Path.of("sadp-screen.png"))          // the SADP tool or the NVR's Info
 *     .stickerPhoto(Path.of("label.jpg"));                   // the device label
 * ResetRequest request = form.build();
 * }</pre>
 *
 * <p>What support asks for (research note §7.1): the model, the <b>full</b> serial number, the
 * firmware version, the date the device shows, the device's <b>start time</b> as SADP shows it, a
 * picture of the label, and the requester's contact details. The request requires {@link
 * ResetRequest.Detail#START_TIME} (device-local) instead of Lorex's device ID; the model, serial
 * and firmware travel in the identity.
 *
 * <p>Merging ({@link ResetForm}): a value read from the device wins over a typed one and every
 * disagreement is kept in {@link #conflicts()}. A start time read by SADP wins over a typed one.
 * Not thread-safe; the request it builds is immutable.
 */
public final class HikvisionResetForm extends ResetForm<HikvisionResetForm> {
  private LocalDateTime startTime;
  private Provenance startTimeFrom = Provenance.TYPED;

  private HikvisionResetForm() {
    super("hikvision");
  }

  /**
   * An empty form.
   *
   * @return the form
   */
  public static HikvisionResetForm create() {
    return new HikvisionResetForm();
  }

  @Override
  protected HikvisionResetForm self() {
    return this;
  }

  /**
   * What the device answered to SADP: model, full serial, MAC, firmware and the start time.
   *
   * @param sadp the device's SADP answer
   * @return this form
   */
  public HikvisionResetForm fromSadp(SadpDevice sadp) {
    Objects.requireNonNull(sadp, "sadp");
    Provenance p = Provenance.NETWORK_PRE_AUTH;
    fromDevice(
        DeviceIdentity.builder()
            .set(IdentityField.VENDOR, "Hikvision", p)
            .set(IdentityField.MODEL, sadp.model(), p)
            .set(IdentityField.SERIAL, sadp.serial(), p)
            .set(IdentityField.MAC, sadp.mac(), p)
            .set(IdentityField.FIRMWARE, sadp.firmware(), p)
            .set(IdentityField.FIRMWARE_BUILD, sadp.firmwareBuild(), p)
            .set(
                IdentityField.START_TIME,
                sadp.startTime() == null ? null : sadp.startTime().toString(),
                p)
            .build());
    if (sadp.startTime() != null) {
      this.startTime = sadp.startTime();
      this.startTimeFrom = p;
    }
    return this;
  }

  /**
   * The start time as a person read it from the SADP tool (used only when SADP gave none).
   *
   * @param start the device-local start time
   * @param from {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   * @throws IllegalArgumentException if {@code from} is a device provenance
   */
  public HikvisionResetForm startTime(LocalDateTime start, Provenance from) {
    if (startTime == null || !startTimeFrom.fromDevice()) {
      this.startTime = start;
      this.startTimeFrom = typedOnly(from);
    }
    return this;
  }

  /** The request requires the start time (field {@code startTime}) instead of a device ID. */
  @Override
  protected void complete(ResetRequest.Builder request, DeviceIdentity merged) {
    request.requires(ResetRequest.Detail.START_TIME);
    if (startTime != null) {
      request.startTime(startTime, startTimeFrom);
    }
  }
}
