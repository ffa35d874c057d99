package io.nvrkit.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void toStringNeverShowsTheContent() {
    Secret s = Secret.of("canary-Pw-1");
    assertEquals("Secret[***]", s.toString());
    assertEquals("Secret[***]", String.valueOf(s));
    assertFalse(("" + s).contains("canary"));
  }

  @Test
  void equalsComparesContentAndHashCodeRevealsNothing() {
    assertEquals(Secret.of("abc"), Secret.of(new char[] {'a', 'b', 'c'}));
    assertNotEquals(Secret.of("abc"), Secret.of("abd"));
    assertNotEquals(Secret.of("abc"), Secret.of("abcd"));
    assertNotEquals(Secret.of("abc"), "abc");
    assertEquals(Secret.of("abc").hashCode(), Secret.of("something else").hashCode());
  }

  @Test
  void ofCopiesTheCallersArrayAndWrapTakesIt() {
    char[] mine = "secret".toCharArray();
    Secret copied = Secret.of(mine);
    java.util.Arrays.fill(mine, '\0');
    assertEquals(Secret.of("secret"), copied);

    char[] owned = "secret".toCharArray();
    Secret wrapped = Secret.wrap(owned);
    wrapped.destroy();
    assertArrayEquals(new char[6], owned, "destroy wipes the wrapped array");
  }

  @Test
  void copiesAreIndependent() {
    Secret s = Secret.of("secret");
    char[] c = s.copyChars();
    c[0] = 'X';
    assertEquals(Secret.of("secret"), s);
    assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), s.utf8());
    assertEquals("s\u00e9", new String(Secret.of("s\u00e9").utf8(), StandardCharsets.UTF_8));
  }

  @Test
  void viewIsReadOnly() {
    CharSequence v = Secret.of("secret").view();
    assertEquals(6, v.length());
    assertThrows(
        java.nio.ReadOnlyBufferException.class, () -> ((java.nio.CharBuffer) v).put(0, 'x'));
  }

  @Test
  void destroyWipesAndLaterReadsFail() {
    Secret s = Secret.of("secret");
    assertFalse(s.isDestroyed());
    s.close();
    assertTrue(s.isDestroyed());
    s.destroy(); // idempotent
    assertThrows(IllegalStateException.class, s::length);
    assertThrows(IllegalStateException.class, s::copyChars);
    assertThrows(IllegalStateException.class, s::view);
    assertThrows(IllegalStateException.class, s::utf8);
    assertThrows(IllegalStateException.class, () -> s.contains('s'));
    assertEquals("Secret[***]", s.toString());
    IllegalStateException e = assertThrows(IllegalStateException.class, s::length);
    assertFalse(e.getMessage().contains("secret\0"));
  }

  @Test
  void isNotSerializable() throws Exception {
    assertFalse(Serializable.class.isAssignableFrom(Secret.class));
    assertFalse(Serializable.class.isAssignableFrom(Credentials.class));
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      assertThrows(NotSerializableException.class, () -> out.writeObject(Secret.of("x")));
    }
  }

  @Test
  void containsFindsACharacter() {
    assertTrue(Secret.of("a&b").contains('&'));
    assertFalse(Secret.of("ab").contains('&'));
  }
}
