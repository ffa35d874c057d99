package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** nvrctl's logging (slf4j-simple with src/main/resources/simplelogger.properties). */
class LoggingConfigTest {
  @Test
  void httpClientLoggersThatPrintSecretsAreOff() {
    // MainClientExec logs request lines with the query string (Dahua's pwd) at DEBUG
    assertFalse(
        LoggerFactory.getLogger("org.apache.hc.client5.http.impl.classic.MainClientExec")
            .isDebugEnabled());
    assertFalse(LoggerFactory.getLogger("org.apache.hc.client5.http.wire").isErrorEnabled());
    assertFalse(LoggerFactory.getLogger("org.apache.hc.client5.http.headers").isErrorEnabled());
  }

  @Test
  void libraryDebugIsOffByDefaultButWarningsShow() {
    var transport = LoggerFactory.getLogger("io.nvrkit.core.internal.http.HttpClientTransport");
    assertFalse(transport.isDebugEnabled());
    assertTrue(transport.isWarnEnabled(), "insecure TLS and plaintext warnings must reach users");
  }
}
