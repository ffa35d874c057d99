package io.nvrkit.core;

import io.nvrkit.core.internal.EndpointUrls;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a device is: scheme ({@code http} or {@code https}), host, port and an optional base path,
 * plus how its TLS certificate is trusted and whether a new password may travel in clear text.
 *
 * <pre>{@code
 * DeviceEndpoint nvr = DeviceEndpoint.builder("https://192.0.2.10")
 *     .tlsTrust(TlsTrust.pinned("q6RX...="))
 *     .build();
 * }</pre>
 *
 * <p>By default a new password is never sent over plain HTTP to an address other than loopback;
 * {@link Builder#allowPlaintextSecrets(boolean)} lifts that for this endpoint only (and the library
 * logs a WARN when it happens). Immutable and thread-safe.
 */
public final class DeviceEndpoint {
  private final String scheme;
  private final String host;
  private final int port;
  private final String basePath;
  private final TlsTrust tlsTrust;
  private final boolean allowPlaintextSecrets;

  private DeviceEndpoint(Builder b) {
    this.scheme = b.scheme;
    this.host = b.host;
    this.port = b.port;
    this.basePath = b.basePath;
    this.tlsTrust = b.tlsTrust;
    this.allowPlaintextSecrets = b.allowPlaintextSecrets;
  }

  /**
   * An endpoint with default settings (system TLS trust, no plaintext secrets).
   *
   * @param url {@code http://host[:port][/path]} or {@code https://...}
   * @return the endpoint
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL with a host, or has
   *     user info, a query or a fragment
   */
  public static DeviceEndpoint of(String url) {
    return builder(url).build();
  }

  /**
   * A builder starting from {@code url}.
   *
   * @param url {@code http://host[:port][/path]} or {@code https://...}
   * @return the builder
   * @throws IllegalArgumentException if the URL is not acceptable (see {@link #of(String)})
   */
  public static Builder builder(String url) {
    return new Builder(EndpointUrls.parse(url));
  }

  /**
   * An endpoint with default settings (system TLS trust, no plaintext secrets).
   *
   * @param url {@code http://host[:port][/path]} or {@code https://...}
   * @return the endpoint
   * @throws IllegalArgumentException if the URL is not acceptable (see {@link #of(String)})
   */
  public static DeviceEndpoint of(URI url) {
    return builder(url).build();
  }

  /**
   * A builder starting from {@code url}.
   *
   * @param url {@code http://host[:port][/path]} or {@code https://...}
   * @return the builder
   * @throws IllegalArgumentException if the URL is not acceptable (see {@link #of(String)})
   */
  public static Builder builder(URI url) {
    return new Builder(Objects.requireNonNull(url, "url"));
  }

  /**
   * {@code http} or {@code https}.
   *
   * @return the scheme, lower case
   */
  public String scheme() {
    return scheme;
  }

  /**
   * The host name or address literal (IPv6 without brackets).
   *
   * @return the host
   */
  public String host() {
    return host;
  }

  /**
   * The port, defaulted from the scheme.
   *
   * @return the port
   */
  public int port() {
    return port;
  }

  /**
   * The base path every request is relative to; empty or starting with {@code /} and not ending
   * with one.
   *
   * @return the base path
   */
  public String basePath() {
    return basePath;
  }

  /**
   * How the TLS certificate is trusted (ignored for {@code http}).
   *
   * @return the trust
   */
  public TlsTrust tlsTrust() {
    return tlsTrust;
  }

  /**
   * Whether a new password may be sent over plain HTTP to a non-loopback address.
   *
   * @return true if explicitly allowed
   */
  public boolean allowPlaintextSecrets() {
    return allowPlaintextSecrets;
  }

  /**
   * Whether the scheme is {@code https}.
   *
   * @return true for TLS
   */
  public boolean isTls() {
    return "https".equals(scheme);
  }

  /**
   * Whether the host is a loopback name or address ({@code localhost}, 127.0.0.0/8, ::1). No DNS
   * look-up is made for other names.
   *
   * @return true for loopback
   */
  public boolean isLoopback() {
    return EndpointUrls.isLoopback(host);
  }

  /**
   * The key pins and budgets are kept under: {@code host:port}.
   *
   * @return the key
   */
  public String key() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * The base URI, {@code scheme://host:port/basePath}.
   *
   * @return the URI
   */
  public URI uri() {
    return URI.create(scheme + "://" + key() + basePath);
  }

  /**
   * The URI of {@code pathAndQuery} on this device.
   *
   * @param pathAndQuery an absolute path, with an already-encoded query if any
   * @return the URI
   */
  public URI resolve(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("path must start with /");
    }
    return URI.create(scheme + "://" + key() + basePath + pathAndQuery);
  }

  /**
   * A builder with this endpoint's settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DeviceEndpoint)) {
      return false;
    }
    DeviceEndpoint e = (DeviceEndpoint) other;
    return scheme.equals(e.scheme)
        && host.equalsIgnoreCase(e.host)
        && port == e.port
        && basePath.equals(e.basePath)
        && tlsTrust.equals(e.tlsTrust)
        && allowPlaintextSecrets == e.allowPlaintextSecrets;
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, host.toLowerCase(Locale.ROOT), port, basePath);
  }

  /** The base URI, e.g. {@code https://192.0.2.10:443}. */
  @Override
  public String toString() {
    return uri().toString();
  }

  /** Builds a {@link DeviceEndpoint}. Not thread-safe. */
  public static final class Builder {
    private String scheme;
    private String host;
    private int port;
    private String basePath;
    private TlsTrust tlsTrust = TlsTrust.system();
    private boolean allowPlaintextSecrets;

    private Builder(URI uri) {
      EndpointUrls.Parts parts = EndpointUrls.split(uri);
      this.scheme = parts.scheme();
      this.host = parts.host();
      this.port = parts.port();
      this.basePath = parts.basePath();
    }

    private Builder(DeviceEndpoint e) {
      this.scheme = e.scheme;
      this.host = e.host;
      this.port = e.port;
      this.basePath = e.basePath;
      this.tlsTrust = e.tlsTrust;
      this.allowPlaintextSecrets = e.allowPlaintextSecrets;
    }

    /**
     * How the certificate is trusted. Default {@link TlsTrust#system()}.
     *
     * @param trust the trust
     * @return this builder
     */
    public Builder tlsTrust(TlsTrust trust) {
      this.tlsTrust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /**
     * Allow a new password to be sent over plain HTTP to this non-loopback endpoint. Default false.
     *
     * @param allow true to allow
     * @return this builder
     */
    public Builder allowPlaintextSecrets(boolean allow) {
      this.allowPlaintextSecrets = allow;
      return this;
    }

    /**
     * Builds the endpoint.
     *
     * @return the endpoint
     */
    public DeviceEndpoint build() {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      return new DeviceEndpoint(this);
    }
  }
}
