package io.nvrkit.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bare exchange cost: per device, the same number of plain HTTP/1.1 GET exchanges as the
 * rotation made, over one kept-alive socket (a new one whenever the device answers {@code
 * Connection: close} or closes), with no authentication, XML, journal or HTTP library: a request
 * written in one segment with {@code TCP_NODELAY}, a status line, headers and a {@code
 * Content-Length} body read back. Devices are taken by {@code concurrency} threads, as the rotation
 * takes them. What the device answers (usually 401 or 404) does not matter; that it answers does.
 */
final class RawExchanges {
  private static final int MAX_HEAD = 16 * 1024;
  private static final int TIMEOUT_MS = 30_000;

  private RawExchanges() {}

  /**
   * Runs the exchanges.
   *
   * @return the number of exchanges made
   */
  static long run(List<URI> devices, int exchangesPerDevice, int concurrency, String path)
      throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Long>> fs = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        fs.add(
            pool.submit(
                () -> {
                  long n = 0;
                  for (int i = next.getAndIncrement();
                      i < devices.size();
                      i = next.getAndIncrement()) {
                    n += device(devices.get(i), exchangesPerDevice, path);
                  }
                  return n;
                }));
      }
      long total = 0;
      for (Future<Long> f : fs) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long device(URI uri, int exchanges, String path) throws IOException {
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    byte[] request =
        ("GET "
                + path
                + " HTTP/1.1\r\nHost: "
                + uri.getHost()
                + ":"
                + port
                + "\r\nUser-Agent: raw\r\nAccept: */*\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    Socket s = null;
    InputStream in = null;
    try {
      for (int k = 0; k < exchanges; k++) {
        if (s == null) {
          s = new Socket();
          s.setTcpNoDelay(true);
          s.setSoTimeout(TIMEOUT_MS);
          s.connect(new InetSocketAddress(uri.getHost(), port), TIMEOUT_MS);
          in = new BufferedInputStream(s.getInputStream(), 2048);
        }
        OutputStream out = s.getOutputStream();
        out.write(request);
        out.flush();
        if (!readResponse(in)) {
          s.close();
          s = null;
        }
      }
    } finally {
      if (s != null) {
        s.close();
      }
    }
    return exchanges;
  }

  /** Reads one response; whether the connection stays open. */
  private static boolean readResponse(InputStream in) throws IOException {
    byte[] head = new byte[MAX_HEAD];
    int n = 0;
    while (n < 4
        || head[n - 4] != '\r'
        || head[n - 3] != '\n'
        || head[n - 2] != '\r'
        || head[n - 1] != '\n') {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the response head ended");
      }
      if (n == MAX_HEAD) {
        throw new IOException("response head over " + MAX_HEAD + " bytes");
      }
      head[n++] = (byte) b;
    }
    String text = new String(head, 0, n, StandardCharsets.ISO_8859_1);
    if (!text.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x response");
    }
    long length = -1;
    boolean keepAlive = text.startsWith("HTTP/1.1");
    for (String line : text.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (name.equals("content-length") && !value.isEmpty()) {
        length = Long.parseLong(value);
      } else if (name.equals("connection")) {
        keepAlive = !value.toLowerCase(Locale.ROOT).contains("close");
      } else if (name.equals("transfer-encoding")) {
        throw new IOException("chunked answers are not expected from the fake");
      }
    }
    if (length < 0) {
      in.transferTo(OutputStream.nullOutputStream()); // the body ends with the connection
      return false;
    }
    in.skipNBytes(length);
    return keepAlive;
  }
}
