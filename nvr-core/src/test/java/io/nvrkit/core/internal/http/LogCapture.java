package io.nvrkit.core.internal.http;

import java.util.stream.Collectors;

/**
 * The transport tests' view of {@link io.nvrkit.core.testing.LogCapture}: while open, every log
 * call is captured at TRACE; {@link #text()} renders them one per line as {@code [LEVEL] logger -
 * message}, followed by whatever was printed, leaving out the loggers of {@link
 * io.nvrkit.core.testing.LogCapture#EXCLUDED_LOGGERS} (HttpClient's wire/header loggers and the
 * fake servers).
 */
final class LogCapture implements AutoCloseable {
  private final io.nvrkit.core.testing.LogCapture capture =
      io.nvrkit.core.testing.LogCapture.start();

  String text() {
    String events =
        capture.events().stream()
            .filter(
                e ->
                    io.nvrkit.core.testing.LogCapture.EXCLUDED_LOGGERS.stream()
                        .noneMatch(x -> e.logger().startsWith(x)))
            .map(e -> "[" + e.level() + "] " + e.logger() + " - " + e.text())
            .collect(Collectors.joining("\n"));
    return events + "\n" + capture.printed();
  }

  @Override
  public void close() {
    capture.close();
  }
}
