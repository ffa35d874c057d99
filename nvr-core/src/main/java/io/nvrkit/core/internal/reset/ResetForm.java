package io.nvrkit.core.internal.reset;

import io.nvrkit.core.Provenance;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.ResetRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a reset request in the order of the vendor's web form (first name, last name,
 * phone, e-mail, model number, device ID, serial number, date on the recorder; then the photos),
 * with the wire names of {@code docs/reset-desk-protocol.md}. Shared by the package and HTTP
 * channels so both carry exactly the same fields.
 */
public final class ResetForm {
  private ResetForm() {}

  /**
   * One text field of the form.
   *
   * @param name wire name, e.g. {@code deviceId}
   * @param label label on the vendor's form, e.g. {@code Device ID}
   * @param value the value; empty string when an optional field is absent
   * @param provenance where the value came from ({@code TYPED} for the requester's own data)
   * @param sourceField wire name of the field carrying the provenance, or null when the protocol
   *     has none (requester fields)
   */
  public record Field(
      String name, String label, String value, Provenance provenance, String sourceField) {}

  /** How the start time travels: {@code YYYY-MM-DD HH:MM:SS}, device-local. */
  public static final java.time.format.DateTimeFormatter START_TIME =
      java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", java.util.Locale.ROOT);

  /** Wire name of the vendor part. */
  public static final String VENDOR = "vendor";

  /**
   * The text fields in web-form order.
   *
   * @param r the request
   * @return the fields
   */
  public static List<Field> fields(ResetRequest r) {
    List<Field> f = new ArrayList<>();
    f.add(new Field("firstName", "First name", r.requester().firstName(), Provenance.TYPED, null));
    f.add(new Field("lastName", "Last name", r.requester().lastName(), Provenance.TYPED, null));
    f.add(new Field("phone", "Phone number", r.requester().phone(), Provenance.TYPED, null));
    f.add(new Field("email", "E-mail", r.requester().email().orElse(""), Provenance.TYPED, null));
    f.add(sourced("model", "Model number", r.model()));
    r.deviceId().ifPresent(d -> f.add(sourced("deviceId", "Device ID", d)));
    f.add(sourced("serial", "Serial number", r.serial()));
    r.firmware().ifPresent(fw -> f.add(sourced("firmware", "Firmware version", fw)));
    r.startTime()
        .ifPresent(
            st ->
                f.add(
                    new Field(
                        "startTime",
                        "Device start time",
                        START_TIME.format(st),
                        r.startTimeProvenance().orElse(Provenance.TYPED),
                        "startTimeSource")));
    f.add(
        new Field(
            "displayedDate",
            "Date shown on the recorder",
            r.displayedDate().toString(),
            r.displayedDateProvenance(),
            "displayedDateSource"));
    return f;
  }

  private static Field sourced(String name, String label, ResetRequest.Sourced s) {
    return new Field(name, label, s.value(), s.provenance(), name + "Source");
  }

  /**
   * The photos in web-form order (Info screen, then sticker).
   *
   * @param r the request
   * @return the photos
   */
  public static List<EvidencePhoto> photos(ResetRequest r) {
    return List.of(r.infoScreenPhoto(), r.stickerPhoto());
  }

  /**
   * A person's description of a provenance, for summaries.
   *
   * @param p the provenance
   * @return e.g. {@code read from the sticker}
   */
  public static String describe(Provenance p) {
    switch (p) {
      case NETWORK_AUTHENTICATED:
        return "read from the recorder over the network (logged in)";
      case NETWORK_PRE_AUTH:
        return "read from the recorder over the network (before login)";
      case INFO_SCREEN:
        return "read from the recorder's Info screen";
      case STICKER:
        return "read from the sticker";
      case TYPED:
        return "typed";
      default:
        return "not readable from the recorder";
    }
  }
}
