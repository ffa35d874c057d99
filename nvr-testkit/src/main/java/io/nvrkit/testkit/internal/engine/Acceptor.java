package io.nvrkit.testkit.internal.engine;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one acceptor of the JVM: a single daemon thread with a {@link Selector} accepts connections
 * for every fake device's listening socket, and hands each accepted connection to a shared pool of
 * daemon threads that lives only as long as connections do. An idle device therefore costs a
 * listening socket and no thread, so thousands of devices fit in one JVM.
 */
public final class Acceptor {
  private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
  private static final Acceptor SHARED = new Acceptor();

  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final ExecutorService workers;
  private Selector selector;
  private Thread thread;

  private Acceptor() {
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "nvr-testkit-conn-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The shared acceptor.
   *
   * @return the acceptor
   */
  public static Acceptor shared() {
    return SHARED;
  }

  /**
   * The pool connections are served on.
   *
   * @return the executor
   */
  ExecutorService workers() {
    return workers;
  }

  /**
   * Starts accepting on {@code channel}; each new connection is passed to {@code onAccept} on a
   * worker thread.
   *
   * @param channel a bound listening channel
   * @param onAccept what to do with each connection
   * @throws IOException if the selector cannot be opened
   */
  public synchronized void register(ServerSocketChannel channel, Consumer<SocketChannel> onAccept)
      throws IOException {
    ensureStarted();
    channel.configureBlocking(false);
    pending.add(
        () -> {
          try {
            channel.register(selector, SelectionKey.OP_ACCEPT, onAccept);
          } catch (ClosedChannelException e) {
            LOG.debug("channel closed before it was registered");
          }
        });
    selector.wakeup();
  }

  /**
   * Stops accepting on {@code channel} and closes it. Returns once the port is released: a channel
   * registered with a selector keeps listening until its key is flushed by a selection, so the
   * acceptor thread cancels the key, flushes it and closes the channel, and the caller waits for
   * that (bounded).
   *
   * @param channel the listening channel
   */
  public void unregister(ServerSocketChannel channel) {
    Selector s;
    Thread t;
    synchronized (this) {
      s = selector;
      t = thread;
    }
    if (s == null || Thread.currentThread() == t) {
      closeChannel(channel, s);
      return;
    }
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    pending.add(
        () -> {
          try {
            closeChannel(channel, s);
          } finally {
            done.countDown();
          }
        });
    s.wakeup();
    try {
      if (!done.await(5, TimeUnit.SECONDS)) {
        LOG.debug("acceptor did not release a listening channel in time; closing it directly");
        closeChannel(channel, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeChannel(channel, null);
    }
  }

  private static void closeChannel(ServerSocketChannel channel, Selector s) {
    if (s != null) {
      SelectionKey k = channel.keyFor(s);
      if (k != null) {
        k.cancel();
        try {
          s.selectNow(); // deregisters the cancelled key, so close() really releases the port
        } catch (IOException e) {
          LOG.debug("flushing a cancelled key failed", e);
        }
      }
    }
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing a listening channel failed", e);
    }
  }

  private void ensureStarted() throws IOException {
    if (thread != null) {
      return;
    }
    selector = Selector.open();
    thread = new Thread(this::loop, "nvr-testkit-acceptor");
    thread.setDaemon(true);
    thread.start();
  }

  @SuppressWarnings("unchecked")
  private void loop() {
    while (true) {
      try {
        selector.select();
        Runnable r;
        while ((r = pending.poll()) != null) {
          r.run();
        }
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey k = it.next();
          it.remove();
          if (!k.isValid() || !k.isAcceptable()) {
            continue;
          }
          ServerSocketChannel ch = (ServerSocketChannel) k.channel();
          Consumer<SocketChannel> onAccept = (Consumer<SocketChannel>) k.attachment();
          SocketChannel c;
          while ((c = acceptOne(ch, k)) != null) {
            SocketChannel conn = c;
            try {
              workers.execute(() -> onAccept.accept(conn));
            } catch (RuntimeException e) {
              closeQuietly(conn);
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("fake device acceptor: {}", e.toString());
      }
    }
  }

  private static SocketChannel acceptOne(ServerSocketChannel ch, SelectionKey k) {
    try {
      return ch.accept();
    } catch (IOException e) {
      k.cancel();
      return null;
    }
  }

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
