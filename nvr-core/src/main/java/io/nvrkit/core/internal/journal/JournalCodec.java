package io.nvrkit.core.internal.journal;

import io.nvrkit.core.Secret;
import io.nvrkit.core.rotation.JournalException;
import io.nvrkit.core.rotation.JournalException.Kind;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The journal's on-disk format and cryptography.
 *
 * <pre>
 * Header v1 (96 bytes):
 *   "NVRJ" | u16 version=1 | u8 kdf=1 (Argon2id v1.3) | u32 memoryKiB | u32 iterations | u8 lanes
 *   | salt[16] | iv[12] | wrappedDEK[32 + 16 tag] | u32 crc32c(bytes 0..91)
 *   KEK = Argon2id(passphrase UTF-8, salt, params), 32 bytes
 *   wrappedDEK = AES-256-GCM(KEK, iv, DEK, aad = bytes 0..31)
 * Record:
 *   u32 bodyLength | u32 crc32c(body) | body
 *   body = deviceTag[16] | iv[12] | AES-256-GCM(DEK, iv, plaintext, aad = sha256(header) | u64 seq | deviceTag)
 *   deviceTag = HMAC-SHA256(HMAC-SHA256(DEK, "nvrkit device tag"), deviceKey)[0..16]
 *   seq = the record's position (0, 1, 2, ...): deleting, reordering or copying a record breaks it
 * Plaintext: u8 type | u64 epochMillis | str deviceKey | str txId | str url | str vendor | str user
 *   | bytes oldSecret | bytes newSecret | str text       (str/bytes = u32 length + UTF-8)
 * </pre>
 *
 * <p>Not thread-safe for encryption (one writer thread owns it); decryption happens before the
 * writer starts.
 */
public final class JournalCodec {
  /** The file's first four bytes, {@code NVRJ}, as a big-endian int. */
  static final int MAGIC = 'N' << 24 | 'V' << 16 | 'R' << 8 | 'J';

  static final int VERSION = 1;
  static final int KDF_ARGON2ID = 1;
  static final int HEADER_LENGTH = 96;
  static final int FRAME_OVERHEAD = 8;
  static final int TAG_LENGTH = 16;
  static final int IV_LENGTH = 12;
  static final int GCM_TAG_BITS = 128;
  static final int MAX_BODY = 1 << 20;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] header;
  private final byte[] headerHash;
  private final SecretKeySpec dek;
  private final SecretKeySpec tagKey;
  private final KdfParams params;
  private final java.util.Map<String, byte[]> tags = new java.util.concurrent.ConcurrentHashMap<>();
  private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(JournalCodec::newCipher);
  private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(tagKey);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private JournalCodec(byte[] header, SecretKeySpec dek, KdfParams params) {
    this.header = header.clone();
    this.headerHash = sha256(header);
    this.dek = dek;
    this.params = params;
    byte[] tk = hmac(dek.getEncoded(), "nvrkit device tag".getBytes(StandardCharsets.US_ASCII));
    this.tagKey = new SecretKeySpec(tk, "HmacSHA256");
    Arrays.fill(tk, (byte) 0);
  }

  /**
   * A codec for a new journal: random salt and DEK, KEK from {@code passphrase}.
   *
   * @param passphrase the passphrase
   * @param params the Argon2id cost
   * @return the codec; {@link #header()} is to be written first
   */
  public static JournalCodec create(Secret passphrase, KdfParams params) {
    byte[] h = new byte[HEADER_LENGTH];
    ByteBuffer b = ByteBuffer.wrap(h);
    b.putInt(MAGIC).putShort((short) VERSION).put((byte) KDF_ARGON2ID);
    b.putInt(params.memoryKiB()).putInt(params.iterations()).put((byte) params.parallelism());
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    b.put(salt);
    byte[] iv = new byte[IV_LENGTH];
    RANDOM.nextBytes(iv);
    b.put(iv);
    byte[] dekBytes = new byte[32];
    RANDOM.nextBytes(dekBytes);
    byte[] kek = deriveKek(passphrase, salt, params);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.ENCRYPT_MODE,
          new SecretKeySpec(kek, "AES"),
          new GCMParameterSpec(GCM_TAG_BITS, iv));
      c.updateAAD(h, 0, 32);
      byte[] wrapped = c.doFinal(dekBytes);
      b.put(wrapped);
      CRC32C crc = new CRC32C();
      crc.update(h, 0, 92);
      b.putInt((int) crc.getValue());
      return new JournalCodec(h, new SecretKeySpec(dekBytes, "AES"), params);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      Arrays.fill(kek, (byte) 0);
      Arrays.fill(dekBytes, (byte) 0);
    }
  }

  /**
   * Opens an existing header.
   *
   * @param header the first {@link #HEADER_LENGTH} bytes of the file
   * @param passphrase the passphrase
   * @return the codec
   * @throws JournalException if the header is not ours, damaged, or the passphrase is wrong
   */
  public static JournalCodec open(byte[] header, Secret passphrase) {
    if (header.length < HEADER_LENGTH || ByteBuffer.wrap(header).getInt(0) != MAGIC) {
      throw new JournalException(
          Kind.UNSUPPORTED_FORMAT, "not an NVR Account Kit rotation journal", null);
    }
    ByteBuffer b = ByteBuffer.wrap(header);
    b.position(4);
    int version = Short.toUnsignedInt(b.getShort());
    if (version != VERSION) {
      throw new JournalException(
          Kind.UNSUPPORTED_FORMAT,
          "journal format version " + version + " is not supported (this library reads 1)",
          null);
    }
    CRC32C crc = new CRC32C();
    crc.update(header, 0, 92);
    if ((int) crc.getValue() != ByteBuffer.wrap(header, 92, 4).getInt()) {
      throw new JournalException(
          Kind.TAMPERED, "journal header is damaged (checksum mismatch)", null);
    }
    int kdf = Byte.toUnsignedInt(b.get());
    if (kdf != KDF_ARGON2ID) {
      throw new JournalException(Kind.UNSUPPORTED_FORMAT, "unknown key derivation " + kdf, null);
    }
    KdfParams params = new KdfParams(b.getInt(), b.getInt(), Byte.toUnsignedInt(b.get()));
    if (!params.plausible()) {
      throw new JournalException(
          Kind.TAMPERED, "journal header has implausible key-derivation parameters", null);
    }
    byte[] salt = new byte[16];
    b.get(salt);
    byte[] iv = new byte[IV_LENGTH];
    b.get(iv);
    byte[] wrapped = new byte[48];
    b.get(wrapped);
    byte[] kek = deriveKek(passphrase, salt, params);
    byte[] dekBytes = null;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          new SecretKeySpec(kek, "AES"),
          new GCMParameterSpec(GCM_TAG_BITS, iv));
      c.updateAAD(header, 0, 32);
      dekBytes = c.doFinal(wrapped);
      return new JournalCodec(
          Arrays.copyOf(header, HEADER_LENGTH), new SecretKeySpec(dekBytes, "AES"), params);
    } catch (AEADBadTagException e) {
      throw new JournalException(
          Kind.WRONG_PASSPHRASE,
          "the passphrase does not open this journal (or its header was altered)",
          null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      Arrays.fill(kek, (byte) 0);
      if (dekBytes != null) {
        Arrays.fill(dekBytes, (byte) 0);
      }
    }
  }

  private static byte[] deriveKek(Secret passphrase, byte[] salt, KdfParams p) {
    Argon2Parameters ap =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt)
            .build();
    Argon2BytesGenerator gen = new Argon2BytesGenerator();
    gen.init(ap);
    byte[] out = new byte[32];
    byte[] pw = passphrase.utf8();
    try {
      gen.generateBytes(pw, out);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
    return out;
  }

  /**
   * The header bytes.
   *
   * @return a copy
   */
  public byte[] header() {
    return header.clone();
  }

  /**
   * The key-derivation parameters of this journal.
   *
   * @return the parameters
   */
  public KdfParams params() {
    return params;
  }

  /**
   * The device tag of {@code deviceKey}.
   *
   * @param deviceKey the key
   * @return 16 bytes
   */
  byte[] deviceTag(String deviceKey) {
    return tags.computeIfAbsent(
        deviceKey,
        k -> Arrays.copyOf(macs.get().doFinal(k.getBytes(StandardCharsets.UTF_8)), TAG_LENGTH));
  }

  /**
   * Encrypts and frames one record.
   *
   * @param seq the record's position
   * @param r the record
   * @return the frame (length, CRC, body)
   */
  public byte[] encode(long seq, JournalRecord r) {
    byte[] plain = plaintext(r);
    try {
      byte[] tag = deviceTag(r.deviceKey());
      byte[] iv = new byte[IV_LENGTH];
      RANDOM.nextBytes(iv);
      Cipher c = ciphers.get();
      c.init(Cipher.ENCRYPT_MODE, dek, new GCMParameterSpec(GCM_TAG_BITS, iv));
      c.updateAAD(aad(seq, tag));
      byte[] ct = c.doFinal(plain);
      int bodyLen = TAG_LENGTH + IV_LENGTH + ct.length;
      ByteBuffer frame = ByteBuffer.allocate(FRAME_OVERHEAD + bodyLen);
      frame.putInt(bodyLen).putInt(0).put(tag).put(iv).put(ct);
      byte[] out = frame.array();
      CRC32C crc = new CRC32C();
      crc.update(out, FRAME_OVERHEAD, bodyLen);
      ByteBuffer.wrap(out, 4, 4).putInt((int) crc.getValue());
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Decrypts a record body whose CRC has been checked.
   *
   * @param seq the record's position
   * @param body the body
   * @return the record
   * @throws JournalException if it fails authentication (tampering)
   */
  public JournalRecord decode(long seq, byte[] body) {
    if (body.length < TAG_LENGTH + IV_LENGTH + GCM_TAG_BITS / 8) {
      throw new JournalException(Kind.TAMPERED, "journal record " + seq + " is too short", null);
    }
    byte[] tag = Arrays.copyOfRange(body, 0, TAG_LENGTH);
    byte[] plain = null;
    try {
      Cipher c = ciphers.get();
      c.init(
          Cipher.DECRYPT_MODE,
          dek,
          new GCMParameterSpec(GCM_TAG_BITS, body, TAG_LENGTH, IV_LENGTH));
      c.updateAAD(aad(seq, tag));
      plain = c.doFinal(body, TAG_LENGTH + IV_LENGTH, body.length - TAG_LENGTH - IV_LENGTH);
      JournalRecord r = parse(seq, plain);
      if (!MessageDigest.isEqual(tag, deviceTag(r.deviceKey()))) {
        throw new JournalException(
            Kind.TAMPERED, "journal record " + seq + " is bound to another device", null);
      }
      return r;
    } catch (AEADBadTagException e) {
      throw new JournalException(
          Kind.TAMPERED,
          "journal record "
              + seq
              + " fails authentication: the file was altered, records were removed or reordered",
          null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  private byte[] aad(long seq, byte[] tag) {
    return ByteBuffer.allocate(headerHash.length + 8 + tag.length)
        .put(headerHash)
        .putLong(seq)
        .put(tag)
        .array();
  }

  private static byte[] plaintext(JournalRecord r) {
    Out o = new Out();
    o.u8(r.type().code());
    o.u64(r.time().toEpochMilli());
    o.str(r.deviceKey());
    o.str(r.txId());
    o.str(r.url());
    o.str(r.vendor());
    o.str(r.user());
    o.secret(r.oldSecret());
    o.secret(r.newSecret());
    o.str(r.text());
    return o.finish();
  }

  private static JournalRecord parse(long seq, byte[] p) {
    ByteBuffer b = ByteBuffer.wrap(p);
    try {
      RecordType type = RecordType.of(Byte.toUnsignedInt(b.get()));
      if (type == null) {
        throw new JournalException(
            Kind.UNSUPPORTED_FORMAT, "journal record " + seq + " has an unknown type", null);
      }
      Instant time = Instant.ofEpochMilli(b.getLong());
      String deviceKey = str(b);
      String txId = str(b);
      String url = str(b);
      String vendor = str(b);
      String user = str(b);
      Secret oldS = secret(b);
      Secret newS = secret(b);
      String text = str(b);
      return JournalRecord.decoded(
          type, time, deviceKey, txId, url, vendor, user, oldS, newS, text);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      throw new JournalException(Kind.TAMPERED, "journal record " + seq + " is malformed", null);
    }
  }

  private static String str(ByteBuffer b) {
    int n = b.getInt();
    if (n < 0 || n > b.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] s = new byte[n];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static Secret secret(ByteBuffer b) {
    int n = b.getInt();
    if (n == -1) {
      return null;
    }
    if (n < 0 || n > b.remaining()) {
      throw new IllegalArgumentException("bad length");
    }
    byte[] s = new byte[n];
    b.get(s);
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer cb = d.decode(ByteBuffer.wrap(s));
      char[] c = new char[cb.remaining()];
      cb.get(c);
      if (cb.hasArray()) {
        Arrays.fill(cb.array(), '\0');
      }
      return Secret.wrap(c);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("bad secret encoding", e);
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A growable buffer that wipes every array it discards. */
  private static final class Out {
    private byte[] buf = new byte[256];
    private int len;

    private void ensure(int more) {
      if (len + more > buf.length) {
        byte[] n = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        Arrays.fill(buf, (byte) 0);
        buf = n;
      }
    }

    void u8(int v) {
      ensure(1);
      buf[len++] = (byte) v;
    }

    void u32(int v) {
      ensure(4);
      ByteBuffer.wrap(buf, len, 4).putInt(v);
      len += 4;
    }

    void u64(long v) {
      ensure(8);
      ByteBuffer.wrap(buf, len, 8).putLong(v);
      len += 8;
    }

    void str(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u32(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
    }

    void secret(Secret s) {
      if (s == null) {
        u32(-1);
        return;
      }
      byte[] b = s.utf8();
      try {
        u32(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
      } finally {
        Arrays.fill(b, (byte) 0);
      }
    }

    byte[] finish() {
      byte[] out = Arrays.copyOf(buf, len);
      Arrays.fill(buf, (byte) 0);
      return out;
    }
  }
}
