package io.nvrkit.core.reset;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.internal.reset.RequestChecks;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a vendor asks for to issue a temporary password or code: the requester (names, phone),
 * the device's model, serial number and the date it displays (each with its {@link Provenance}),
 * two photos (Info screen and sticker), and the details a vendor asks beyond those ({@link
 * Detail}): Lorex the device ID, Hikvision the device's start time; the firmware version is
 * optional for both.
 *
 * <pre>{@code
 * ResetRequest req = ResetRequest.builder("lorex")
 *     .requester(Requester.of("Jane", "Doe", "+1 555 0100"))
 *     .model("N841A", Provenance.STICKER)
 *     .deviceId("9F3KQ2", Provenance.STICKER)
 *     .serial("ND0219070012345", Provenance.NETWORK_AUTHENTICATED)
 *     .displayedDate(LocalDate.of(2026, 11, 25), Provenance.NETWORK_PRE_AUTH)
 *     .photo(EvidencePhoto.read(EvidencePhoto.Kind.INFO_SCREEN, Path.of("info.jpg")))
 *     .photo(EvidencePhoto.read(EvidencePhoto.Kind.STICKER, Path.of("sticker.jpg")))
 *     .build();
 * }</pre>
 *
 * <p>Which details are required is the vendor's: {@link Builder#requires(Detail...)}, by default
 * {@link Detail#DEVICE_ID} (Lorex). A Hikvision request:
 *
 * <pre>{@code
 * ResetRequest.builder("hikvision").requires(ResetRequest.Detail.START_TIME)
 *     .startTime(LocalDateTime.of(2026, 12, 1, 8, 15), Provenance.NETWORK_PRE_AUTH)
 *     ...
 * }</pre>
 *
 * <p>{@link Builder#build()} validates every field and reports all problems at once in an {@link
 * InvalidResetRequestException}. Immutable and thread-safe.
 */
public final class ResetRequest {
  private final String vendor;
  private final Requester requester;
  private final Sourced model;
  private final Sourced deviceId;
  private final Sourced serial;
  private final LocalDate displayedDate;
  private final Provenance displayedDateProvenance;
  private final EvidencePhoto infoScreenPhoto;
  private final EvidencePhoto stickerPhoto;
  private final Sourced firmware;
  private final LocalDateTime startTime;
  private final Provenance startTimeProvenance;

  /** Details a vendor may ask for beyond model, serial, displayed date and photos. */
  public enum Detail {
    /** The device ID printed next to the QR code (Lorex). */
    DEVICE_ID,
    /** The device's start time as SADP shows it, device-local (Hikvision). */
    START_TIME,
    /** The firmware version. */
    FIRMWARE
  }

  /**
   * A value and where it came from.
   *
   * @param value the value
   * @param provenance its source
   */
  public record Sourced(String value, Provenance provenance) {
    /** Checks the components. */
    public Sourced {
      Objects.requireNonNull(provenance, "provenance");
    }
  }

  private ResetRequest(Builder b) {
    this.vendor = b.vendor;
    this.requester = b.requester;
    this.model = b.model;
    this.deviceId = b.deviceId;
    this.serial = b.serial;
    this.displayedDate = b.displayedDate;
    this.displayedDateProvenance = b.displayedDateProvenance;
    this.infoScreenPhoto = b.infoScreenPhoto;
    this.stickerPhoto = b.stickerPhoto;
    this.firmware = b.firmware;
    this.startTime = b.startTime;
    this.startTimeProvenance = b.startTimeProvenance;
  }

  /**
   * A builder for a request to {@code vendor}.
   *
   * @param vendor the vendor id, e.g. {@code lorex}
   * @return the builder
   */
  public static Builder builder(String vendor) {
    return new Builder(vendor);
  }

  /**
   * The vendor id.
   *
   * @return the vendor
   */
  public String vendor() {
    return vendor;
  }

  /**
   * Who asks.
   *
   * @return the requester
   */
  public Requester requester() {
    return requester;
  }

  /**
   * The model number and its source.
   *
   * @return the model
   */
  public Sourced model() {
    return model;
  }

  /**
   * The device ID (not the serial) and its source.
   *
   * @return the device ID, or empty if the request has none (the vendor does not require it)
   */
  public Optional<Sourced> deviceId() {
    return Optional.ofNullable(deviceId);
  }

  /**
   * The firmware version and its source.
   *
   * @return the firmware, or empty if not given
   */
  public Optional<Sourced> firmware() {
    return Optional.ofNullable(firmware);
  }

  /**
   * The device's start time, device-local, truncated to seconds.
   *
   * @return the start time, or empty if not given
   */
  public Optional<LocalDateTime> startTime() {
    return Optional.ofNullable(startTime);
  }

  /**
   * Where the start time came from.
   *
   * @return its provenance, or empty if no start time is given
   */
  public Optional<Provenance> startTimeProvenance() {
    return Optional.ofNullable(startTimeProvenance);
  }

  /**
   * The serial number and its source.
   *
   * @return the serial
   */
  public Sourced serial() {
    return serial;
  }

  /**
   * The date the recorder displays.
   *
   * @return the date
   */
  public LocalDate displayedDate() {
    return displayedDate;
  }

  /**
   * Where the displayed date came from.
   *
   * @return its provenance
   */
  public Provenance displayedDateProvenance() {
    return displayedDateProvenance;
  }

  /**
   * The Info screen photo.
   *
   * @return the photo
   */
  public EvidencePhoto infoScreenPhoto() {
    return infoScreenPhoto;
  }

  /**
   * The sticker photo.
   *
   * @return the photo
   */
  public EvidencePhoto stickerPhoto() {
    return stickerPhoto;
  }

  @Override
  public String toString() {
    return "ResetRequest["
        + vendor
        + ", model="
        + model.value()
        + (deviceId == null ? "" : ", deviceId=" + deviceId.value())
        + (startTime == null ? "" : ", startTime=" + startTime)
        + (firmware == null ? "" : ", firmware=" + firmware.value())
        + ", serial="
        + serial.value()
        + ", displayedDate="
        + displayedDate
        + ", "
        + requester
        + "]";
  }

  /** Builds and validates a {@link ResetRequest}. Not thread-safe. */
  public static final class Builder {
    private final String vendor;
    private Requester requester;
    private Sourced model;
    private Sourced deviceId;
    private Sourced serial;
    private LocalDate displayedDate;
    private Provenance displayedDateProvenance;
    private EvidencePhoto infoScreenPhoto;
    private EvidencePhoto stickerPhoto;
    private Sourced firmware;
    private LocalDateTime startTime;
    private Provenance startTimeProvenance;
    private Set<Detail> required = EnumSet.of(Detail.DEVICE_ID);

    private Builder(String vendor) {
      this.vendor = vendor == null ? null : vendor.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Sets the requester.
     *
     * @param requester who asks
     * @return this builder
     */
    public Builder requester(Requester requester) {
      this.requester = requester;
      return this;
    }

    /**
     * Sets the model number.
     *
     * @param value the model
     * @param from its source
     * @return this builder
     */
    public Builder model(String value, Provenance from) {
      this.model = sourced(value, from);
      return this;
    }

    /**
     * Sets the device ID (printed next to the QR code; not the serial).
     *
     * @param value the device ID
     * @param from its source
     * @return this builder
     */
    public Builder deviceId(String value, Provenance from) {
      this.deviceId = sourced(value, from);
      return this;
    }

    /**
     * Sets the serial number.
     *
     * @param value the serial
     * @param from its source
     * @return this builder
     */
    public Builder serial(String value, Provenance from) {
      this.serial = sourced(value, from);
      return this;
    }

    /**
     * Sets the firmware version, e.g. {@code V4.62.210 build 230815}.
     *
     * @param value the firmware version
     * @param from its source
     * @return this builder
     */
    public Builder firmware(String value, Provenance from) {
      this.firmware = sourced(value, from);
      return this;
    }

    /**
     * Sets the device's start time as the device shows it (Hikvision's SADP), device-local.
     *
     * @param start the start time (truncated to seconds), or null to clear it
     * @param from its source
     * @return this builder
     */
    public Builder startTime(LocalDateTime start, Provenance from) {
      this.startTime = start == null ? null : start.truncatedTo(ChronoUnit.SECONDS);
      this.startTimeProvenance = start == null ? null : from == null ? Provenance.TYPED : from;
      return this;
    }

    /**
     * The details this vendor requires; replaces the default, {@link Detail#DEVICE_ID}. A detail
     * not required may still be given and is then validated too.
     *
     * @param details the required details, possibly none
     * @return this builder
     */
    public Builder requires(Detail... details) {
      this.required = EnumSet.noneOf(Detail.class);
      for (Detail d : details) {
        required.add(Objects.requireNonNull(d, "detail"));
      }
      return this;
    }

    /**
     * Sets the date the recorder displays.
     *
     * @param date the date
     * @param from its source
     * @return this builder
     */
    public Builder displayedDate(LocalDate date, Provenance from) {
      this.displayedDate = date;
      this.displayedDateProvenance = from;
      return this;
    }

    /**
     * Fills model, device ID, serial, firmware, start time and displayed date from an identity,
     * with the identity's provenance; fields the identity lacks are left as they are.
     *
     * @param identity the identity (e.g. from {@code Nvr.probe} merged with typed values)
     * @return this builder
     */
    public Builder identity(DeviceIdentity identity) {
      RequestChecks.fill(this, Objects.requireNonNull(identity, "identity"));
      return this;
    }

    /**
     * Sets a photo (its kind decides which).
     *
     * @param photo the photo
     * @return this builder
     */
    public Builder photo(EvidencePhoto photo) {
      Objects.requireNonNull(photo, "photo");
      if (photo.kind() == EvidencePhoto.Kind.INFO_SCREEN) {
        this.infoScreenPhoto = photo;
      } else {
        this.stickerPhoto = photo;
      }
      return this;
    }

    private static Sourced sourced(String value, Provenance from) {
      return new Sourced(
          value == null ? null : value.trim(), from == null ? Provenance.TYPED : from);
    }

    /**
     * Validates and builds.
     *
     * @return the request
     * @throws InvalidResetRequestException naming every missing or invalid field
     */
    public ResetRequest build() {
      List<FieldProblem> problems =
          RequestChecks.problems(
              new RequestChecks.Fields(
                  vendor,
                  requester,
                  model,
                  deviceId,
                  serial,
                  firmware,
                  startTime,
                  startTimeProvenance,
                  displayedDate,
                  infoScreenPhoto != null,
                  stickerPhoto != null,
                  required));
      if (!problems.isEmpty()) {
        throw new InvalidResetRequestException(problems);
      }
      return new ResetRequest(this);
    }
  }
}
