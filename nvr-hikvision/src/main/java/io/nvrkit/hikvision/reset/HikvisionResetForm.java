package io.nvrkit.hikvision.reset;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityConflict;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.hikvision.SadpDevice;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Merging: a value read from the device wins over a typed one and every disagreement is kept in
 * {@link #conflicts()}. A start time read by SADP wins over a typed one. Not thread-safe; the
 * request it builds is immutable.
 */
public final class HikvisionResetForm {
  private DeviceIdentity device = DeviceIdentity.empty();
  private final DeviceIdentity.Builder typed = DeviceIdentity.builder();
  private LocalDateTime startTime;
  private Provenance startTimeFrom = Provenance.TYPED;
  private LocalDate typedDate;
  private Provenance typedDateFrom = Provenance.TYPED;
  private Requester requester;
  private EvidencePhoto infoPhoto;
  private EvidencePhoto stickerPhoto;
  private final List<FieldProblem> photoProblems = new ArrayList<>();
  private List<IdentityConflict> conflicts = List.of();

  private HikvisionResetForm() {}

  /**
   * An empty form.
   *
   * @return the form
   */
  public static HikvisionResetForm create() {
    return new HikvisionResetForm();
  }

  /**
   * What the device told over the network (a probe, or an identity read after a login).
   *
   * @param identity the identity with provenance
   * @return this form
   */
  public HikvisionResetForm fromDevice(DeviceIdentity identity) {
    this.device = this.device.merge(Objects.requireNonNull(identity, "identity"));
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
    DeviceIdentity id =
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
            .build();
    this.device = this.device.merge(id);
    if (sadp.startTime() != null) {
      this.startTime = sadp.startTime();
      this.startTimeFrom = p;
    }
    return this;
  }

  /**
   * The model as a person read it.
   *
   * @param model e.g. {@code DS-7608NXI-I2/8P/S}
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   */
  public HikvisionResetForm model(String model, Provenance from) {
    typed.set(IdentityField.MODEL, model, typedOnly(from));
    return this;
  }

  /**
   * The full serial number as a person read it (model + date + letters + digits).
   *
   * @param serial the full serial
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   */
  public HikvisionResetForm serial(String serial, Provenance from) {
    typed.set(IdentityField.SERIAL, serial, typedOnly(from));
    return this;
  }

  /**
   * The start time as a person read it from the SADP tool (used only when SADP gave none).
   *
   * @param start the device-local start time
   * @param from {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   */
  public HikvisionResetForm startTime(LocalDateTime start, Provenance from) {
    if (startTime == null || !startTimeFrom.fromDevice()) {
      this.startTime = start;
      this.startTimeFrom = typedOnly(from);
    }
    return this;
  }

  /**
   * The date the device displays, as a person read it.
   *
   * @param date the date
   * @param from {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   */
  public HikvisionResetForm displayedDate(LocalDate date, Provenance from) {
    this.typedDate = date;
    this.typedDateFrom = typedOnly(from);
    return this;
  }

  /**
   * The owner asking for the reset.
   *
   * @param requester names and phone (an e-mail is where support answers)
   * @return this form
   */
  public HikvisionResetForm requester(Requester requester) {
    this.requester = requester;
    return this;
  }

  /**
   * A screenshot of the SADP tool or the recorder's Info screen.
   *
   * @param file a JPEG or PNG of at most 10 MB
   * @return this form
   */
  public HikvisionResetForm infoScreenPhoto(Path file) {
    this.infoPhoto = photo(EvidencePhoto.Kind.INFO_SCREEN, file);
    return this;
  }

  /**
   * A photo of the device label with model and serial number.
   *
   * @param file a JPEG or PNG of at most 10 MB
   * @return this form
   */
  public HikvisionResetForm stickerPhoto(Path file) {
    this.stickerPhoto = photo(EvidencePhoto.Kind.STICKER, file);
    return this;
  }

  /**
   * A photo already loaded (its kind says which).
   *
   * @param photo the photo
   * @return this form
   */
  public HikvisionResetForm photo(EvidencePhoto photo) {
    if (photo.kind() == EvidencePhoto.Kind.INFO_SCREEN) {
      infoPhoto = photo;
    } else {
      stickerPhoto = photo;
    }
    return this;
  }

  private EvidencePhoto photo(EvidencePhoto.Kind kind, Path file) {
    try {
      return EvidencePhoto.read(kind, file);
    } catch (InvalidResetRequestException e) {
      photoProblems.addAll(e.problems());
      return null;
    } catch (java.io.UncheckedIOException e) {
      photoProblems.add(
          new FieldProblem(EvidencePhoto.fieldName(kind), "cannot be read: " + file.getFileName()));
      return null;
    }
  }

  private static Provenance typedOnly(Provenance from) {
    Provenance p = from == null ? Provenance.TYPED : from;
    if (p.fromDevice() || p == Provenance.NOT_READABLE_FROM_DEVICE) {
      throw new IllegalArgumentException(
          "typed values come from the label, the screen or a person, not " + p);
    }
    return p;
  }

  /**
   * Merges device and typed values and validates the request.
   *
   * @return the request, vendor {@code hikvision}
   * @throws InvalidResetRequestException listing every problem, each with its field ({@code
   *     startTime} when no start time is known)
   */
  public ResetRequest build() {
    DeviceIdentity merged = device.merge(typed.build());
    List<IdentityConflict> found = new ArrayList<>(merged.conflicts());
    ResetRequest.Builder b =
        ResetRequest.builder("hikvision")
            .requires(ResetRequest.Detail.START_TIME)
            .requester(requester)
            .identity(merged);
    if (startTime != null) {
      b.startTime(startTime, startTimeFrom);
    }
    LocalDate deviceDate = merged.deviceDateTime().map(LocalDateTime::toLocalDate).orElse(null);
    Provenance deviceDateFrom =
        merged.provenance(IdentityField.DEVICE_DATE_TIME).orElse(Provenance.TYPED);
    if (deviceDate != null && deviceDateFrom.fromDevice()) {
      b.displayedDate(deviceDate, deviceDateFrom);
      if (typedDate != null && !typedDate.equals(deviceDate)) {
        found.add(
            new IdentityConflict(
                IdentityField.DEVICE_DATE_TIME,
                deviceDate.toString(),
                deviceDateFrom,
                typedDate.toString(),
                typedDateFrom));
      }
    } else if (typedDate != null) {
      b.displayedDate(typedDate, typedDateFrom);
    }
    if (infoPhoto != null) {
      b.photo(infoPhoto);
    }
    if (stickerPhoto != null) {
      b.photo(stickerPhoto);
    }
    this.conflicts = List.copyOf(found);
    List<FieldProblem> all = new ArrayList<>(photoProblems);
    try {
      ResetRequest r = b.build();
      if (!all.isEmpty()) {
        throw new InvalidResetRequestException(all);
      }
      return r;
    } catch (InvalidResetRequestException e) {
      for (FieldProblem p : e.problems()) {
        FieldProblem q = p;
        boolean photoField = q.field().endsWith("Photo");
        boolean known = photoProblems.stream().anyMatch(x -> x.field().equals(q.field()));
        if (!(photoField && known) && !all.contains(q)) {
          all.add(q);
        }
      }
      throw new InvalidResetRequestException(all);
    }
  }

  /**
   * Where typed values disagree with values read from the device (filled by {@link #build()}).
   *
   * @return the conflicts, possibly empty
   */
  public List<IdentityConflict> conflicts() {
    return conflicts;
  }
}
