package io.nvrkit.core.reset;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.internal.reset.DeskClient;
import io.nvrkit.core.spi.DeviceHttp;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Posts a {@link ResetRequest} to a service desk that plays the vendor's part of the reset
 * procedure (an integrator's own desk, or the testkit's {@code FakeResetDesk}) and polls it for the
 * {@link ResetGrant}. The wire format is the reset desk protocol v1 ({@code
 * docs/reset-desk-protocol.md}): {@code POST {desk}/v1/reset-requests} as {@code
 * multipart/form-data}, {@code GET {desk}/v1/reset-requests/{ticket}}.
 *
 * <pre>{@code
 * HttpResetChannel desk = HttpResetChannel.builder("https://desk.example.com/support")
 *     .bearerToken(Secret.of(tokenChars))
 *     .tlsTrust(TlsTrust.pinned("q6RX...="))
 *     .build();
 * ResetTicket ticket = desk.submit(request);
 * Optional<ResetGrant> grant = desk.poll(ticket);     // empty while the desk has not answered
 * }</pre>
 *
 * <p>Every answer is untrusted: bodies are size-bounded (64 KiB), malformed JSON or an unexpected
 * status raises {@link ProtocolException}, and the temporary password is read straight into a
 * {@link Secret} (never a {@code String}, never logged). Requests carrying the bearer token or
 * answers carrying a temporary password never travel over plain HTTP to a non-loopback desk unless
 * the endpoint allows plaintext secrets explicitly. No call is retried automatically. Each call
 * opens and closes its own connection, so the channel holds no resources.
 *
 * <p>Immutable and thread-safe.
 */
public final class HttpResetChannel implements ResetChannel {
  private final DeviceEndpoint desk;
  private final Secret bearerToken;
  private final DeskClient client;

  private HttpResetChannel(Builder b) {
    this.desk = b.desk;
    this.bearerToken = b.bearerToken;
    ConnectOptions options =
        ConnectOptions.builder()
            .connectTimeout(b.connectTimeout)
            .responseTimeout(b.responseTimeout)
            .totalTimeout(b.responseTimeout.plus(b.connectTimeout).multipliedBy(2))
            .maxResponseBytes(DeskClient.MAX_ANSWER_BYTES)
            .build();
    this.client = new DeskClient(desk, bearerToken, options, b.transport);
  }

  /**
   * A builder for the desk at {@code deskUrl}.
   *
   * @param deskUrl the desk's base URL, e.g. {@code https://desk.example.com/support}; the
   *     protocol's paths are appended to it
   * @return the builder
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
   */
  public static Builder builder(String deskUrl) {
    return new Builder(DeviceEndpoint.of(deskUrl));
  }

  /**
   * A builder for the desk at {@code deskUrl}.
   *
   * @param deskUrl the desk's base URL, e.g. {@code https://desk.example.com/support}; the
   *     protocol's paths are appended to it
   * @return the builder
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
   */
  public static Builder builder(URI deskUrl) {
    return new Builder(DeviceEndpoint.of(deskUrl));
  }

  /**
   * A builder for the desk at {@code desk} (its TLS trust and plaintext setting are kept).
   *
   * @param desk the desk's base endpoint
   * @return the builder
   */
  public static Builder builder(DeviceEndpoint desk) {
    return new Builder(Objects.requireNonNull(desk, "desk"));
  }

  /**
   * A builder for the desk at {@code deskUrl} that talks through {@code kit}'s transport (its
   * connection pool and I/O thread) instead of the default kit's.
   *
   * @param kit the kit
   * @param deskUrl the desk's base URL; the protocol's paths are appended to it
   * @return the builder
   * @throws IllegalArgumentException if the URL is not an absolute http(s) URL
   */
  public static Builder builder(NvrKit kit, URI deskUrl) {
    return builder(kit, DeviceEndpoint.of(deskUrl));
  }

  /**
   * A builder for the desk at {@code desk} (its TLS trust and plaintext setting are kept) that
   * talks through {@code kit}'s transport instead of the default kit's.
   *
   * @param kit the kit
   * @param desk the desk's base endpoint
   * @return the builder
   */
  public static Builder builder(NvrKit kit, DeviceEndpoint desk) {
    Objects.requireNonNull(kit, "kit");
    return builder(desk)
        .transport(
            (endpoint, options) ->
                kit.driverContext().openHttp(endpoint, options, DeviceHttp.Nonces.REUSABLE));
  }

  /**
   * The desk this channel talks to.
   *
   * @return the endpoint
   */
  public DeviceEndpoint desk() {
    return desk;
  }

  /**
   * Posts the request. The ticket's location is the URL of the ticket on the desk.
   *
   * @param request a validated request
   * @return the ticket, status {@link ResetTicket.Status#SUBMITTED}
   * @throws InvalidResetRequestException if the desk refused fields (400), with the desk's problems
   * @throws AuthenticationFailedException if the desk refused the bearer token (401)
   * @throws DeviceRejectedException for any other refusal (e.g. 413, 5xx), with the status as code
   * @throws ProtocolException if the answer is malformed
   * @throws io.nvrkit.core.DeviceUnreachableException if the desk cannot be reached
   * @throws io.nvrkit.core.TlsTrustException if its certificate is not trusted
   */
  @Override
  public ResetTicket submit(ResetRequest request) {
    Objects.requireNonNull(request, "request");
    return client.submit(request);
  }

  /**
   * Asks the desk whether it has answered.
   *
   * @param ticket a ticket from {@link #submit}
   * @return the grant when the desk has issued a temporary password; empty while the request is
   *     still {@link ResetTicket.Status#SUBMITTED}
   * @throws DeviceRejectedException if the desk rejected the request (code {@code REJECTED}, with
   *     the desk's reason), the request expired ({@code EXPIRED}) or was completed ({@code
   *     COMPLETED}), or the ticket is unknown ({@code 404})
   * @throws AuthenticationFailedException if the desk refused the bearer token (401)
   * @throws ProtocolException if the answer is malformed
   * @throws io.nvrkit.core.DeviceUnreachableException if the desk cannot be reached
   */
  @Override
  public Optional<ResetGrant> poll(ResetTicket ticket) {
    Objects.requireNonNull(ticket, "ticket");
    return client.poll(ticket);
  }

  /**
   * Tells the desk that the temporary password was replaced (optional in the protocol; the desk may
   * then mark the ticket completed).
   *
   * @param ticket the granted ticket
   * @throws DeviceRejectedException if the desk refuses (code: the HTTP status)
   * @throws AuthenticationFailedException if the desk refused the bearer token (401)
   * @throws io.nvrkit.core.DeviceUnreachableException if the desk cannot be reached
   */
  public void complete(ResetTicket ticket) {
    Objects.requireNonNull(ticket, "ticket");
    client.complete(ticket);
  }

  @Override
  public String toString() {
    return "HttpResetChannel[" + desk + (bearerToken == null ? "" : ", token=***") + "]";
  }

  /** Builds an {@link HttpResetChannel}. Not thread-safe. */
  public static final class Builder {
    private DeviceEndpoint desk;
    private Secret bearerToken;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration responseTimeout = Duration.ofSeconds(30);
    private BiFunction<DeviceEndpoint, ConnectOptions, DeviceHttp> transport =
        (endpoint, options) ->
            io.nvrkit.core.Nvr.defaultKit()
                .driverContext()
                .openHttp(endpoint, options, DeviceHttp.Nonces.REUSABLE);

    private Builder(DeviceEndpoint desk) {
      this.desk = desk;
    }

    /**
     * A bearer token sent as {@code Authorization: Bearer …} on every call. Default none. The
     * channel keeps a reference; destroying the secret later makes further calls fail.
     *
     * @param token the token
     * @return this builder
     */
    public Builder bearerToken(Secret token) {
      this.bearerToken = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * How the desk's certificate is trusted. Default {@link TlsTrust#system()} (or the trust of the
     * endpoint given to {@link HttpResetChannel#builder(DeviceEndpoint)}).
     *
     * @param trust the trust
     * @return this builder
     */
    public Builder tlsTrust(TlsTrust trust) {
      this.desk = desk.toBuilder().tlsTrust(trust).build();
      return this;
    }

    /**
     * Connect timeout. Default 5 s.
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Time to wait for each answer. Default 30 s (a desk may check the photos before answering).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = positive(timeout, "responseTimeout");
      return this;
    }

    /** Test seam: the transport factory (default: the default kit's transport). */
    Builder transport(BiFunction<DeviceEndpoint, ConnectOptions, DeviceHttp> factory) {
      this.transport = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /**
     * Builds the channel.
     *
     * @return the channel
     */
    public HttpResetChannel build() {
      return new HttpResetChannel(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
