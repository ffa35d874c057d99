package io.nvrkit.core.reset;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityConflict;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The common part of a vendor's reset request form ({@code LorexResetForm}, {@code
 * HikvisionResetForm}): what the device told over the network merged with what a person read from
 * the label or the screen, the date the device displays, the requester and the two evidence photos.
 * A vendor's form extends it with its own details (Lorex's device ID, Hikvision's start time) and
 * names its vendor; {@link #build()} hands the merged values to a {@link ResetRequest.Builder},
 * which validates them.
 *
 * <p>Merging: a value read from the device wins over a typed one (the vendor trusts it more), and
 * every disagreement is kept in {@link #conflicts()}, never hidden. The displayed date comes from
 * the device's clock when a driver read it before login, otherwise from the typed value. A photo
 * that cannot be read is reported by {@link #build()} with the request's other problems, each with
 * its field.
 *
 * <p>Not thread-safe (a form is filled by one thread); the {@link ResetRequest} it builds is
 * immutable.
 *
 * @param <F> the vendor's form, returned by every setter
 */
public abstract class ResetForm<F extends ResetForm<F>> {
  private final String vendor;
  private DeviceIdentity device = DeviceIdentity.empty();
  private final DeviceIdentity.Builder typed = DeviceIdentity.builder();
  private LocalDate typedDate;
  private Provenance typedDateFrom = Provenance.TYPED;
  private Requester requester;
  private EvidencePhoto infoPhoto;
  private EvidencePhoto stickerPhoto;
  private final List<FieldProblem> photoProblems = new ArrayList<>();
  private List<IdentityConflict> conflicts = List.of();

  /**
   * A form for one vendor.
   *
   * @param vendor the vendor id of the requests it builds, e.g. {@code lorex}
   */
  protected ResetForm(String vendor) {
    this.vendor = Objects.requireNonNull(vendor, "vendor");
  }

  /**
   * This form, typed as the vendor's form.
   *
   * @return {@code this}
   */
  protected abstract F self();

  /**
   * Adds the vendor's own details to the request (required details, a start time); called by {@link
   * #build()} after the identity, requester, displayed date and photos are set. Default: nothing.
   *
   * @param request the request being built
   * @param merged the device's and the typed values, merged
   */
  protected void complete(ResetRequest.Builder request, DeviceIdentity merged) {}

  /**
   * What the device told over the network (a probe, or an identity read after a login); merged with
   * what earlier calls gave.
   *
   * @param identity the device's identity with provenance
   * @return this form
   */
  public F fromDevice(DeviceIdentity identity) {
    this.device = this.device.merge(Objects.requireNonNull(identity, "identity"));
    return self();
  }

  /**
   * The model as a person read it.
   *
   * @param model the model
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   * @throws IllegalArgumentException if {@code from} is a device provenance
   */
  public F model(String model, Provenance from) {
    return typed(IdentityField.MODEL, model, from);
  }

  /**
   * The serial number as a person read it.
   *
   * @param serial the serial
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   * @throws IllegalArgumentException if {@code from} is a device provenance
   */
  public F serial(String serial, Provenance from) {
    return typed(IdentityField.SERIAL, serial, from);
  }

  /**
   * The date the device displays, as a person read it (used when the device's clock could not be
   * read before login; otherwise a different value is a conflict).
   *
   * @param date the date
   * @param from {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   * @throws IllegalArgumentException if {@code from} is a device provenance
   */
  public F displayedDate(LocalDate date, Provenance from) {
    this.typedDate = date;
    this.typedDateFrom = typedOnly(from);
    return self();
  }

  /**
   * The owner asking for the reset.
   *
   * @param requester names and phone (an e-mail where the vendor answers by mail)
   * @return this form
   */
  public F requester(Requester requester) {
    this.requester = requester;
    return self();
  }

  /**
   * The photo of the device's Info screen (or the vendor tool's screen).
   *
   * @param file a JPEG or PNG of at most 10 MB; a file that cannot be used is reported by {@link
   *     #build()}
   * @return this form
   */
  public F infoScreenPhoto(Path file) {
    this.infoPhoto = photo(EvidencePhoto.Kind.INFO_SCREEN, file);
    return self();
  }

  /**
   * The photo of the label with model and serial number.
   *
   * @param file a JPEG or PNG of at most 10 MB; a file that cannot be used is reported by {@link
   *     #build()}
   * @return this form
   */
  public F stickerPhoto(Path file) {
    this.stickerPhoto = photo(EvidencePhoto.Kind.STICKER, file);
    return self();
  }

  /**
   * A photo already loaded; its kind says which one.
   *
   * @param photo the photo
   * @return this form
   */
  public F photo(EvidencePhoto photo) {
    forgetProblems(photo.kind());
    if (photo.kind() == EvidencePhoto.Kind.INFO_SCREEN) {
      infoPhoto = photo;
    } else {
      stickerPhoto = photo;
    }
    return self();
  }

  /**
   * Sets an identity field as a person read it, for a vendor form's own setters.
   *
   * @param field the field
   * @param value the value
   * @param from {@code STICKER}, {@code INFO_SCREEN} or {@code TYPED}
   * @return this form
   * @throws IllegalArgumentException if {@code from} is a device provenance
   */
  protected final F typed(IdentityField field, String value, Provenance from) {
    typed.set(field, value, typedOnly(from));
    return self();
  }

  /**
   * Checks that a provenance is a person's (label, screen, typed), not a device's.
   *
   * @param from the provenance, null for {@code TYPED}
   * @return the provenance
   * @throws IllegalArgumentException if it is a device provenance or {@code
   *     NOT_READABLE_FROM_DEVICE}
   */
  protected static Provenance typedOnly(Provenance from) {
    Provenance p = from == null ? Provenance.TYPED : from;
    if (p.fromDevice() || p == Provenance.NOT_READABLE_FROM_DEVICE) {
      throw new IllegalArgumentException(
          "typed values come from the label, the screen or a person, not " + p);
    }
    return p;
  }

  private EvidencePhoto photo(EvidencePhoto.Kind kind, Path file) {
    forgetProblems(kind); // a photo set again replaces the earlier one, problems and all
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

  private void forgetProblems(EvidencePhoto.Kind kind) {
    String field = EvidencePhoto.fieldName(kind);
    photoProblems.removeIf(p -> p.field().equals(field));
  }

  /**
   * Merges device and typed values and validates the request.
   *
   * @return the request, for this form's vendor
   * @throws InvalidResetRequestException listing every problem, each with its field
   */
  public final ResetRequest build() {
    DeviceIdentity merged = device.merge(typed.build());
    List<IdentityConflict> found = new ArrayList<>(merged.conflicts());
    ResetRequest.Builder b = ResetRequest.builder(vendor).requester(requester).identity(merged);
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
    complete(b, merged);
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
            p.field().equals(EvidencePhoto.fieldName(EvidencePhoto.Kind.INFO_SCREEN))
                || p.field().equals(EvidencePhoto.fieldName(EvidencePhoto.Kind.STICKER));
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
