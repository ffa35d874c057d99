package io.nvrkit.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Captures everything the code under test logs (SLF4J, every logger at TRACE, through {@link
 * CapturingServiceProvider}) and prints (System.out/err, teed), and checks that no secret appears
 * in it, in an exception or in a {@code toString()}.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.start()) {
 *   ... run the code with a canary password ...
 *   logs.assertNoSecret(CANARY);
 *   LogCapture.assertNoSecretIn("exception", LogCapture.describe(e), CANARY);
 * }
 * }</pre>
 *
 * <p>Failure messages say where a secret was found, never the secret or the line holding it.
 * Logging is global: do not run capturing tests in parallel with each other.
 */
public final class LogCapture implements AutoCloseable {
  /** One logging call, formatted. */
  public record Event(
      Level level, String logger, String message, List<String> arguments, Throwable thrown) {
    /**
     * Everything a log backend could print for this event.
     *
     * @return the text
     */
    public String text() {
      StringBuilder sb = new StringBuilder(message == null ? "" : message);
      arguments.forEach(a -> sb.append('\n').append(a));
      if (thrown != null) {
        sb.append('\n').append(describe(thrown));
      }
      return sb.toString();
    }

    @Override
    public String toString() {
      return level + " " + logger;
    }
  }

  /**
   * Loggers whose output is not the library's and is excluded from {@link
   * #assertNoSecret(String...)}: HttpClient's wire and header loggers print credentials and bodies
   * by design (the README tells users to keep them off; nvrctl turns them off), and the test's fake
   * servers (WireMock, Jetty) log what they received. Everything else, including every {@code
   * io.nvrkit} logger, is checked.
   */
  public static final List<String> EXCLUDED_LOGGERS =
      List.of(
          "org.apache.hc.client5.http.wire",
          "org.apache.hc.client5.http.headers",
          "org.apache.hc.client5.http2.frame",
          "org.eclipse.jetty",
          "com.github.tomakehurst.wiremock",
          "org.wiremock",
          "WireMock");

  private static final List<Event> EVENTS = Collections.synchronizedList(new ArrayList<>());
  private static volatile boolean active;

  private final PrintStream originalOut;
  private final PrintStream originalErr;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private LogCapture() {
    originalOut = System.out;
    originalErr = System.err;
    System.setOut(tee(originalOut));
    System.setErr(tee(originalErr));
  }

  /**
   * Starts capturing: clears earlier events, tees System.out and System.err, and proves that
   * logging is really captured at TRACE (a capture that sees nothing would make every check pass).
   *
   * @return the capture; close it to restore System.out/err
   */
  public static LogCapture start() {
    assertTrue(
        LoggerFactory.getILoggerFactory() instanceof CapturingServiceProvider.Factory,
        "SLF4J is not bound to the capturing provider but to "
            + LoggerFactory.getILoggerFactory().getClass().getName()
            + " (set -Dslf4j.provider="
            + CapturingServiceProvider.class.getName()
            + ")");
    EVENTS.clear();
    active = true;
    String probe = "probe-" + UUID.randomUUID();
    LoggerFactory.getLogger("io.nvrkit.probe").atTrace().addKeyValue("k", probe).log("probe");
    if (EVENTS.stream().noneMatch(e -> e.text().contains(probe))) {
      active = false;
      fail("TRACE is not being captured");
    }
    EVENTS.clear();
    return new LogCapture();
  }

  /**
   * Whether a capture is running (loggers are enabled only then).
   *
   * @return true while capturing
   */
  public static boolean isActive() {
    return active;
  }

  static void record(Event e) {
    EVENTS.add(e);
    if (Boolean.getBoolean("nvrkit.test.log.echo")) {
      System.err.println("[" + e.level() + "] " + e.logger() + " - " + e.message());
    }
  }

  /**
   * The events captured since {@link #start()}.
   *
   * @return a snapshot
   */
  public List<Event> events() {
    synchronized (EVENTS) {
      return List.copyOf(EVENTS);
    }
  }

  /**
   * The events of loggers whose name starts with {@code prefix}.
   *
   * @param prefix such as {@code io.nvrkit}
   * @return a snapshot
   */
  public List<Event> events(String prefix) {
    return events().stream().filter(e -> e.logger().startsWith(prefix)).toList();
  }

  /**
   * Every captured event of a logger not in {@link #EXCLUDED_LOGGERS}, one line each ({@code LEVEL
   * logger - message}, arguments and throwable appended); for assertions on what the library logs.
   *
   * @return the text
   */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Event e : events()) {
      if (EXCLUDED_LOGGERS.stream().anyMatch(x -> e.logger().startsWith(x))) {
        continue;
      }
      sb.append(e.level())
          .append(' ')
          .append(e.logger())
          .append(" - ")
          .append(e.text())
          .append('\n');
    }
    return sb.toString();
  }

  /**
   * What was printed to System.out and System.err since {@link #start()}.
   *
   * @return the text
   */
  public String printed() {
    synchronized (printed) {
      return printed.toString(StandardCharsets.UTF_8);
    }
  }

  /**
   * Fails if any secret occurs (case-insensitively) in a captured log event (except those of {@link
   * #EXCLUDED_LOGGERS}) or in printed output.
   *
   * @param secrets the canaries
   */
  public void assertNoSecret(String... secrets) {
    List<Event> events = events();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (EXCLUDED_LOGGERS.stream().noneMatch(x -> e.logger().startsWith(x))) {
        assertNoSecretIn("log event #" + i + " (" + e + ")", e.text(), secrets);
      }
    }
    assertNoSecretIn("System.out/System.err", printed(), secrets);
  }

  /**
   * Fails if any secret occurs (case-insensitively) in {@code text}; the failure message names
   * {@code where} and the canary's index, never its value or the text.
   *
   * @param where what the text is, for the failure message
   * @param text the text to search
   * @param secrets the canaries
   */
  public static void assertNoSecretIn(String where, String text, String... secrets) {
    if (text == null) {
      return;
    }
    String t = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < secrets.length; i++) {
      if (t.contains(secrets[i].toLowerCase(Locale.ROOT))) {
        fail("secret #" + i + " leaked into " + where);
      }
    }
  }

  /**
   * Everything a throwable shows: message, localized message, toString and stack trace, for it, its
   * causes and suppressed exceptions.
   *
   * @param t the throwable
   * @return the text
   */
  public static String describe(Throwable t) {
    StringWriter sw = new StringWriter();
    try (PrintWriter pw = new PrintWriter(sw)) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        pw.println(c.getMessage());
        pw.println(c.getLocalizedMessage());
        pw.println(c);
        for (Throwable s : c.getSuppressed()) {
          pw.println(describe(s));
        }
        if (c.getCause() == c) {
          break;
        }
      }
      t.printStackTrace(pw);
    }
    return sw.toString();
  }

  /** Stops capturing and restores System.out and System.err. */
  @Override
  public void close() {
    active = false;
    System.setOut(originalOut);
    System.setErr(originalErr);
  }

  private PrintStream tee(PrintStream original) {
    OutputStream both =
        new OutputStream() {
          @Override
          public void write(int b) {
            synchronized (printed) {
              printed.write(b);
            }
            original.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            synchronized (printed) {
              printed.write(b, off, len);
            }
            original.write(b, off, len);
          }

          @Override
          public void flush() {
            original.flush();
          }
        };
    return new PrintStream(both, true, StandardCharsets.UTF_8);
  }
}
