package io.nvrkit.onvif.internal;

import io.nvrkit.core.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;

/**
 * Writes a SOAP 1.2 envelope by hand: fixed, declared prefixes; every text and attribute value
 * escaped; a {@link Secret} copied straight from its {@code char[]} into a buffer that is wiped
 * once the UTF-8 bytes are produced (no {@code String} ever holds a password). Not thread-safe; one
 * writer per request.
 */
public final class SoapWriter {
  private static final Map<String, String> PREFIXES =
      Map.of(
          "env", Ns.ENV,
          "tds", Ns.TDS,
          "tt", Ns.TT,
          "wsse", Ns.WSSE,
          "wsu", Ns.WSU,
          "wsa", Ns.WSA,
          "d", Ns.DISCOVERY,
          "dn", Ns.DN);

  private char[] buf = new char[1024];
  private int len;
  private final Deque<String> open = new ArrayDeque<>();
  private boolean tagOpen;

  /** A character the XML 1.0 document cannot carry (control characters, lone surrogates). */
  public static final class UnencodableException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnencodableException(String message) {
      super(message);
    }
  }

  /**
   * Starts an envelope declaring the prefixes given (each must be one of env, tds, tt, wsse, wsu,
   * wsa, d, dn).
   *
   * @param prefixes the prefixes to declare besides {@code env}
   * @return the writer, positioned inside {@code env:Envelope}
   */
  public static SoapWriter envelope(String... prefixes) {
    SoapWriter w = new SoapWriter();
    w.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    w.raw("<env:Envelope xmlns:env=\"").raw(Ns.ENV).raw("\"");
    for (String p : prefixes) {
      String uri = PREFIXES.get(p);
      if (uri == null || "env".equals(p)) {
        throw new IllegalArgumentException("unknown prefix " + p);
      }
      w.raw(" xmlns:").raw(p).raw("=\"").raw(uri).raw("\"");
    }
    w.raw(">");
    w.open.push("env:Envelope");
    return w;
  }

  /**
   * Opens an element.
   *
   * @param qname a prefixed name, e.g. {@code tds:SetUser}
   * @return this
   */
  public SoapWriter start(String qname) {
    closeStartTag();
    raw("<").raw(qname);
    tagOpen = true;
    open.push(qname);
    return this;
  }

  /**
   * Adds an attribute to the element just opened.
   *
   * @param qname attribute name
   * @param value attribute value (escaped)
   * @return this
   */
  public SoapWriter attr(String qname, String value) {
    if (!tagOpen) {
      throw new IllegalStateException("attribute outside a start tag");
    }
    raw(" ").raw(qname).raw("=\"");
    escape(value, true);
    raw("\"");
    return this;
  }

  /**
   * Writes escaped text.
   *
   * @param text the text
   * @return this
   */
  public SoapWriter text(CharSequence text) {
    closeStartTag();
    escape(text, false);
    return this;
  }

  /**
   * Writes a secret as escaped text, without making a String of it.
   *
   * @param secret the secret
   * @return this
   */
  public SoapWriter secret(Secret secret) {
    closeStartTag();
    char[] c = secret.copyChars();
    try {
      escape(CharBuffer.wrap(c), false);
    } finally {
      Arrays.fill(c, '\0');
    }
    return this;
  }

  /**
   * Closes the innermost open element.
   *
   * @return this
   */
  public SoapWriter end() {
    String name = open.pop();
    if (tagOpen) {
      raw("/>");
      tagOpen = false;
    } else {
      raw("</").raw(name).raw(">");
    }
    return this;
  }

  /**
   * Writes {@code <qname>text</qname>}.
   *
   * @param qname the element
   * @param text its text
   * @return this
   */
  public SoapWriter element(String qname, CharSequence text) {
    return start(qname).text(text).end();
  }

  /**
   * Closes every open element and returns the UTF-8 document; the internal buffer is wiped.
   *
   * @return the bytes (the caller wipes them if they carry a secret)
   * @throws UnencodableException if a lone surrogate made the text unencodable
   */
  public byte[] toUtf8() {
    while (!open.isEmpty()) {
      end();
    }
    CharsetEncoder enc =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bb = null;
    try {
      bb = enc.encode(CharBuffer.wrap(buf, 0, len));
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new UnencodableException("text contains an unpaired surrogate");
    } finally {
      Arrays.fill(buf, '\0');
      len = 0;
      if (bb != null && bb.hasArray()) {
        Arrays.fill(bb.array(), (byte) 0);
      }
    }
  }

  private void closeStartTag() {
    if (tagOpen) {
      raw(">");
      tagOpen = false;
    }
  }

  /**
   * Whether {@code c} can appear in an XML 1.0 document (as itself or as a character reference).
   *
   * @param c a UTF-16 unit
   * @return true if allowed
   */
  public static boolean xmlAllowed(char c) {
    return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xFFFD && c != 0xFFFE);
  }

  private void escape(CharSequence s, boolean attribute) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          raw("&amp;");
          break;
        case '<':
          raw("&lt;");
          break;
        case '>':
          raw("&gt;");
          break;
        case '"':
          raw("&quot;");
          break;
        case '\'':
          raw("&apos;");
          break;
        case '\r':
          raw("&#13;");
          break;
        case '\t':
          raw(attribute ? "&#9;" : "\t");
          break;
        case '\n':
          raw(attribute ? "&#10;" : "\n");
          break;
        default:
          if (!xmlAllowed(c)) {
            throw new UnencodableException("text contains a character XML 1.0 cannot carry");
          }
          put(c);
      }
    }
  }

  private SoapWriter raw(String s) {
    for (int i = 0; i < s.length(); i++) {
      put(s.charAt(i));
    }
    return this;
  }

  private void put(char c) {
    if (len == buf.length) {
      char[] bigger = Arrays.copyOf(buf, buf.length * 2);
      Arrays.fill(buf, '\0');
      buf = bigger;
    }
    buf[len++] = c;
  }
}
