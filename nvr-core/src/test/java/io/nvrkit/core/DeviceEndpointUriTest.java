package io.nvrkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DeviceEndpointUriTest {

  @Test
  void aUriAndItsTextGiveTheSameEndpoint() {
    assertEquals(
        DeviceEndpoint.of("https://192.0.2.10/nvr/"),
        DeviceEndpoint.of(URI.create("https://192.0.2.10/nvr/")));
    assertEquals(
        URI.create("http://192.0.2.11:8080"),
        DeviceEndpoint.of(URI.create("http://192.0.2.11:8080")).uri());
  }

  @Test
  void aUriIsCheckedLikeText() {
    assertThrows(
        IllegalArgumentException.class,
        () -> DeviceEndpoint.of(URI.create("http://admin:pw@192.0.2.10")));
    assertThrows(
        IllegalArgumentException.class, () -> DeviceEndpoint.of(URI.create("ftp://192.0.2.10")));
  }
}
