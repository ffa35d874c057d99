package io.nvrkit.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.DeviceClock;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeNvr;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The snippets of {@code docs/writing-a-driver.md} that are not part of the example driver ({@code
 * io.nvrkit.examples.driver}, whose tagged regions the compatibility kit runs).
 */
class WritingADriverSnippetsTest {
  private static final ZoneId DEVICE_ZONE = ZoneId.of("America/Toronto");
  private static final DateTimeFormatter DAHUA_TIME =
      DateTimeFormatter.ofPattern("uuuu-M-d H:m:s", Locale.ROOT);

  /**
   * A device clock learned from one answer moves with the kit's monotonic clock, not with the local
   * wall clock (here three hours wrong and frozen).
   */
  @Test
  void deviceClockFollowsTheMonotonicClockFromOneAnswer() {
    Instant deviceStart = Instant.parse("2026-03-01T10:15:30Z");
    AtomicLong ticks = new AtomicLong(1_000_000_000L);
    Clock wrongLocal = Clock.fixed(deviceStart.plus(Duration.ofHours(3)), ZoneOffset.UTC);
    try (FakeNvr fake =
            FakeNvr.lorex()
                .clock(FakeClock.fixed(deviceStart, DEVICE_ZONE))
                .user("admin", "Doc-Clock-2026x", AccountLevel.ADMINISTRATOR)
                .start();
        NvrKit kit = NvrKit.builder().clock(wrongLocal).ticker(ticks::get).build()) {
      DriverContext context = kit.driverContext();
      try (DeviceHttp http =
          context.openHttp(
              fake.endpoint(), ConnectOptions.defaults(), DeviceHttp.Nonces.SINGLE_USE)) {
        DeviceHttpRequest getTime =
            DeviceHttpRequest.get("getCurrentTime", "/cgi-bin/global.cgi?action=getCurrentTime")
                .credentials(Credentials.of("admin", Secret.of("Doc-Clock-2026x")))
                .build();
        // tag::writing-a-driver-clock[]
        DeviceClock clock = context.newDeviceClock();
        long sent = clock.nanos();
        DeviceHttpResponse r = http.execute(getTime);
        clock.learn(deviceUtc(r), sent, clock.nanos());
        Instant deviceNow = clock.deviceNow();
        // end::writing-a-driver-clock[]
        assertEquals(deviceStart, deviceNow);
        assertEquals(Duration.ofHours(-3), clock.skew());
        ticks.addAndGet(Duration.ofSeconds(90).toNanos());
        assertEquals(deviceStart.plusSeconds(90), clock.deviceNow());
      }
    }
  }

  /** {@code result=2026-3-1 5:15:30}: the device's local time, in the zone it is known to use. */
  private static Instant deviceUtc(DeviceHttpResponse r) {
    String text = r.text().strip();
    if (r.status() != 200 || !text.startsWith("result=")) {
      throw new ProtocolException("no device time in the answer");
    }
    try {
      return LocalDateTime.parse(text.substring("result=".length()).strip(), DAHUA_TIME)
          .atZone(DEVICE_ZONE)
          .toInstant();
    } catch (DateTimeParseException e) {
      throw new ProtocolException("the device time is malformed");
    }
  }
}
