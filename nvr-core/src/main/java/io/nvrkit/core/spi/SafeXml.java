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
 * is accepted.
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
   * A bounded, hardened reader over a whole document (typically a {@link
   * DeviceHttpResponse#body()}, already bounded by {@link
   * io.nvrkit.core.ConnectOptions#maxResponseBytes()}). The caller closes it.
   *
   * @param document the document's bytes; the encoding comes from its XML declaration (UTF-8 by
   *     default)
   * @param maxBytes the largest document accepted
   * @return the reader, positioned before the first event
   * @throws XMLStreamException if the document is larger than {@code maxBytes}, malformed, or
   *     breaks a bound (raised by {@code next()} while reading)
   */
  public static XMLStreamReader newReader(byte[] document, int maxBytes) throws XMLStreamException {
    return HardenedStax.reader(java.util.Objects.requireNonNull(document, "document"), maxBytes);
  }
}
