package io.nvrkit.core.spi;

import io.nvrkit.core.Credentials;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to a device, as adapters describe it to {@link DeviceHttp}.
 *
 * <p>{@code pathAndQuery} is already percent-encoded by the adapter (the transport never re-encodes
 * it). Names in {@link #secretParams()} are redacted from every logged request line; bodies are
 * never logged. {@link #carriesNewSecret()} makes the transport refuse plain HTTP to a non-loopback
 * device unless the endpoint allows plaintext secrets.
 *
 * @param operation a short name for logs and exceptions, e.g. {@code getSerialNo}
 * @param method GET, POST, ...
 * @param pathAndQuery absolute path plus encoded query, relative to the endpoint's base path
 * @param headers extra request headers (never Authorization, except {@code Bearer …} on a request
 *     without credentials)
 * @param body the body, or null
 * @param contentType the body's content type, or null
 * @param credentials credentials for HTTP authentication, or null for an anonymous request
 * @param auth which HTTP authentication schemes may answer a challenge
 * @param secretParams query or form parameter names whose values must be redacted in logs
 * @param carriesNewSecret whether the request carries a new password
 */
public record DeviceHttpRequest(
    String operation,
    String method,
    String pathAndQuery,
    List<Map.Entry<String, String>> headers,
    byte @Nullable [] body,
    @Nullable String contentType,
    @Nullable Credentials credentials,
    Set<AuthScheme> auth,
    Set<String> secretParams,
    boolean carriesNewSecret) {

  /** HTTP authentication schemes. */
  public enum AuthScheme {
    /** RFC 7616 Digest (MD5, SHA-256). */
    DIGEST,
    /** RFC 7617 Basic; used only when also allowed by the connect options. */
    BASIC
  }

  /** Checks and copies the components. */
  public DeviceHttpRequest {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathAndQuery, "pathAndQuery");
    headers = List.copyOf(headers);
    auth = Set.copyOf(auth);
    secretParams = Set.copyOf(secretParams);
  }

  /**
   * A GET builder.
   *
   * @param operation name for logs
   * @param pathAndQuery encoded path and query
   * @return the builder
   */
  public static Builder get(String operation, String pathAndQuery) {
    return new Builder(operation, "GET", pathAndQuery);
  }

  /**
   * A POST builder.
   *
   * @param operation name for logs
   * @param path encoded path
   * @param contentType the body's type
   * @param body the body
   * @return the builder
   */
  public static Builder post(String operation, String path, String contentType, byte[] body) {
    Builder b = new Builder(operation, "POST", path);
    b.contentType = contentType;
    b.body = body;
    return b;
  }

  /**
   * A PUT builder.
   *
   * @param operation name for logs
   * @param path encoded path
   * @param contentType the body's type
   * @param body the body
   * @return the builder
   */
  public static Builder put(String operation, String path, String contentType, byte[] body) {
    Builder b = new Builder(operation, "PUT", path);
    b.contentType = contentType;
    b.body = body;
    return b;
  }

  /**
   * A DELETE builder (no body).
   *
   * @param operation name for logs
   * @param pathAndQuery encoded path and query
   * @return the builder
   */
  public static Builder delete(String operation, String pathAndQuery) {
    return new Builder(operation, "DELETE", pathAndQuery);
  }

  @Override
  public String toString() {
    return "DeviceHttpRequest[" + operation + " " + method + "]";
  }

  /** Builder. */
  public static final class Builder {
    private final String operation;
    private final String method;
    private final String pathAndQuery;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte @Nullable [] body;
    private @Nullable String contentType;
    private @Nullable Credentials credentials;
    private Set<AuthScheme> auth = Set.of(AuthScheme.DIGEST);
    private Set<String> secretParams = Set.of();
    private boolean carriesNewSecret;

    private Builder(String operation, String method, String pathAndQuery) {
      this.operation = operation;
      this.method = method;
      this.pathAndQuery = pathAndQuery;
    }

    /**
     * Adds a header.
     *
     * @param name name
     * @param value value
     * @return this
     */
    public Builder header(String name, String value) {
      headers.add(Map.entry(name, value));
      return this;
    }

    /**
     * Authenticates with these credentials.
     *
     * @param c credentials, or null
     * @return this
     */
    public Builder credentials(Credentials c) {
      this.credentials = c;
      return this;
    }

    /**
     * Allowed schemes (default Digest only).
     *
     * @param schemes schemes
     * @return this
     */
    public Builder auth(Set<AuthScheme> schemes) {
      this.auth = schemes;
      return this;
    }

    /**
     * Parameter names to redact.
     *
     * @param names names
     * @return this
     */
    public Builder secretParams(String... names) {
      this.secretParams = Set.of(names);
      return this;
    }

    /**
     * Marks the request as carrying a new password.
     *
     * @return this
     */
    public Builder carriesNewSecret() {
      this.carriesNewSecret = true;
      return this;
    }

    /**
     * Builds.
     *
     * @return the request
     */
    public DeviceHttpRequest build() {
      return new DeviceHttpRequest(
          operation,
          method,
          pathAndQuery,
          headers,
          body,
          contentType,
          credentials,
          auth,
          secretParams,
          carriesNewSecret);
    }
  }
}
