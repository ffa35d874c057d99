package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.PersonalInfo;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** What a password must not contain, as options; a mixin. */
public final class PersonalOptions {
  @Option(names = "--user", paramLabel = "USER", description = "The account's user name.")
  String user;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "A person's name, e.g. \"Jane Doe\" (repeatable).")
  List<String> names = new ArrayList<>();

  @Option(
      names = "--birth-date",
      paramLabel = "YYYY-MM-DD",
      converter = DateConverter.class,
      description = "A birth date (repeatable).")
  List<LocalDate> birthDates = new ArrayList<>();

  @Option(names = "--phone", paramLabel = "PHONE", description = "A phone number.")
  String phone;

  @Option(names = "--serial", paramLabel = "SERIAL", description = "The device serial number.")
  String serial;

  @Option(names = "--device-id", paramLabel = "ID", description = "The device ID.")
  String deviceId;

  @Option(names = "--model", paramLabel = "MODEL", description = "The device model.")
  String model;

  @Option(
      names = "--word",
      paramLabel = "WORD",
      description = "Another word the password must not contain (site, company; repeatable).")
  List<String> words = new ArrayList<>();

  /**
   * The personal information given.
   *
   * @return the value
   */
  public PersonalInfo toPersonalInfo() {
    PersonalInfo.Builder b = PersonalInfo.builder();
    names.forEach(b::name);
    birthDates.forEach(b::birthDate);
    words.forEach(b::otherWord);
    return b.userName(user).phone(phone).serial(serial).deviceId(deviceId).model(model).build();
  }

  /** Parses {@code YYYY-MM-DD} with a clear message. */
  public static final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.trim());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date in the form YYYY-MM-DD");
      }
    }
  }
}
