package io.nvrkit.core.spi;

import io.nvrkit.core.internal.xml.HardenedStax;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Hardened XML reading for drivers: a StAX reader from the JDK's own factory with no DTD support,
 * no external entities and no external DTD or schema access, that refuses a DOCTYPE and entity
 * references and bounds the document size, nesting depth ({@value #MAX_DEPTH}), element count
 * ({@value #MAX_ELEMENTS}), attributes per element ({@value #MAX_ATTRIBUTES}) and text node size
 * ({@value #MAX_TEXT} chars). Elements are identified by namespace URI and local name; any prefix
 * is accepted. Bytes that are not valid in the document's encoding are refused before the JDK's
 * reader sees them (see {@link #checkEncoding(byte[])}), so reading never prints on standard error.
 *
 * <p>Device bytes are untrusted: never put a reader's exception message in your own exception (it
 * may quote the content); say what kind of problem it was. Thread-safe; the factory is configured
 * once per JVM (it holds no mutable state).
 */
public final class SafeXml {
  /** Deepest element nesting accepted. */
  public static final int MAX_DEPTH = 64;

  /** Most elements accepted in one document. */
  public static final int MAX_ELEMENTS = 100_000;

  /** Most attributes accepted on one element. */
  public static final int MAX_ATTRIBUTES = 64;

  /** Largest text node accepted, in chars. */
  public static final int MAX_TEXT = 1 << 20;

  private SafeXml() {}

  /**
   * The document's bytes are not valid in its encoding: refused before the JDK's reader saw them
   * (by {@link #checkEncoding} and {@link #newReader}). The message names the encoding and quotes
   * nothing from the document. Thrown, never serialised across versions.
   */
  public static final class InvalidEncodingException extends XMLStreamException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the encoding, such as {@code "document is not valid UTF-8"}; quotes
     *     nothing from the document
     */
    public InvalidEncodingException(String message) {
      super(message);
    }
  }

  /**
   * A bounded, hardened reader over a whole document (typically a {@link
   * DeviceHttpResponse#body()}, already bounded by {@link
   * io.nvrkit.core.ConnectOptions#maxResponseBytes()}). The caller closes it.
   *
   * @param document the document's bytes; the encoding comes from its XML declaration (UTF-8 by
   *     default)
   * @param maxBytes the largest document accepted
   * @return the reader, positioned before the first event
   * @throws XMLStreamException if the document is larger than {@code maxBytes}, not valid in its
   *     encoding (see {@link #checkEncoding(byte[])}), malformed, or breaks a bound (raised by
   *     {@code next()} while reading)
   */
  public static XMLStreamReader newReader(byte[] document, int maxBytes) throws XMLStreamException {
    return HardenedStax.reader(java.util.Objects.requireNonNull(document, "document"), maxBytes);
  }

  /**
   * Refuses a document whose bytes are not valid in the encoding an XML parser reads it in, which
   * the JDK's parsers (StAX, SAX and DOM without an error handler) report by printing a {@code
   * [Fatal Error]} line on standard error before they throw. {@link #newReader(byte[], int)}
   * already calls this; call it yourself only before handing the same bytes to another JDK parser.
   *
   * <p>The encoding is found as XML 1.0 appendix F says: UTF-8 by default, with or without a
   * byte-order mark or a declaration naming it, must decode strictly (no overlong form, surrogate,
   * code point above U+10FFFF or sequence cut short, which includes a byte-order mark cut short);
   * UTF-16 (by its first bytes) must have an even number of bytes; a declared US-ASCII must have no
   * byte above 0x7F. A document in any other declared encoding, or UCS-4, is left to the parser.
   * One pass over the bytes, no decoding and, for UTF-8 documents, no allocation. Thread-safe.
   *
   * @param document the document's bytes
   * @throws InvalidEncodingException if the bytes are not valid in that encoding; its message names
   *     the encoding ({@code "document is not valid UTF-8"}) and quotes nothing, so a driver may
   *     repeat it
   * @throws NullPointerException if {@code document} is null
   */
  public static void checkEncoding(byte[] document) throws InvalidEncodingException {
    HardenedStax.checkEncoding(java.util.Objects.requireNonNull(document, "document"));
  }
}
