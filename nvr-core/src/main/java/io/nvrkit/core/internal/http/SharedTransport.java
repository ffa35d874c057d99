package io.nvrkit.core.internal.http;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.ExchangeListener;
import io.nvrkit.core.spi.DeviceHttp;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.io.ConnectionEndpoint;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.io.LeaseRequest;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client and connection pool of a kit, built once; every session gets a cheap
 * per-device view ({@link HttpClientTransport}) of it.
 *
 * <p>Connections are pooled per route (scheme, host, port; at most {@value #MAX_PER_ROUTE} per
 * device) and per session view: the pool's connection state is the view, so a connection is reused
 * only by the session that opened it (a connection whose certificate was checked under one {@link
 * io.nvrkit.core.TlsTrust} is never handed to a session that uses another, and a device that
 * restarted between two sessions costs no failed request). Closing a view closes the pool's idle
 * connections. Timeouts are set per request from each session's {@link ConnectOptions}; the TLS
 * strategy is the session's own, passed with the request. A device that answers {@code Connection:
 * close} (Dahua firmware) simply gets a new connection per exchange. Thread-safe.
 */
public final class SharedTransport implements AutoCloseable {
  /**
   * Connections per device. Each session keeps its own (connections are not shared between
   * sessions), and an ONVIF session has two requests in flight (GetNetworkInterfaces with
   * GetHostname): with 4 per device, 8 sessions on one recorder took turns closing each other's
   * idle connections to open their own (identity reads/s fell below npm onvif's); 16 lets 8 such
   * sessions keep theirs.
   */
  static final int MAX_PER_ROUTE = 16;

  static final int MAX_TOTAL = 1024;

  static final int VALIDATE_AFTER_INACTIVITY_MS = 1000;

  static final int MAX_LINE_LENGTH = 8192;
  static final int BUFFER_SIZE = 2048;
  static final int MAX_HEADER_COUNT = 100;

  /** The context attribute holding the session's TLS strategy. */
  static final String TLS_ATTRIBUTE = "io.nvrkit.tls";

  private final PartitionedManager pool;
  private final CloseableHttpClient client;
  private final ScheduledExecutorService timer;
  private final ExchangeListener listener;

  /** Endpoints already warned about for {@code TlsTrust.insecure()} by this kit. */
  private final Set<String> insecureWarned = ConcurrentHashMap.newKeySet();

  /**
   * Builds the client and pool.
   *
   * @param timer cancels requests whose total timeout expired; owned by the caller
   * @param listener told about every exchange
   */
  public SharedTransport(ScheduledExecutorService timer, ExchangeListener listener) {
    this.timer = timer;
    this.listener = listener;
    Http1Config h1 =
        Http1Config.custom()
            // device API messages are small, and Dahua-family firmware closes every connection
            // after one exchange: 8 KiB in and out buffers per connection were a fifth of a
            // fleet rotation's garbage; larger bodies are simply read in more chunks
            .setBufferSize(BUFFER_SIZE)
            .setMaxLineLength(MAX_LINE_LENGTH)
            .setMaxHeaderCount(MAX_HEADER_COUNT)
            .build();
    PoolingHttpClientConnectionManager real =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setConnectionFactory(
                ManagedHttpClientConnectionFactory.builder().http1Config(h1).build())
            .setMaxConnTotal(MAX_TOTAL)
            .setMaxConnPerRoute(MAX_PER_ROUTE)
            .setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setValidateAfterInactivity(
                        TimeValue.ofMilliseconds(VALIDATE_AFTER_INACTIVITY_MS))
                    .build())
            // plain http needs no TLS: without a strategy HttpClient builds its default one, which
            // loads the JDK trust store (~300 ms of a cold start); TLS sessions pass their own
            .setTlsSocketStrategy(SharedTransport::upgrade)
            .build();
    this.pool = new PartitionedManager(real);
    // The minimal client: no exec chain, so no retries, redirects, cookies or auth of its own,
    // and (unlike the full client's MainClientExec) no DEBUG line that prints the request line
    // with its query, where Dahua CGI calls carry passwords.
    this.client = HttpClients.createMinimal(pool);
  }

  private static SSLSocket upgrade(
      Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    Object s = context == null ? null : context.getAttribute(TLS_ATTRIBUTE);
    if (!(s instanceof TlsSocketStrategy)) {
      throw new javax.net.ssl.SSLException("TLS is not configured for a plain-http endpoint");
    }
    return ((TlsSocketStrategy) s).upgrade(socket, target, port, attachment, context);
  }

  /**
   * A view for one device session.
   *
   * @param endpoint the device
   * @param options timeouts and limits
   * @param nonces how the device treats Digest nonces
   * @return the view
   */
  public DeviceHttp open(
      DeviceEndpoint endpoint, ConnectOptions options, DeviceHttp.Nonces nonces) {
    HttpClientTransport t = new HttpClientTransport(this, endpoint, options);
    if (nonces == DeviceHttp.Nonces.SINGLE_USE) {
      t.singleUseNonces();
    }
    return t;
  }

  CloseableHttpClient client() {
    return client;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  ExchangeListener listener() {
    return listener;
  }

  boolean firstInsecureWarning(String endpointKey) {
    return insecureWarned.add(endpointKey);
  }

  /** Runs {@code exchange} with leases taken in {@code partition} (the session's view). */
  <T, E extends Exception> T inPartition(Object partition, Exchange<T, E> exchange) throws E {
    Object before = pool.partition.get();
    pool.partition.set(partition);
    try {
      return exchange.run();
    } finally {
      if (before == null) {
        pool.partition.remove();
      } else {
        pool.partition.set(before);
      }
    }
  }

  /** One exchange. */
  @FunctionalInterface
  interface Exchange<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * Views closed since the pool was last swept; a sweep also drops the pool's empty per-device
   * entries, which would otherwise stay for every device the kit ever talked to.
   */
  private final java.util.concurrent.atomic.AtomicInteger closedSinceSweep =
      new java.util.concurrent.atomic.AtomicInteger();

  /** Sweep after this many closed views that left nothing in the pool. */
  static final int SWEEP_EVERY = 64;

  /**
   * A view was closed. If it may have left an idle connection in the pool, the pool's idle
   * connections are closed (its own must not linger); a view of a device that closes every
   * connection (Dahua firmware) left none, and only every {@value #SWEEP_EVERY}th such close sweeps
   * the pool (a sweep walks every device's entry: on each close it was a cost that grows with the
   * fleet's concurrency).
   *
   * @param mayHaveIdle whether the view may have left an idle connection
   */
  void viewClosed(boolean mayHaveIdle) {
    if (mayHaveIdle || closedSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
      closedSinceSweep.set(0);
      pool.real.closeIdle(TimeValue.ZERO_MILLISECONDS);
    }
  }

  /** Closes every pooled connection. */
  @Override
  public void close() {
    client.close(CloseMode.GRACEFUL);
  }

  /**
   * The pool with a partition per TLS trust: the connection state of a lease is the partition of
   * the leasing thread's current exchange, and a connection goes back with the state it was leased
   * with, so the pool only hands a connection to a session of the same partition.
   */
  private static final class PartitionedManager implements HttpClientConnectionManager {
    private final PoolingHttpClientConnectionManager real;
    private final ThreadLocal<Object> partition = new ThreadLocal<>();
    private final Map<ConnectionEndpoint, Object> leasedWith = new ConcurrentHashMap<>();

    PartitionedManager(PoolingHttpClientConnectionManager real) {
      this.real = real;
    }

    @Override
    public LeaseRequest lease(String id, HttpRoute route, Timeout requestTimeout, Object state) {
      Object p = partition.get();
      LeaseRequest lr = real.lease(id, route, requestTimeout, p);
      return new LeaseRequest() {
        @Override
        public ConnectionEndpoint get(Timeout timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
          ConnectionEndpoint e = lr.get(timeout);
          if (p != null) {
            leasedWith.put(e, p);
          }
          return e;
        }

        @Override
        public boolean cancel() {
          return lr.cancel();
        }
      };
    }

    @Override
    public void release(ConnectionEndpoint endpoint, Object newState, TimeValue validDuration) {
      real.release(endpoint, leasedWith.remove(endpoint), validDuration);
    }

    @Override
    public void connect(ConnectionEndpoint endpoint, TimeValue connectTimeout, HttpContext context)
        throws IOException {
      real.connect(endpoint, connectTimeout, context);
    }

    @Override
    public void upgrade(ConnectionEndpoint endpoint, HttpContext context) throws IOException {
      real.upgrade(endpoint, context);
    }

    @Override
    public void close(CloseMode closeMode) {
      real.close(closeMode);
    }

    @Override
    public void close() throws IOException {
      real.close();
    }
  }
}
