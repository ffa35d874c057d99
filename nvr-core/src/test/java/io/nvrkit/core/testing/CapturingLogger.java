package io.nvrkit.core.testing;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * A logger that, while a {@link LogCapture} is active, is enabled at every level and records every
 * call; otherwise it is disabled (tests stay quiet and fast).
 */
final class CapturingLogger extends LegacyAbstractLogger implements LoggingEventAware {
  private static final long serialVersionUID = 1L;

  CapturingLogger(String name) {
    this.name = name;
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    record(level, pattern, args, List.of(), t);
  }

  /** The fluent API ({@code logger.atDebug()...}), key-value pairs included. */
  @Override
  public void log(LoggingEvent e) {
    record(
        e.getLevel(),
        e.getMessage(),
        e.getArgumentArray(),
        e.getKeyValuePairs() == null ? List.of() : e.getKeyValuePairs(),
        e.getThrowable());
  }

  private void record(
      Level level, String pattern, Object[] args, List<KeyValuePair> kv, Throwable t) {
    if (!LogCapture.isActive()) {
      return;
    }
    String formatted = MessageFormatter.basicArrayFormat(pattern, args);
    List<String> extra = new ArrayList<>();
    if (args != null) {
      for (Object a : args) {
        extra.add(String.valueOf(a));
      }
    }
    for (KeyValuePair p : kv) {
      extra.add(p.key + "=" + p.value);
    }
    LogCapture.record(new LogCapture.Event(level, name, formatted, extra, t));
  }

  @Override
  public boolean isTraceEnabled() {
    return LogCapture.isActive();
  }

  @Override
  public boolean isDebugEnabled() {
    return LogCapture.isActive();
  }

  @Override
  public boolean isInfoEnabled() {
    return LogCapture.isActive();
  }

  @Override
  public boolean isWarnEnabled() {
    return LogCapture.isActive();
  }

  @Override
  public boolean isErrorEnabled() {
    return LogCapture.isActive();
  }
}
