package io.nvrkit.lorex.reset;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityConflict;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetRequest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 * <p>Merging: a value read from the device wins over a typed one (the vendor trusts it more), and
 * every disagreement is kept in {@link #conflicts()}, never hidden. The date displayed on the
 * recorder is taken from the device's own clock when a driver could read it before login (ONVIF
 * {@code GetSystemDateAndTime} when the ONVIF driver is installed), otherwise from the typed value.
 * The core {@link ResetRequest.Builder} validates the rest (required fields, device ID different
 * from the serial, photos JPEG/PNG by magic bytes and at most 10 MB); every refusal names the field
 * and the reason in an {@link InvalidResetRequestException}.
 *
 * <p>Not thread-safe (a form is filled by one thread); the {@link ResetRequest} it builds is
 * immutable.
 */
public final class LorexResetForm {
  private DeviceIdentity device = DeviceIdentity.empty();
  private final DeviceIdentity.Builder typed = DeviceIdentity.builder();
  private @Nullable LocalDate typedDate;
  private Provenance typedDateFrom = Provenance.TYPED;
  private @Nullable Requester requester;
  private @Nullable EvidencePhoto infoPhoto;
  private @Nullable EvidencePhoto stickerPhoto;
  private final List<FieldProblem> photoProblems = new ArrayList<>();
  private List<IdentityConflict> conflicts = List.of();

  private LorexResetForm() {}

  /**
   * An empty form.
   *
   * @return the form
   */
  public static LorexResetForm create() {
    return new LorexResetForm();
  }

  /**
   * What the device told over the network (a probe or an authenticated identity).
   *
   * @param identity the device's identity with provenance
   * @return this form
   */
  public LorexResetForm fromDevice(DeviceIdentity identity) {
    this.device = Objects.requireNonNull(identity, "identity");
    return this;
  }

  /**
   * The model number as a person read it.
   *
   * @param model the model, e.g. {@code N841A8}
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   */
  public LorexResetForm model(String model, Provenance from) {
    typed.set(IdentityField.MODEL, model, typedOnly(from));
    return this;
  }

  /**
   * The Device ID (next to the QR code on the label, or Main Menu ▸ Info); not the serial number.
   *
   * @param deviceId the device ID
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   */
  public LorexResetForm deviceId(String deviceId, Provenance from) {
    typed.set(IdentityField.DEVICE_ID, deviceId, typedOnly(from));
    return this;
  }

  /**
   * The serial number as a person read it.
   *
   * @param serial the serial
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   */
  public LorexResetForm serial(String serial, Provenance from) {
    typed.set(IdentityField.SERIAL, serial, typedOnly(from));
    return this;
  }

  /**
   * The date the recorder displays, as a person read it.
   *
   * @param date the date
   * @param from {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   */
  public LorexResetForm displayedDate(LocalDate date, Provenance from) {
    this.typedDate = date;
    this.typedDateFrom = typedOnly(from);
    return this;
  }

  /**
   * The owner asking for the temporary password.
   *
   * @param requester first and last name and phone (e-mail optional)
   * @return this form
   */
  public LorexResetForm requester(Requester requester) {
    this.requester = requester;
    return this;
  }

  /**
   * The photo of the recorder's Info screen.
   *
   * @param file a JPEG or PNG of at most 10 MB
   * @return this form
   */
  public LorexResetForm infoScreenPhoto(Path file) {
    this.infoPhoto = photo(EvidencePhoto.Kind.INFO_SCREEN, file);
    return this;
  }

  /**
   * The photo of the sticker with serial and model number.
   *
   * @param file a JPEG or PNG of at most 10 MB
   * @return this form
   */
  public LorexResetForm stickerPhoto(Path file) {
    this.stickerPhoto = photo(EvidencePhoto.Kind.STICKER, file);
    return this;
  }

  /**
   * The photo of the Info screen, already loaded.
   *
   * @param photo the photo
   * @return this form
   */
  public LorexResetForm photo(EvidencePhoto photo) {
    if (photo.kind() == EvidencePhoto.Kind.INFO_SCREEN) {
      infoPhoto = photo;
    } else {
      stickerPhoto = photo;
    }
    return this;
  }

  private @Nullable EvidencePhoto photo(EvidencePhoto.Kind kind, Path file) {
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
          "typed values come from the sticker, the Info screen or a person, not " + p);
    }
    return p;
  }

  /**
   * Merges device and typed values and validates the request.
   *
   * @return the request, vendor {@code lorex}
   * @throws InvalidResetRequestException listing every problem, each with its field
   */
  public ResetRequest build() {
    DeviceIdentity merged = device.merge(typed.build());
    List<IdentityConflict> found = new ArrayList<>(merged.conflicts());
    ResetRequest.Builder b = ResetRequest.builder("lorex").requester(requester).identity(merged);
    LocalDate deviceDate = merged.deviceDateTime().map(d -> d.toLocalDate()).orElse(null);
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
    try {
      ResetRequest r = b.build();
      if (!photoProblems.isEmpty()) {
        throw new InvalidResetRequestException(photoProblems);
      }
      return r;
    } catch (InvalidResetRequestException e) {
      List<FieldProblem> all = new ArrayList<>(photoProblems);
      for (FieldProblem p : e.problems()) {
        boolean photoField =
            p.field().equals("infoScreenPhoto") || p.field().equals("stickerPhoto");
        boolean known = photoProblems.stream().anyMatch(q -> q.field().equals(p.field()));
        if (!(photoField && known) && !all.contains(p)) {
          all.add(p);
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
