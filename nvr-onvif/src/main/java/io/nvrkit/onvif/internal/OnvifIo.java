package io.nvrkit.onvif.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The module's own I/O threads for overlapping blocking device calls (the connect preamble sends
 * two anonymous requests at once).
 *
 * <p>Thread-safe.
 */
final class OnvifIo {
  /** At most this many overlapping ONVIF requests run on the module's own threads. */
  static final int MAX_IO_THREADS = 64;

  private static final ExecutorService IO =
      new ThreadPoolExecutor(
          0,
          MAX_IO_THREADS,
          60,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "nvrkit-onvif-io");
            t.setDaemon(true);
            return t;
          },
          // bounded: when a fleet has every thread busy, the caller runs the request itself
          new ThreadPoolExecutor.CallerRunsPolicy());

  private OnvifIo() {}

  /**
   * Runs a blocking device call on the module's I/O threads (daemon, created on demand up to
   * {@value #MAX_IO_THREADS}, idle ones end after a minute; beyond that the caller runs it).
   *
   * @param task the call
   * @param <T> its result
   * @return the future
   */
  static <T> CompletableFuture<T> async(Supplier<T> task) {
    return CompletableFuture.supplyAsync(task, IO);
  }

  /**
   * Waits for a call started with {@link #async}, rethrowing its exception as is.
   *
   * @param f the future
   * @param <T> its result
   * @return the result
   */
  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw e;
    }
  }
}
