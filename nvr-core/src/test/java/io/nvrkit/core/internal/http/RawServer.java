package io.nvrkit.core.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny loopback TCP server for answers WireMock cannot give (it reads the request head first).
 */
final class RawServer implements AutoCloseable {
  interface Handler {
    void handle(Socket s, RawServer server) throws IOException, InterruptedException;
  }

  final ServerSocket socket;
  final AtomicInteger connections = new AtomicInteger();
  final AtomicLong bytesWritten = new AtomicLong();
  final CountDownLatch done = new CountDownLatch(1);
  private final Thread thread;

  RawServer(Handler handler) throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread =
        new Thread(
            () -> {
              try (Socket s = socket.accept()) {
                connections.incrementAndGet();
                readHead(s.getInputStream());
                handler.handle(s, this);
              } catch (IOException | InterruptedException e) {
                // client went away
              } finally {
                done.countDown();
              }
            },
            "raw-server");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  boolean awaitDone(long seconds) throws InterruptedException {
    return done.await(seconds, TimeUnit.SECONDS);
  }

  static void readHead(InputStream in) throws IOException {
    int state = 0;
    int c;
    while (state < 4 && (c = in.read()) >= 0) {
      state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    thread.interrupt();
  }
}
