package io.nvrkit.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The testkit's standalone fake fleet ({@code StandaloneLauncher --fleet N}) in a separate JVM, so
 * that the benchmark JVM's CPU time is the client's alone. It is started with the same {@code java}
 * and class path as this JVM (the benchmarks jar bundles the testkit), and is ready when it prints
 * its ready line; {@link #close} stops it (SIGTERM, then SIGKILL after 10 s).
 */
final class ExternalFleet implements AutoCloseable {
  static final String LAUNCHER = "io.nvrkit.testkit.launcher.StandaloneLauncher";
  private static final Pattern DEVICE_URL = Pattern.compile("\\{\"url\":\"([^\"]+)\"");

  private final Process process;
  private final List<URI> urls;

  private ExternalFleet(Process process, List<URI> urls) {
    this.process = process;
    this.urls = urls;
  }

  /**
   * Starts a fleet and waits for its ready line.
   *
   * @param launcherArgs the launcher's options ({@code --personality … --fleet N …})
   * @param jvmOptions options for the fleet's JVM (e.g. a heap size), may be empty
   * @return the running fleet
   * @throws IOException if it cannot start or exits before it is ready
   */
  static ExternalFleet start(List<String> launcherArgs, List<String> jvmOptions)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(LAUNCHER);
    cmd.addAll(launcherArgs);
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      // blocks until the launcher prints (it prints the ready line once everything listens) or
      // exits (end of stream)
      while ((line = out.readLine()) != null) {
        if (line.startsWith("{\"ready\":true")) {
          int devices = line.indexOf("\"devices\":[");
          if (devices < 0) {
            throw new IOException("the fake fleet's ready line lists no devices");
          }
          List<URI> urls = new ArrayList<>();
          Matcher m = DEVICE_URL.matcher(line);
          m.region(devices, line.length());
          while (m.find()) {
            urls.add(URI.create(m.group(1)));
          }
          drain(p);
          return new ExternalFleet(p, urls);
        }
      }
      throw new IOException("the fake fleet exited with status " + p.waitFor() + " before ready");
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the fake fleet started", e);
    }
  }

  /** Reads (and drops) anything else the launcher prints, so that it never blocks on a pipe. */
  private static void drain(Process p) {
    Thread t =
        new Thread(
            () -> {
              try {
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
              } catch (IOException ignored) {
                // the fleet stopped
              }
            },
            "external-fleet-stdout");
    t.setDaemon(true);
    t.start();
  }

  private static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
  }

  /** The devices' base URLs, in the launcher's order. */
  List<URI> urls() {
    return urls;
  }

  /** The fleet process's CPU time so far, or -1 if the platform does not say. */
  long cpuMillis() {
    return process.info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
