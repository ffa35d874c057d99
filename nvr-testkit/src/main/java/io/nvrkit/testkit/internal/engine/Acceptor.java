package io.nvrkit.testkit.internal.engine;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network loop of one fake, fleet or desk: a single daemon thread with a {@link Selector}
 * accepts TCP connections for every listening socket registered with it and reads every registered
 * UDP socket (discovery responders), hands each accepted connection to a pool of daemon threads
 * that lives only as long as connections do, and runs delayed tasks on one timer thread. An idle
 * device therefore costs a listening socket and no thread, so thousands of devices share one loop.
 *
 * <p>Owned by whoever created it ({@code FakeNvr}, {@code FakeNvrFleet}, {@code FakeResetDesk}) and
 * closed with it; threads start on first use. Thread-safe.
 */
public final class Acceptor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
  private static final int MAX_DATAGRAM = 64 * 1024;

  /** Receives the datagrams of one registered UDP socket, on the loop's thread; must not block. */
  @FunctionalInterface
  public interface DatagramHandler {
    /**
     * One datagram.
     *
     * @param data its bytes (a copy)
     * @param from the sender
     */
    void onDatagram(byte[] data, SocketAddress from);
  }

  private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final ExecutorService workers;
  private final String name;
  private Selector selector;
  private Thread thread;
  private ScheduledExecutorService timer;
  private volatile boolean closed;

  /**
   * A loop, not yet running (its thread starts with the first registration).
   *
   * @param name a short name for its threads, e.g. {@code fleet}
   */
  public Acceptor(String name) {
    this.name = name;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> daemon(r, "nvr-testkit-" + name + "-conn-" + n.incrementAndGet()));
  }

  private static Thread daemon(Runnable r, String threadName) {
    Thread t = new Thread(r, threadName);
    t.setDaemon(true);
    return t;
  }

  /**
   * Starts accepting on {@code channel}; each new connection is passed to {@code onAccept} on a
   * worker thread.
   *
   * @param channel a bound listening channel
   * @param onAccept what to do with each connection
   * @throws IOException if the selector cannot be opened, or this loop is closed
   */
  public void register(ServerSocketChannel channel, Consumer<SocketChannel> onAccept)
      throws IOException {
    registerChannel(channel, SelectionKey.OP_ACCEPT, onAccept);
  }

  /**
   * Starts reading datagrams from {@code channel}; closing the channel stops it.
   *
   * @param channel a bound UDP channel
   * @param handler what to do with each datagram
   * @throws IOException if the selector cannot be opened, or this loop is closed
   */
  public void registerDatagram(DatagramChannel channel, DatagramHandler handler)
      throws IOException {
    registerChannel(channel, SelectionKey.OP_READ, handler);
  }

  private synchronized void registerChannel(SelectableChannel channel, int ops, Object attachment)
      throws IOException {
    ensureStarted();
    channel.configureBlocking(false);
    Selector s = selector;
    pending.add(
        () -> {
          try {
            channel.register(s, ops, attachment);
          } catch (ClosedChannelException e) {
            LOG.debug("channel closed before it was registered");
          }
        });
    s.wakeup();
  }

  /**
   * Runs {@code task} once after {@code delayMillis} on this loop's timer thread; nothing after
   * {@link #close()}.
   *
   * @param task the task (must not block)
   * @param delayMillis the delay, zero or more
   */
  public void schedule(Runnable task, long delayMillis) {
    ScheduledExecutorService t;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (timer == null) {
        timer =
            Executors.newSingleThreadScheduledExecutor(
                r -> daemon(r, "nvr-testkit-" + name + "-timer"));
      }
      t = timer;
    }
    try {
      t.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("loop closed; a delayed task is dropped");
    }
  }

  /**
   * Stops accepting on {@code channel} and closes it. Returns once the port is released: a channel
   * registered with a selector keeps listening until its key is flushed by a selection, so the loop
   * thread cancels the key, flushes it and closes the channel, and the caller waits for that
   * (bounded).
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
    if (s == null || !s.isOpen() || Thread.currentThread() == t) {
      closeChannel(channel, s);
      return;
    }
    CountDownLatch done = new CountDownLatch(1);
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

  /**
   * Stops the loop thread, the timer and idle workers (connections still open are the servers' to
   * close). Idempotent.
   */
  @Override
  public void close() {
    Selector s;
    ScheduledExecutorService t;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = selector;
      t = timer;
    }
    if (s != null) {
      s.wakeup();
    }
    if (t != null) {
      t.shutdownNow();
    }
    workers.shutdown();
  }

  private static void closeChannel(ServerSocketChannel channel, Selector s) {
    if (s != null && s.isOpen()) {
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
    if (closed) {
      throw new IOException("the fake's network loop is closed");
    }
    if (thread != null) {
      return;
    }
    selector = Selector.open();
    Selector s = selector;
    thread = daemon(() -> loop(s), "nvr-testkit-" + name + "-acceptor");
    thread.start();
  }

  private void loop(Selector s) {
    ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
    while (!closed) {
      try {
        s.select();
        Runnable r;
        while ((r = pending.poll()) != null) {
          r.run();
        }
        Iterator<SelectionKey> it = s.selectedKeys().iterator();
        while (it.hasNext()) {
          SelectionKey k = it.next();
          it.remove();
          if (k.isValid() && k.isAcceptable()) {
            acceptAll(k);
          } else if (k.isValid() && k.isReadable()) {
            receive(k, buf);
          }
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("fake device network loop: {}", e.toString());
      }
    }
    Runnable r;
    while ((r = pending.poll()) != null) {
      r.run(); // pending unregistrations close their channels
    }
    try {
      s.close();
    } catch (IOException e) {
      LOG.debug("closing the selector failed", e);
    }
  }

  @SuppressWarnings("unchecked")
  private void acceptAll(SelectionKey k) {
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

  private static void receive(SelectionKey k, ByteBuffer buf) {
    DatagramChannel ch = (DatagramChannel) k.channel();
    DatagramHandler h = (DatagramHandler) k.attachment();
    try {
      buf.clear();
      SocketAddress from = ch.receive(buf);
      if (from != null) {
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        h.onDatagram(data, from);
      }
    } catch (IOException e) {
      k.cancel();
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
