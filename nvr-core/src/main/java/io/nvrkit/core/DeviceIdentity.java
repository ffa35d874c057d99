package io.nvrkit.core;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a device is: vendor, model, device ID, serial, firmware, MAC, the date-time it displays and
 * its zone, and the measured clock skew; each field with its {@link Provenance}.
 *
 * <p>Identities from several sources are combined with {@link #merge(DeviceIdentity)}: per field,
 * the value from the more trusted source is kept and any disagreement is listed in {@link
 * #conflicts()}. A field the device cannot expose is marked {@link
 * Provenance#NOT_READABLE_FROM_DEVICE} so a person knows to read it off the sticker or the Info
 * screen.
 *
 * <pre>{@code
 * DeviceIdentity id = client.identity();
 * String model = id.model().orElse("?");
 * Provenance from = id.provenance(IdentityField.MODEL).orElseThrow();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class DeviceIdentity {
  private static final DeviceIdentity EMPTY = builder().build();

  private final Map<IdentityField, Entry> fields;
  private final Duration clockSkew;
  private final List<IdentityConflict> conflicts;

  private record Entry(String value, Provenance provenance) {}

  private DeviceIdentity(
      Map<IdentityField, Entry> fields, Duration clockSkew, List<IdentityConflict> conflicts) {
    this.fields = Collections.unmodifiableMap(new EnumMap<>(fields));
    this.clockSkew = clockSkew;
    this.conflicts = List.copyOf(conflicts);
  }

  /**
   * An identity with no fields.
   *
   * @return the empty identity
   */
  public static DeviceIdentity empty() {
    return EMPTY;
  }

  /**
   * A builder for an identity.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this identity's fields.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.fields.putAll(fields.isEmpty() ? new EnumMap<>(IdentityField.class) : new EnumMap<>(fields));
    b.clockSkew = clockSkew;
    b.conflicts.addAll(conflicts);
    return b;
  }

  /**
   * The value of {@code field}.
   *
   * @param field the field
   * @return its value, if known
   */
  public Optional<String> value(IdentityField field) {
    Entry e = fields.get(field);
    return e == null ? Optional.empty() : Optional.ofNullable(e.value());
  }

  /**
   * Where {@code field} came from; {@link Provenance#NOT_READABLE_FROM_DEVICE} for a field a person
   * must supply.
   *
   * @param field the field
   * @return its provenance, if the field is known or marked
   */
  public Optional<Provenance> provenance(IdentityField field) {
    Entry e = fields.get(field);
    return e == null ? Optional.empty() : Optional.of(e.provenance());
  }

  /**
   * The fields that have a value or a provenance, in declaration order.
   *
   * @return the known fields
   */
  public List<IdentityField> fields() {
    return List.copyOf(fields.keySet());
  }

  /**
   * The vendor.
   *
   * @return the vendor, if known
   */
  public Optional<String> vendor() {
    return value(IdentityField.VENDOR);
  }

  /**
   * The model number.
   *
   * @return the model, if known
   */
  public Optional<String> model() {
    return value(IdentityField.MODEL);
  }

  /**
   * The device ID (not the serial number).
   *
   * @return the device ID, if known
   */
  public Optional<String> deviceId() {
    return value(IdentityField.DEVICE_ID);
  }

  /**
   * The serial number.
   *
   * @return the serial, if known
   */
  public Optional<String> serial() {
    return value(IdentityField.SERIAL);
  }

  /**
   * The firmware version.
   *
   * @return the firmware, if known
   */
  public Optional<String> firmware() {
    return value(IdentityField.FIRMWARE);
  }

  /**
   * The MAC address.
   *
   * @return the MAC, lower case with colons, if known
   */
  public Optional<String> mac() {
    return value(IdentityField.MAC);
  }

  /**
   * The date and time the device displays (its local time).
   *
   * @return the displayed date-time, if known
   */
  public Optional<LocalDateTime> deviceDateTime() {
    return value(IdentityField.DEVICE_DATE_TIME).map(LocalDateTime::parse);
  }

  /**
   * The device's configured time zone.
   *
   * @return the zone, if known and parseable
   */
  public Optional<ZoneId> deviceZone() {
    try {
      return value(IdentityField.DEVICE_ZONE).map(ZoneId::of);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Device clock minus local clock, measured when the identity was read.
   *
   * @return the skew, if measured
   */
  public Optional<Duration> clockSkew() {
    return Optional.ofNullable(clockSkew);
  }

  /**
   * Disagreements found while merging sources.
   *
   * @return the conflicts, possibly empty
   */
  public List<IdentityConflict> conflicts() {
    return conflicts;
  }

  /**
   * Combines this identity with {@code other}. Per field the value from the more trusted provenance
   * (authenticated network, pre-auth network, Info screen, sticker, typed) wins; on a tie this
   * identity wins. Differing values (ignoring case and surrounding blanks) become {@link
   * IdentityConflict}s.
   *
   * @param other another identity of the same device
   * @return the merged identity
   */
  public DeviceIdentity merge(DeviceIdentity other) {
    Objects.requireNonNull(other, "other");
    Builder b = toBuilder();
    b.conflicts.addAll(other.conflicts);
    for (Map.Entry<IdentityField, Entry> e : other.fields.entrySet()) {
      IdentityField f = e.getKey();
      Entry theirs = e.getValue();
      Entry mine = b.fields.get(f);
      if (mine == null || (mine.value() == null && theirs.value() != null)) {
        b.fields.put(f, theirs);
        continue;
      }
      if (theirs.value() == null) {
        continue;
      }
      boolean differ = !normal(mine.value()).equals(normal(theirs.value()));
      boolean theirsBetter = rank(theirs.provenance()) < rank(mine.provenance());
      Entry kept = theirsBetter ? theirs : mine;
      Entry lost = theirsBetter ? mine : theirs;
      b.fields.put(f, kept);
      if (differ && f != IdentityField.DEVICE_DATE_TIME) {
        b.conflicts.add(
            new IdentityConflict(
                f, kept.value(), kept.provenance(), lost.value(), lost.provenance()));
      }
    }
    if (b.clockSkew == null) {
      b.clockSkew = other.clockSkew;
    }
    return b.build();
  }

  private static String normal(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  private static int rank(Provenance p) {
    return p.ordinal();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeviceIdentity
        && fields.equals(((DeviceIdentity) other).fields)
        && Objects.equals(clockSkew, ((DeviceIdentity) other).clockSkew)
        && conflicts.equals(((DeviceIdentity) other).conflicts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(fields, clockSkew, conflicts);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DeviceIdentity[");
    String sep = "";
    for (Map.Entry<IdentityField, Entry> e : fields.entrySet()) {
      sb.append(sep)
          .append(e.getKey().name().toLowerCase(Locale.ROOT))
          .append('=')
          .append(e.getValue().value() == null ? "?" : e.getValue().value())
          .append(" (")
          .append(e.getValue().provenance())
          .append(')');
      sep = ", ";
    }
    if (clockSkew != null) {
      sb.append(sep).append("clockSkew=").append(clockSkew);
    }
    return sb.append(']').toString();
  }

  /** Builds a {@link DeviceIdentity}. Not thread-safe. */
  public static final class Builder {
    private final Map<IdentityField, Entry> fields = new EnumMap<>(IdentityField.class);
    private final List<IdentityConflict> conflicts = new ArrayList<>();
    private Duration clockSkew;

    private Builder() {}

    /**
     * Sets a field; a null or blank value is ignored.
     *
     * @param field the field
     * @param value its value
     * @param provenance where it came from; not {@link Provenance#NOT_READABLE_FROM_DEVICE}
     * @return this builder
     */
    public Builder set(IdentityField field, String value, Provenance provenance) {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(provenance, "provenance");
      if (provenance == Provenance.NOT_READABLE_FROM_DEVICE) {
        throw new IllegalArgumentException("use notReadable(field) for fields without a value");
      }
      if (value != null && !value.isBlank()) {
        fields.put(field, new Entry(value.trim(), provenance));
      }
      return this;
    }

    /**
     * Sets the displayed date-time.
     *
     * @param dateTime the device's local date-time
     * @param provenance where it came from
     * @return this builder
     */
    public Builder deviceDateTime(LocalDateTime dateTime, Provenance provenance) {
      return set(
          IdentityField.DEVICE_DATE_TIME,
          dateTime == null ? null : dateTime.toString(),
          provenance);
    }

    /**
     * Marks {@code field} as not readable from the device, to be taken from the sticker or the Info
     * screen. Ignored if the field already has a value.
     *
     * @param field the field
     * @return this builder
     */
    public Builder notReadable(IdentityField field) {
      fields.putIfAbsent(field, new Entry(null, Provenance.NOT_READABLE_FROM_DEVICE));
      return this;
    }

    /**
     * Sets the measured clock skew (device minus local).
     *
     * @param skew the skew, or null
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = skew;
      return this;
    }

    /**
     * Builds the identity.
     *
     * @return the identity
     */
    public DeviceIdentity build() {
      return new DeviceIdentity(fields, clockSkew, conflicts);
    }
  }
}
