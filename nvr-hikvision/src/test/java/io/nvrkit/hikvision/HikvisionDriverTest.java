package io.nvrkit.hikvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.spi.NvrDriver;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HikvisionDriverTest {
  @Test
  void foundByServiceLoaderAsHikvisionAboveOnvif() {
    NvrDriver d =
        ServiceLoader.load(NvrDriver.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(x -> x.driverId().equals("hikvision"))
            .findFirst()
            .orElseThrow();
    assertEquals(HikvisionDriver.class, d.getClass());
    assertTrue(d.priority() > 0, "above the generic ONVIF driver (priority 0)");
    assertEquals(HikvisionPasswords.defaultPolicy().name(), d.defaultPolicy().name());
  }
}
