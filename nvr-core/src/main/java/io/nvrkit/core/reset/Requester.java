package io.nvrkit.core.reset;

import java.util.Objects;
import java.util.Optional;

/**
 * The owner asking the vendor for a temporary password: first and last name, phone, and an optional
 * e-mail. Personal data: {@code toString()} shows the names only. Immutable.
 */
public final class Requester {
  private final String firstName;
  private final String lastName;
  private final String phone;
  private final String email;

  private Requester(String firstName, String lastName, String phone, String email) {
    this.firstName = firstName;
    this.lastName = lastName;
    this.phone = phone;
    this.email = email;
  }

  /**
   * A requester; values are trimmed and validated by {@link ResetRequest.Builder#build()}.
   *
   * @param firstName first name
   * @param lastName last name
   * @param phone phone number
   * @return the requester
   */
  public static Requester of(String firstName, String lastName, String phone) {
    return new Requester(trim(firstName), trim(lastName), trim(phone), null);
  }

  /**
   * The same requester with an e-mail address.
   *
   * @param email the address, or null
   * @return a new requester
   */
  public Requester withEmail(String email) {
    return new Requester(firstName, lastName, phone, trim(email));
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }

  /**
   * First name.
   *
   * @return the first name (may be null or blank before validation)
   */
  public String firstName() {
    return firstName;
  }

  /**
   * Last name.
   *
   * @return the last name (may be null or blank before validation)
   */
  public String lastName() {
    return lastName;
  }

  /**
   * Phone number as given.
   *
   * @return the phone (may be null or blank before validation)
   */
  public String phone() {
    return phone;
  }

  /**
   * E-mail address.
   *
   * @return the e-mail, if given
   */
  public Optional<String> email() {
    return Optional.ofNullable(email).filter(e -> !e.isEmpty());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Requester
        && Objects.equals(firstName, ((Requester) other).firstName)
        && Objects.equals(lastName, ((Requester) other).lastName)
        && Objects.equals(phone, ((Requester) other).phone)
        && Objects.equals(email, ((Requester) other).email);
  }

  @Override
  public int hashCode() {
    return Objects.hash(firstName, lastName, phone, email);
  }

  @Override
  public String toString() {
    return "Requester[" + firstName + " " + lastName + "]";
  }
}
