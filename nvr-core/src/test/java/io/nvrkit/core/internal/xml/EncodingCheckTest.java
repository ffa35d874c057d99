package io.nvrkit.core.internal.xml;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written UTF-8 scan accepts exactly what the JDK's strict UTF-8 decoder accepts. */
class EncodingCheckTest {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final CharBuffer chars = CharBuffer.allocate(64);

  private boolean decodes(byte[] b) {
    decoder.reset();
    chars.clear();
    CoderResult r = decoder.decode(ByteBuffer.wrap(b), chars, true);
    if (r.isError()) {
      return false;
    }
    return !decoder.flush(chars).isError();
  }

  private void check(byte[] b) {
    if (decodes(b) != EncodingCheck.validUtf8(b, 0)) {
      fail("judged unlike the JDK decoder: " + hex(b));
    }
  }

  @Test
  void everyShortSequenceIsJudgedLikeTheJdkDecoder() {
    // every lead byte with every second byte; third and fourth bytes on the continuation boundaries
    int[] tails = {0x00, 0x7F, 0x80, 0xBF, 0xC0, 0xFF};
    for (int b0 = 0; b0 < 256; b0++) {
      for (int b1 = 0; b1 < 256; b1++) {
        for (int b2 : tails) {
          for (int b3 : tails) {
            byte[] b = {(byte) b0, (byte) b1, (byte) b2, (byte) b3};
            for (int len = 1; len <= 4; len++) {
              check(java.util.Arrays.copyOf(b, len));
            }
          }
        }
      }
    }
  }

  @Test
  void randomDocumentsAreJudgedLikeTheJdkDecoder() {
    Random rnd = new Random(20261208L);
    byte[] seed = "<a>caf\u00e9 \u20ac \ud83d\ude00</a>".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = seed.clone();
      for (int e = rnd.nextInt(3); e >= 0; e--) {
        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
      }
      check(b);
    }
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x ", x & 0xFF));
    }
    return sb.toString().trim();
  }
}
