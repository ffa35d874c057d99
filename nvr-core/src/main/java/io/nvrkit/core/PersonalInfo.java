package io.nvrkit.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a password must not contain: the owner's names, user name, phone, birth dates, and the
 * device's serial, device ID and model. A {@link io.nvrkit.core.policy.PasswordPolicy} searches for
 * each of these case-insensitively, reversed and with common substitutions.
 *
 * <p>This is not secret, but it is personal: {@code toString()} shows counts only. Immutable and
 * thread-safe.
 */
public final class PersonalInfo {
  private static final PersonalInfo NONE = builder().build();

  private final List<String> names;
  private final String userName;
  private final String phone;
  private final List<LocalDate> birthDates;
  private final String serial;
  private final String deviceId;
  private final String model;
  private final List<String> otherWords;

  private PersonalInfo(Builder b) {
    this.names = List.copyOf(b.names);
    this.userName = b.userName;
    this.phone = b.phone;
    this.birthDates = List.copyOf(b.birthDates);
    this.serial = b.serial;
    this.deviceId = b.deviceId;
    this.model = b.model;
    this.otherWords = List.copyOf(b.otherWords);
  }

  /**
   * Nothing known.
   *
   * @return an empty instance
   */
  public static PersonalInfo none() {
    return NONE;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder with this information, e.g. to add a device's identity.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.names.addAll(names);
    b.userName = userName;
    b.phone = phone;
    b.birthDates.addAll(birthDates);
    b.serial = serial;
    b.deviceId = deviceId;
    b.model = model;
    b.otherWords.addAll(otherWords);
    return b;
  }

  /**
   * Personal names (first, last, full).
   *
   * @return the names
   */
  public List<String> names() {
    return names;
  }

  /**
   * The account's user name, or null.
   *
   * @return the user name
   */
  public String userName() {
    return userName;
  }

  /**
   * The phone number as given, or null.
   *
   * @return the phone
   */
  public String phone() {
    return phone;
  }

  /**
   * Birth dates.
   *
   * @return the dates
   */
  public List<LocalDate> birthDates() {
    return birthDates;
  }

  /**
   * The device serial number, or null.
   *
   * @return the serial
   */
  public String serial() {
    return serial;
  }

  /**
   * The device ID, or null.
   *
   * @return the device ID
   */
  public String deviceId() {
    return deviceId;
  }

  /**
   * The device model, or null.
   *
   * @return the model
   */
  public String model() {
    return model;
  }

  /**
   * Further context words (site name, company, vendor).
   *
   * @return the words
   */
  public List<String> otherWords() {
    return otherWords;
  }

  @Override
  public String toString() {
    return "PersonalInfo[names="
        + names.size()
        + ", birthDates="
        + birthDates.size()
        + ", userName="
        + (userName != null)
        + ", phone="
        + (phone != null)
        + ", device="
        + (serial != null || deviceId != null || model != null)
        + "]";
  }

  /** Builds {@link PersonalInfo}. Not thread-safe. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final List<LocalDate> birthDates = new ArrayList<>();
    private final List<String> otherWords = new ArrayList<>();
    private String userName;
    private String phone;
    private String serial;
    private String deviceId;
    private String model;

    private Builder() {}

    /**
     * Adds a personal name; a full name is also split into its parts. Blank values are ignored.
     *
     * @param name a first, last or full name
     * @return this builder
     */
    public Builder name(String name) {
      if (name != null && !name.isBlank()) {
        names.add(name.trim());
      }
      return this;
    }

    /**
     * Sets the user name.
     *
     * @param user the user name, or null
     * @return this builder
     */
    public Builder userName(String user) {
      this.userName = user;
      return this;
    }

    /**
     * Sets the phone number (any formatting; only its digits are compared).
     *
     * @param phone the phone, or null
     * @return this builder
     */
    public Builder phone(String phone) {
      this.phone = phone;
      return this;
    }

    /**
     * Adds a birth date.
     *
     * @param date the date
     * @return this builder
     */
    public Builder birthDate(LocalDate date) {
      birthDates.add(Objects.requireNonNull(date, "date"));
      return this;
    }

    /**
     * Sets the serial number.
     *
     * @param serial the serial, or null
     * @return this builder
     */
    public Builder serial(String serial) {
      this.serial = serial;
      return this;
    }

    /**
     * Sets the device ID.
     *
     * @param deviceId the device ID, or null
     * @return this builder
     */
    public Builder deviceId(String deviceId) {
      this.deviceId = deviceId;
      return this;
    }

    /**
     * Sets the model.
     *
     * @param model the model, or null
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Adds a context word that must not appear.
     *
     * @param word the word; blank ignored
     * @return this builder
     */
    public Builder otherWord(String word) {
      if (word != null && !word.isBlank()) {
        otherWords.add(word.trim());
      }
      return this;
    }

    /**
     * Copies serial, device ID and model from a device identity (where known).
     *
     * @param identity the identity
     * @return this builder
     */
    public Builder device(DeviceIdentity identity) {
      identity.serial().ifPresent(this::serial);
      identity.deviceId().ifPresent(this::deviceId);
      identity.model().ifPresent(this::model);
      return this;
    }

    /**
     * Builds the value.
     *
     * @return the personal information
     */
    public PersonalInfo build() {
      return new PersonalInfo(this);
    }
  }
}
