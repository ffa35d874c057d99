package io.nvrkit.core.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * Parsing and checking of device URLs for {@code DeviceEndpoint}: absolute {@code http(s)} with a
 * host, no user info, query or fragment; messages never repeat the URL (it may carry a password).
 */
public final class EndpointUrls {
  private EndpointUrls() {}

  /**
   * The parts of an accepted device URL.
   *
   * @param scheme {@code http} or {@code https}
   * @param host the host, without IPv6 brackets
   * @param port the port (the scheme's default if absent)
   * @param basePath the raw path without trailing slashes, possibly empty
   */
  public record Parts(String scheme, String host, int port, String basePath) {}

  /**
   * Parses a URL string.
   *
   * @param url the text
   * @return the URI
   * @throws IllegalArgumentException if it is not a URI (the message names the reason and index)
   */
  public static URI parse(String url) {
    Objects.requireNonNull(url, "url");
    try {
      return new URI(url.trim());
    } catch (URISyntaxException e) {
      // not chained: URISyntaxException's message repeats the whole URL, user info included
      throw new IllegalArgumentException(
          "not a valid device URL: "
              + e.getReason()
              + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
    }
  }

  /**
   * Checks a URI and splits it.
   *
   * @param uri the URI
   * @return its parts
   * @throws IllegalArgumentException if it is not an absolute http(s) URL with a host, or has user
   *     info, a query or a fragment
   */
  public static Parts split(URI uri) {
    String s = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(s) && !"https".equals(s)) {
      throw new IllegalArgumentException("device URL must start with http:// or https://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("device URL has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "device URL must not carry user info; pass Credentials instead");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("device URL must not have a query or fragment");
    }
    String h = uri.getHost();
    String host = h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(s) ? 443 : 80);
    String p = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return new Parts(s, host, port, p);
  }

  /**
   * Whether a host is a loopback name or address ({@code localhost}, 127.0.0.0/8, ::1); no DNS
   * look-up for other names.
   *
   * @param host the host, without brackets
   * @return true for loopback
   */
  public static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!host.matches("[0-9.]+") && !host.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
