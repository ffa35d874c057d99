package io.nvrkit.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A password or other secret, held as a {@code char[]} that can be wiped.
 *
 * <p>A {@code Secret} never shows its content: {@link #toString()} returns {@code Secret[***]}, it
 * is not {@link java.io.Serializable}, and {@link #equals(Object)} compares in constant time. The
 * library reads the characters only where it must (to hash or send them) and wipes its own copies
 * afterwards; {@link #destroy()} zeroes the array, after which every read throws {@link
 * IllegalStateException}.
 *
 * <pre>{@code
 * try (var pw = Secret.of(console.readPassword())) { ... }   // wiped on close
 * }</pre>
 *
 * <p>Thread-safety: reads are safe from several threads; {@link #destroy()} must not race with a
 * read.
 */
public final class Secret implements Destroyable, AutoCloseable {
  private final char[] chars;
  private volatile boolean destroyed;

  private Secret(char[] chars) {
    this.chars = chars;
  }

  /**
   * A secret holding a copy of {@code chars}; the caller may (and should) wipe its own array.
   *
   * @param chars the characters; copied
   * @return the secret
   * @throws NullPointerException if {@code chars} is null
   */
  public static Secret of(char[] chars) {
    return new Secret(Objects.requireNonNull(chars, "chars").clone());
  }

  /**
   * A secret holding the characters of {@code value}. Strings cannot be wiped, so prefer {@link
   * #of(char[])} outside tests and configuration code.
   *
   * @param value the characters
   * @return the secret
   * @throws NullPointerException if {@code value} is null
   */
  public static Secret of(CharSequence value) {
    Objects.requireNonNull(value, "value");
    char[] c = new char[value.length()];
    for (int i = 0; i < c.length; i++) {
      c[i] = value.charAt(i);
    }
    return new Secret(c);
  }

  /**
   * Takes ownership of {@code chars} without copying: the array becomes this secret's storage and
   * is wiped by {@link #destroy()}.
   *
   * @param chars the characters; not copied
   * @return the secret
   */
  public static Secret wrap(char[] chars) {
    return new Secret(Objects.requireNonNull(chars, "chars"));
  }

  /**
   * The number of UTF-16 chars.
   *
   * @return the length
   * @throws IllegalStateException if destroyed
   */
  public int length() {
    check();
    return chars.length;
  }

  /**
   * A copy of the characters. The caller owns the copy and should wipe it ({@code Arrays.fill(c,
   * '\0')}) as soon as it is done.
   *
   * @return a fresh copy
   * @throws IllegalStateException if destroyed
   */
  public char[] copyChars() {
    check();
    return chars.clone();
  }

  /**
   * A read-only view of the characters without a copy; valid until {@link #destroy()}.
   *
   * @return a read-only buffer over the secret
   * @throws IllegalStateException if destroyed
   */
  public CharSequence view() {
    check();
    return CharBuffer.wrap(chars).asReadOnlyBuffer();
  }

  /**
   * The UTF-8 encoding in a fresh array the caller must wipe.
   *
   * @return the UTF-8 bytes
   * @throws IllegalStateException if destroyed
   */
  public byte[] utf8() {
    check();
    ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] out = new byte[bb.remaining()];
    bb.get(out);
    if (bb.hasArray()) {
      Arrays.fill(bb.array(), (byte) 0);
    }
    return out;
  }

  /**
   * Whether this secret contains {@code character}.
   *
   * @param character the character
   * @return true if present
   */
  public boolean contains(char character) {
    check();
    for (char x : chars) {
      if (x == character) {
        return true;
      }
    }
    return false;
  }

  /** Zeroes the characters; further reads throw {@link IllegalStateException}. Idempotent. */
  @Override
  public void destroy() {
    Arrays.fill(chars, '\0');
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Same as {@link #destroy()}, so a secret can be used in try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  /**
   * Constant-time comparison of the contents (its time depends only on the lengths).
   *
   * @param other another object
   * @return true if {@code other} is a secret with the same characters; false if either is
   *     destroyed
   */
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof Secret) || destroyed || ((Secret) other).destroyed) {
      return false;
    }
    byte[] a = utf8();
    byte[] b = ((Secret) other).utf8();
    try {
      return MessageDigest.isEqual(a, b);
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /** A constant, so that hashing never leaks anything about the content. */
  @Override
  public int hashCode() {
    return 0x5EC12E7;
  }

  /** Always {@code Secret[***]}. */
  @Override
  public String toString() {
    return "Secret[***]";
  }

  private void check() {
    if (destroyed) {
      throw new IllegalStateException("secret has been destroyed");
    }
  }
}
