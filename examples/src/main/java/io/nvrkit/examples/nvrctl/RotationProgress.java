package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.rotation.RotationListener;
import io.nvrkit.core.rotation.RotationReport;
import io.nvrkit.core.rotation.RotationReport.Outcome;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a person sees while {@code nvrctl rotate} runs. On a terminal: one live line on stderr,
 * redrawn with a carriage return four times a second: a bar, done, failed, in flight, rate and ETA.
 * Otherwise (a pipe, a log file, CI): one plain line per finished device on stdout, flushed at
 * once, so a supervisor can follow progress line by line. Never shows a secret. Thread-safe.
 */
final class RotationProgress implements RotationListener, AutoCloseable {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile long startNanos = System.nanoTime();
  private ScheduledExecutorService ticker;

  RotationProgress(PrintWriter out, PrintWriter err, boolean terminal) {
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void started(int devices) {
    total.set(devices);
    startNanos = System.nanoTime();
    if (terminal) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "nvrctl-progress");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::draw, 0, 250, TimeUnit.MILLISECONDS);
    } else {
      synchronized (out) {
        out.println("rotating " + devices + " device(s)");
        out.flush();
      }
    }
  }

  @Override
  public void deviceStarted(DeviceAccount account) {
    inFlight.incrementAndGet();
  }

  @Override
  public void deviceFinished(RotationReport.DeviceResult r) {
    inFlight.decrementAndGet();
    done.incrementAndGet();
    if (r.outcome() != Outcome.COMMITTED) {
      failed.incrementAndGet();
    }
    if (!terminal) {
      synchronized (out) {
        out.println(line(r));
        out.flush();
      }
    }
  }

  static String line(RotationReport.DeviceResult r) {
    return r.outcome()
        + " "
        + r.account()
        + " ("
        + r.roundTrips()
        + " round trips, "
        + r.duration().toMillis()
        + " ms)"
        + (r.reason().isEmpty() ? "" : ": " + r.reason());
  }

  String bar() {
    int n = total.get();
    int d = done.get();
    double secs = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = d / secs;
    int width = 30;
    int filled = n == 0 ? width : (int) ((long) width * d / n);
    StringBuilder sb = new StringBuilder("\r[");
    for (int i = 0; i < width; i++) {
      sb.append(i < filled ? '#' : '.');
    }
    sb.append("] ").append(d).append('/').append(n);
    sb.append("  failed ").append(failed.get());
    sb.append("  in flight ").append(inFlight.get());
    sb.append(String.format(Locale.ROOT, "  %.1f/s", rate));
    sb.append("  ETA ");
    if (d == 0 || rate <= 0) {
      sb.append("--:--");
    } else {
      long eta = Math.round((n - d) / rate);
      sb.append(String.format(Locale.ROOT, "%d:%02d", eta / 60, eta % 60));
    }
    sb.append("   ");
    return sb.toString();
  }

  private void draw() {
    synchronized (err) {
      err.print(bar());
      err.flush();
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      draw();
      synchronized (err) {
        err.println();
        err.flush();
      }
    }
  }
}
