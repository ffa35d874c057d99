package io.nvrkit.core;

import java.util.Objects;

/**
 * A user name and its password.
 *
 * <p>{@code toString()} shows the user name only. Immutable and thread-safe; the {@link Secret} it
 * holds is shared, not copied, so destroying it invalidates these credentials.
 */
public final class Credentials {
  private final String user;
  private final Secret secret;

  private Credentials(String user, Secret secret) {
    this.user = user;
    this.secret = secret;
  }

  /**
   * Credentials for {@code user}.
   *
   * @param user the account name; not blank
   * @param secret its password
   * @return the credentials
   * @throws IllegalArgumentException if {@code user} is blank or has control characters
   * @throws NullPointerException if an argument is null
   */
  public static Credentials of(String user, Secret secret) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(secret, "secret");
    if (user.isBlank()) {
      throw new IllegalArgumentException("user name must not be blank");
    }
    for (int i = 0; i < user.length(); i++) {
      if (Character.isISOControl(user.charAt(i))) {
        throw new IllegalArgumentException("user name must not contain control characters");
      }
    }
    return new Credentials(user, secret);
  }

  /**
   * The account name.
   *
   * @return the user name
   */
  public String user() {
    return user;
  }

  /**
   * The password.
   *
   * @return the secret (shared, not a copy)
   */
  public Secret secret() {
    return secret;
  }

  /**
   * The same user with another password.
   *
   * @param newSecret the password
   * @return new credentials
   */
  public Credentials withSecret(Secret newSecret) {
    return of(user, newSecret);
  }

  @Override
  public String toString() {
    return "Credentials[user=" + user + ", secret=***]";
  }
}
