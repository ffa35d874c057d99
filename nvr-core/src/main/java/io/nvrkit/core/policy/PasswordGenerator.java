package io.nvrkit.core.policy;

import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import java.util.Objects;

/**
 * Generates random passwords that satisfy a {@link PasswordPolicy}, from {@link
 * java.security.SecureRandom}, over a device-safe alphabet: letters, digits and symbols except
 * {@code : / @ ? # % & ; ' " \ < >} and space, which break RTSP URLs and vendor parsers.
 *
 * <pre>{@code
 * Secret pw = PasswordGenerator.forPolicy(PasswordPolicy.recommended()).generate();
 * }</pre>
 *
 * <p>Every password is checked against the whole policy before it is returned, except that no
 * zxcvbn strength estimate is made when the entropy of the random draw (a lower bound of about 6.3
 * bits per character over the full alphabet, 125 bits at the default length) alone earns the
 * policy's {@linkplain PasswordPolicy#minStrengthScore() minimum score}: the estimate could only
 * rediscover that, at about 0.7 ms a password.
 *
 * <p>Thread-safe.
 */
public final class PasswordGenerator {
  /** The symbols a generated password may contain. */
  public static final String SAFE_SYMBOLS = "!$()*+,-.=[]^_{}|~";

  /** The default length. */
  public static final int DEFAULT_LENGTH = 20;

  private final PasswordPolicy policy;
  private final int length;

  private PasswordGenerator(PasswordPolicy policy, int length) {
    this.policy = policy;
    this.length = length;
  }

  /**
   * A generator for {@code policy} with the default length (20, or the policy's bounds).
   *
   * @param policy the policy every password must satisfy
   * @return the generator
   */
  public static PasswordGenerator forPolicy(PasswordPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    int len = Math.max(policy.minLength(), Math.min(DEFAULT_LENGTH, policy.maxLength()));
    return new PasswordGenerator(policy, len);
  }

  /**
   * The same generator with another length.
   *
   * @param length within the policy's bounds
   * @return a new generator
   * @throws IllegalArgumentException if the length is outside the policy's bounds or too short for
   *     its required classes
   */
  public PasswordGenerator withLength(int length) {
    if (length < policy.minLength() || length > policy.maxLength() || length < 4) {
      int min = Math.max(4, policy.minLength());
      throw new IllegalArgumentException(
          "length "
              + length
              + " is outside the policy's bounds: "
              + (policy.maxLength() == Integer.MAX_VALUE
                  ? "at least " + min
                  : min + " to " + policy.maxLength()));
    }
    return new PasswordGenerator(policy, length);
  }

  /**
   * The length of generated passwords.
   *
   * @return the length
   */
  public int length() {
    return length;
  }

  /**
   * A new password satisfying the policy.
   *
   * @return the password
   */
  public Secret generate() {
    return generate(PersonalInfo.none());
  }

  /**
   * A new password satisfying the policy for this personal information.
   *
   * @param personal what it must not contain
   * @return the password
   * @throws IllegalStateException if no satisfying password was found (an impossible policy)
   */
  public Secret generate(PersonalInfo personal) {
    return io.nvrkit.core.internal.policy.Generation.generate(policy, length, personal);
  }
}
