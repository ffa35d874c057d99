package io.nvrkit.core.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;

/** Deliberately bad (ArchUnit fixture): library types in a public API. */
public class LeakyApi extends BasicHeader {
  private static final long serialVersionUID = 1L;

  /** A public field with a Bouncy Castle type as a generic argument. */
  public transient List<org.bouncycastle.util.Memoable> memos = List.of();

  /** Private use is fine. */
  private final transient ObjectMapper mapper = new ObjectMapper();

  /**
   * A constructor taking a Jackson type.
   *
   * @param m the mapper
   */
  public LeakyApi(ObjectMapper m) {
    super("x", "y");
  }

  /**
   * Returns an HttpClient type.
   *
   * @return the host
   */
  public HttpHost host() {
    return new HttpHost("localhost");
  }

  /**
   * Throws an HttpClient type.
   *
   * @throws org.apache.hc.core5.http.ProtocolException always
   */
  protected void fail() throws org.apache.hc.core5.http.ProtocolException {
    throw new org.apache.hc.core5.http.ProtocolException("x");
  }

  /**
   * Package-private members are not API.
   *
   * @return the mapper
   */
  ObjectMapper mapper() {
    return mapper;
  }

  /** A package-private class is not API, whatever its members. */
  static final class Hidden {
    /**
     * Not API.
     *
     * @return a host
     */
    public HttpHost host() {
      return new HttpHost("localhost");
    }
  }
}
