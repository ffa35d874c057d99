package io.nvrkit.core.internal.reset;

import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetRequest.Detail;
import io.nvrkit.core.reset.ResetRequest.Sourced;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The validation behind {@code ResetRequest.Builder.build()} (every problem at once, never the
 * values in a message), and the filling of a request from a {@link DeviceIdentity}.
 */
public final class RequestChecks {
  /** Device ID and serial: letters, digits and {@code . _ / -}. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/\\-]{0,63}");

  /** Model: also parentheses and {@code +}, e.g. {@code DS-7608NI-K2/8P(C)}. */
  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/()+\\-]{0,63}");

  /** Firmware: also spaces and commas, e.g. {@code V4.62.210 build 230815}. */
  private static final Pattern FIRMWARE_TEXT =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/()+, \\-]{0,63}");

  private RequestChecks() {}

  /**
   * What a builder holds, for validation.
   *
   * @param vendor the vendor id, or null
   * @param requester the requester, or null
   * @param model the model, or null
   * @param deviceId the device ID, or null
   * @param serial the serial, or null
   * @param firmware the firmware, or null
   * @param startTime the start time, or null
   * @param startTimeProvenance its provenance, or null
   * @param displayedDate the displayed date, or null
   * @param hasInfoScreenPhoto whether the Info screen photo is given
   * @param hasStickerPhoto whether the sticker photo is given
   * @param required the details the vendor requires
   */
  public record Fields(
      String vendor,
      Requester requester,
      Sourced model,
      Sourced deviceId,
      Sourced serial,
      Sourced firmware,
      LocalDateTime startTime,
      Provenance startTimeProvenance,
      LocalDate displayedDate,
      boolean hasInfoScreenPhoto,
      boolean hasStickerPhoto,
      Set<Detail> required) {}

  /**
   * Every missing or invalid field.
   *
   * @param f the fields
   * @return the problems, empty if the request is valid
   */
  public static List<FieldProblem> problems(Fields f) {
    List<FieldProblem> p = new ArrayList<>();
    if (f.vendor() == null || f.vendor().isEmpty()) {
      p.add(new FieldProblem("vendor", "is required"));
    }
    requester(p, f.requester());
    token(p, "model", f.model(), MODEL);
    if (f.deviceId() != null || f.required().contains(Detail.DEVICE_ID)) {
      token(p, "deviceId", f.deviceId(), TOKEN);
    }
    token(p, "serial", f.serial(), TOKEN);
    if (f.firmware() != null || f.required().contains(Detail.FIRMWARE)) {
      token(p, "firmware", f.firmware(), FIRMWARE_TEXT);
    }
    if (f.startTime() == null && f.required().contains(Detail.START_TIME)) {
      p.add(
          new FieldProblem("startTime", "is required (the device's start time as SADP shows it)"));
    } else if (f.startTime() != null
        && f.startTimeProvenance() == Provenance.NOT_READABLE_FROM_DEVICE) {
      p.add(
          new FieldProblem("startTime", "has no source; read it from the SADP tool or the device"));
    }
    if (f.deviceId() != null
        && f.serial() != null
        && f.deviceId().value() != null
        && f.deviceId().value().equalsIgnoreCase(f.serial().value())) {
      p.add(
          new FieldProblem(
              "deviceId",
              "equals the serial number; the device ID is the code printed next to the QR code"));
    }
    if (f.displayedDate() == null) {
      p.add(new FieldProblem("displayedDate", "is required (the date the recorder shows)"));
    }
    if (!f.hasInfoScreenPhoto()) {
      p.add(new FieldProblem("infoScreenPhoto", "a photo of the Info screen is required"));
    }
    if (!f.hasStickerPhoto()) {
      p.add(new FieldProblem("stickerPhoto", "a photo of the sticker is required"));
    }
    return p;
  }

  /**
   * Fills model, device ID, serial, firmware, start time and displayed date from an identity, with
   * the identity's provenance; fields the identity lacks are left as they are.
   *
   * @param b the builder
   * @param identity the identity
   */
  public static void fill(ResetRequest.Builder b, DeviceIdentity identity) {
    copy(identity, IdentityField.MODEL, b::model);
    copy(identity, IdentityField.DEVICE_ID, b::deviceId);
    copy(identity, IdentityField.SERIAL, b::serial);
    copy(identity, IdentityField.FIRMWARE, b::firmware);
    identity
        .value(IdentityField.START_TIME)
        .ifPresent(
            v -> {
              try {
                b.startTime(
                    LocalDateTime.parse(v),
                    identity.provenance(IdentityField.START_TIME).orElse(Provenance.TYPED));
              } catch (DateTimeParseException e) {
                // not a local date-time: left for the caller to set
              }
            });
    identity
        .deviceDateTime()
        .ifPresent(
            dt ->
                b.displayedDate(
                    dt.toLocalDate(),
                    identity.provenance(IdentityField.DEVICE_DATE_TIME).orElse(Provenance.TYPED)));
  }

  private static void copy(
      DeviceIdentity id, IdentityField f, BiConsumer<String, Provenance> setter) {
    id.value(f).ifPresent(v -> setter.accept(v, id.provenance(f).orElse(Provenance.TYPED)));
  }

  private static void requester(List<FieldProblem> p, Requester requester) {
    if (requester == null) {
      p.add(new FieldProblem("requester", "first name, last name and phone are required"));
      return;
    }
    name(p, "firstName", requester.firstName());
    name(p, "lastName", requester.lastName());
    String phone = requester.phone();
    String digits = phone == null ? "" : phone.replaceAll("[^0-9]", "");
    if (phone == null || phone.isEmpty()) {
      p.add(new FieldProblem("phone", "is required"));
    } else if (!phone.matches("[+0-9 ().\\-]+") || digits.length() < 7 || digits.length() > 15) {
      p.add(
          new FieldProblem(
              "phone", "must be 7 to 15 digits, optionally with + ( ) - . and spaces"));
    }
    requester
        .email()
        .filter(e -> !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))
        .ifPresent(e -> p.add(new FieldProblem("email", "is not an e-mail address")));
  }

  private static void name(List<FieldProblem> p, String field, String v) {
    if (v == null || v.isEmpty()) {
      p.add(new FieldProblem(field, "is required"));
    } else if (v.length() > 100 || v.chars().anyMatch(Character::isISOControl)) {
      p.add(new FieldProblem(field, "must be at most 100 characters without control characters"));
    }
  }

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
      p.add(new FieldProblem(field, "has no source; read it from the sticker or the Info screen"));
    }
  }
}
