package io.nvrkit.core.reset;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.Provenance;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

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
      copy(identity, io.nvrkit.core.IdentityField.MODEL, this::model);
      copy(identity, io.nvrkit.core.IdentityField.DEVICE_ID, this::deviceId);
      copy(identity, io.nvrkit.core.IdentityField.SERIAL, this::serial);
      copy(identity, io.nvrkit.core.IdentityField.FIRMWARE, this::firmware);
      identity
          .value(io.nvrkit.core.IdentityField.START_TIME)
          .ifPresent(
              v -> {
                try {
                  startTime(
                      LocalDateTime.parse(v),
                      identity
                          .provenance(io.nvrkit.core.IdentityField.START_TIME)
                          .orElse(Provenance.TYPED));
                } catch (java.time.format.DateTimeParseException e) {
                  // not a local date-time: left for the caller to set
                }
              });
      identity
          .deviceDateTime()
          .ifPresent(
              dt ->
                  displayedDate(
                      dt.toLocalDate(),
                      identity
                          .provenance(io.nvrkit.core.IdentityField.DEVICE_DATE_TIME)
                          .orElse(Provenance.TYPED)));
      return this;
    }

    private static void copy(
        DeviceIdentity id,
        io.nvrkit.core.IdentityField f,
        java.util.function.BiConsumer<String, Provenance> setter) {
      id.value(f).ifPresent(v -> setter.accept(v, id.provenance(f).orElse(Provenance.TYPED)));
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
      List<FieldProblem> p = new ArrayList<>();
      if (vendor == null || vendor.isEmpty()) {
        p.add(new FieldProblem("vendor", "is required"));
      }
      if (requester == null) {
        p.add(new FieldProblem("requester", "first name, last name and phone are required"));
      } else {
        name(p, "firstName", requester.firstName());
        name(p, "lastName", requester.lastName());
        String digits = requester.phone() == null ? "" : requester.phone().replaceAll("[^0-9]", "");
        if (requester.phone() == null || requester.phone().isEmpty()) {
          p.add(new FieldProblem("phone", "is required"));
        } else if (!requester.phone().matches("[+0-9 ().\\-]+")
            || digits.length() < 7
            || digits.length() > 15) {
          p.add(
              new FieldProblem(
                  "phone", "must be 7 to 15 digits, optionally with + ( ) - . and spaces"));
        }
        requester
            .email()
            .filter(e -> !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))
            .ifPresent(e -> p.add(new FieldProblem("email", "is not an e-mail address")));
      }
      token(p, "model", model, MODEL);
      if (deviceId != null || required.contains(Detail.DEVICE_ID)) {
        token(p, "deviceId", deviceId, TOKEN);
      }
      token(p, "serial", serial, TOKEN);
      if (firmware != null || required.contains(Detail.FIRMWARE)) {
        token(p, "firmware", firmware, FIRMWARE_TEXT);
      }
      if (startTime == null && required.contains(Detail.START_TIME)) {
        p.add(
            new FieldProblem(
                "startTime", "is required (the device's start time as SADP shows it)"));
      } else if (startTime != null && startTimeProvenance == Provenance.NOT_READABLE_FROM_DEVICE) {
        p.add(
            new FieldProblem(
                "startTime", "has no source; read it from the SADP tool or the device"));
      }
      if (deviceId != null
          && serial != null
          && deviceId.value() != null
          && deviceId.value().equalsIgnoreCase(serial.value())) {
        p.add(
            new FieldProblem(
                "deviceId",
                "equals the serial number; the device ID is the code printed next to the QR code"));
      }
      if (displayedDate == null) {
        p.add(new FieldProblem("displayedDate", "is required (the date the recorder shows)"));
      }
      if (infoScreenPhoto == null) {
        p.add(new FieldProblem("infoScreenPhoto", "a photo of the Info screen is required"));
      }
      if (stickerPhoto == null) {
        p.add(new FieldProblem("stickerPhoto", "a photo of the sticker is required"));
      }
      if (!p.isEmpty()) {
        throw new InvalidResetRequestException(p);
      }
      return new ResetRequest(this);
    }

    private static void name(List<FieldProblem> p, String field, String v) {
      if (v == null || v.isEmpty()) {
        p.add(new FieldProblem(field, "is required"));
      } else if (v.length() > 100 || v.chars().anyMatch(Character::isISOControl)) {
        p.add(new FieldProblem(field, "must be at most 100 characters without control characters"));
      }
    }

    /** Device ID and serial: letters, digits and {@code . _ / -}. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/\\-]{0,63}");

    /** Model: also parentheses and {@code +}, e.g. {@code DS-7608NI-K2/8P(C)}. */
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/()+\\-]{0,63}");

    /** Firmware: also spaces and commas, e.g. {@code V4.62.210 build 230815}. */
    private static final Pattern FIRMWARE_TEXT =
        Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/()+, \\-]{0,63}");

    private static void token(List<FieldProblem> p, String field, Sourced s, Pattern allowed) {
      if (s == null || s.value() == null || s.value().isEmpty()) {
        p.add(new FieldProblem(field, "is required"));
      } else if (!allowed.matcher(s.value()).matches()) {
        p.add(
            new FieldProblem(
                field,
                allowed == TOKEN
                    ? "must be 1 to 64 letters, digits or . _ / -"
                    : allowed == MODEL
                        ? "must be 1 to 64 letters, digits or . _ / - ( ) +"
                        : "must be 1 to 64 letters, digits, spaces or . _ / - ( ) + ,"));
      } else if (s.provenance() == Provenance.NOT_READABLE_FROM_DEVICE) {
        p.add(
            new FieldProblem(field, "has no source; read it from the sticker or the Info screen"));
      }
    }
  }
}
