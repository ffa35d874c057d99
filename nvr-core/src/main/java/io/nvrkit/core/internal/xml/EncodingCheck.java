package io.nvrkit.core.internal.xml;

import io.nvrkit.core.spi.SafeXml.InvalidEncodingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before the JDK's XML reader sees them, the bytes its own decoders would report: for a
 * document that is not valid in the encoding it is read in, the JDK prints a {@code [Fatal Error]}
 * line on standard error before it throws, and a library must not write there because a device sent
 * bad bytes. The encoding is found as the JDK finds it (XML 1.0 appendix F: the first four bytes,
 * then the XML declaration): UTF-8 (the default, with or without a byte-order mark or a declaration
 * saying so) must decode strictly; UTF-16 (by its first bytes) must have an even length; a declared
 * US-ASCII must have no byte above 0x7F. Every other encoding is read by a decoder that does not
 * print and is left to the reader. Bytes of the declaration itself are read as UTF-8 by the JDK
 * before it switches, so a declaration that is not plain ASCII makes the whole document checked as
 * UTF-8.
 *
 * <p>One pass over the bytes, no decoding into chars and no allocation (except a charset look-up
 * for a declared encoding other than UTF-8). Stateless and thread-safe.
 */
final class EncodingCheck {
  private static final int MAX_DECLARATION = 1024;

  /** Reads eight bytes at once (ASCII runs are most of a document). */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long HIGH_BITS = 0x8080808080808080L;

  private EncodingCheck() {}

  /**
   * Checks the document's bytes against the encoding the JDK reader will read it in.
   *
   * @param b the document
   * @throws InvalidEncodingException naming the encoding ({@code "document is not valid UTF-8"}),
   *     never quoting content
   */
  static void check(byte[] b) throws InvalidEncodingException {
    int n = b.length;
    if (n >= 2 && ((u(b, 0) == 0xFE && u(b, 1) == 0xFF) || (u(b, 0) == 0xFF && u(b, 1) == 0xFE))) {
      utf16(b, 2, u(b, 0) == 0xFE);
      return;
    }
    if (n >= 4) {
      int first4 = u(b, 0) << 24 | u(b, 1) << 16 | u(b, 2) << 8 | u(b, 3);
      switch (first4) {
        case 0x003C003F, 0x3C003F00 -> {
          utf16(b, 0, first4 == 0x003C003F);
          return;
        }
        case 0x0000003C, 0x3C000000, 0x00003C00, 0x003C0000, 0x4C6FA794 -> {
          return; // UCS-4 or EBCDIC: decoders that do not print
        }
        default -> {
          // UTF-8 by default
        }
      }
    }
    int start = n >= 3 && u(b, 0) == 0xEF && u(b, 1) == 0xBB && u(b, 2) == 0xBF ? 3 : 0;
    int declEnd = declarationEnd(b, start);
    if (declEnd > 0) {
      int value = encodingValue(b, start, declEnd);
      // the JDK switches to a declared encoding only for a declaration that starts with its
      // version and names a charset it has; otherwise it goes on reading UTF-8
      Charset declared =
          value > 0 && !isUtf8Name(b, value) && startsWithVersion(b, start)
              ? declared(b, value)
              : null;
      if (declared != null) {
        if (declared.equals(StandardCharsets.US_ASCII)) {
          noByteAbove7F(b, declEnd);
        }
        return; // another declared encoding: its decoder does not print
      }
    }
    if (!validUtf8(b, start)) {
      throw new InvalidEncodingException("document is not valid UTF-8");
    }
  }

  private static int u(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  /**
   * A UTF-16 document (by its byte-order mark or first bytes; its units from {@code from}): an even
   * length, and if its declaration names US-ASCII (the JDK then reads the raw bytes with its ASCII
   * reader), no byte above 0x7F.
   */
  private static void utf16(byte[] b, int from, boolean bigEndian) throws InvalidEncodingException {
    if ((b.length & 1) != 0) {
      throw new InvalidEncodingException("document is not valid UTF-16 (odd number of bytes)");
    }
    // the declaration's ASCII characters, one per unit, up to the first unit that is not ASCII
    int units = Math.min((b.length - from) / 2, MAX_DECLARATION);
    byte[] ascii = new byte[units];
    int k = 0;
    for (; k < units; k++) {
      int hi = u(b, from + 2 * k + (bigEndian ? 0 : 1));
      int lo = u(b, from + 2 * k + (bigEndian ? 1 : 0));
      if (hi != 0 || lo > 0x7F) {
        break;
      }
      ascii[k] = (byte) lo;
    }
    byte[] head = k == units ? ascii : java.util.Arrays.copyOf(ascii, k);
    int declEnd = declarationEnd(head, 0);
    int value = declEnd > 0 ? encodingValue(head, 0, declEnd) : -1;
    if (value > 0
        && startsWithVersion(head, 0)
        && StandardCharsets.US_ASCII.equals(declared(head, value))) {
      noByteAbove7F(b, 0);
    }
  }

  private static void noByteAbove7F(byte[] b, int from) throws InvalidEncodingException {
    for (int i = from; i < b.length; i++) {
      if (b[i] < 0) {
        throw new InvalidEncodingException("document is not valid US-ASCII");
      }
    }
  }

  /** Whether the declaration at {@code start} has {@code version} as its first attribute. */
  private static boolean startsWithVersion(byte[] b, int start) {
    int i = start + 5;
    while (i < b.length && isSpace(b[i])) {
      i++;
    }
    return matches(b, i, "version");
  }

  /**
   * Where an XML declaration at {@code start} ends (the index after its {@code ?>}, found outside
   * quoted values as the JDK reads it), or -1 if there is none or it is not plain ASCII.
   */
  private static int declarationEnd(byte[] b, int start) {
    int n = b.length;
    if (n - start < 6
        || b[start] != '<'
        || b[start + 1] != '?'
        || b[start + 2] != 'x'
        || b[start + 3] != 'm'
        || b[start + 4] != 'l'
        || !isSpace(b[start + 5])) {
      return -1;
    }
    int limit = Math.min(n, start + MAX_DECLARATION);
    byte quote = 0;
    for (int i = start + 6; i < limit; i++) {
      byte c = b[i];
      if (c < 0) {
        return -1;
      }
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '?' && i + 1 < n && b[i + 1] == '>') {
        return i + 2;
      }
    }
    return -1;
  }

  /**
   * The index of the first byte of the declaration's {@code encoding} value (its closing quote
   * known to be there), or -1 if it declares none.
   */
  private static int encodingValue(byte[] b, int start, int declEnd) {
    byte quote = 0;
    for (int i = start + 5; i < declEnd - 2; i++) {
      byte c = b[i];
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        continue;
      }
      if (isSpace(b[i - 1]) && matches(b, i, "encoding")) {
        int j = i + 8;
        while (j < declEnd && isSpace(b[j])) {
          j++;
        }
        if (j >= declEnd || b[j] != '=') {
          return -1;
        }
        j++;
        while (j < declEnd && isSpace(b[j])) {
          j++;
        }
        if (j >= declEnd || (b[j] != '"' && b[j] != '\'')) {
          return -1;
        }
        return j + 1;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] b, int at, String ascii) {
    if (at + ascii.length() > b.length) {
      return false;
    }
    for (int k = 0; k < ascii.length(); k++) {
      if (b[at + k] != ascii.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf8Name(byte[] b, int value) {
    String name = "UTF-8";
    for (int k = 0; k < name.length(); k++) {
      if (value + k >= b.length || Character.toUpperCase(b[value + k]) != name.charAt(k)) {
        return false;
      }
    }
    return value + 5 < b.length && (b[value + 5] == '"' || b[value + 5] == '\'');
  }

  /** The charset the declared name (up to its closing quote) names, or null if the JDK has none. */
  private static Charset declared(byte[] b, int value) {
    byte quote = b[value - 1];
    int end = value;
    while (end < b.length && b[end] != quote) {
      end++;
    }
    String name = new String(b, value, end - value, StandardCharsets.US_ASCII);
    try {
      return Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return null; // an unknown or illegal name: the JDK reads on as UTF-8
    }
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /**
   * Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF, no sequence
   * cut short; what the JDK's own UTF-8 decoder accepts.
   */
  static boolean validUtf8(byte[] b, int from) {
    int n = b.length;
    int i = from;
    while (i < n) {
      while (i + 8 <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8; // eight ASCII bytes
      }
      if (i >= n) {
        break;
      }
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      if (c < 0xC2) {
        return false; // a continuation byte first, or an overlong two-byte form
      }
      if (c < 0xE0) {
        if (i + 1 >= n || !cont(b[i + 1])) {
          return false;
        }
        i += 2;
      } else if (c < 0xF0) {
        if (i + 2 >= n || !cont(b[i + 1]) || !cont(b[i + 2])) {
          return false;
        }
        int c1 = b[i + 1] & 0xFF;
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) {
          return false; // overlong, or a surrogate
        }
        i += 3;
      } else if (c < 0xF5) {
        if (i + 3 >= n || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
          return false;
        }
        int c1 = b[i + 1] & 0xFF;
        if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
          return false; // overlong, or above U+10FFFF
        }
        i += 4;
      } else {
        return false;
      }
    }
    return true;
  }

  private static boolean cont(byte c) {
    return (c & 0xC0) == 0x80;
  }
}
