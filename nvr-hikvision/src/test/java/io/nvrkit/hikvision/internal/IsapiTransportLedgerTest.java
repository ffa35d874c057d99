package io.nvrkit.hikvision.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.LoginBudgetExhaustedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.LockoutLedger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link IsapiTransport}'s use of the lockout ledger: an attempt with unproven credentials is
 * reserved before the request leaves, and settled by the answer (a 401 is a failure; no answer or a
 * 5xx releases it; an accepted login drops it), so concurrent callers never send more unproven
 * attempts than the budget between them.
 */
class IsapiTransportLedgerTest {
  private static final DeviceEndpoint DEVICE = DeviceEndpoint.of("http://192.0.2.70");
  private static final ConnectOptions OPTIONS =
      ConnectOptions.builder().driver(HikvisionDriverCore.DRIVER_ID).build();
  private static final Credentials ADMIN = Credentials.of("admin", Secret.of("Ledger-Pw-1"));
  private static final int BUDGET = IsapiTransport.UNKNOWN_BUDGET;

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
  private final LockoutLedger ledger = LockoutLedger.inMemory(clock);

  /** A device answering every request with {@code answer}, recording what the ledger said then. */
  private final class Device implements DeviceHttp {
    final Function<DeviceHttpRequest, DeviceHttpResponse> answer;
    final List<Integer> remainingWhileSent = new ArrayList<>();
    long requests;

    Device(Function<DeviceHttpRequest, DeviceHttpResponse> answer) {
      this.answer = answer;
    }

    @Override
    public DeviceHttpResponse execute(DeviceHttpRequest request) {
      requests++;
      remainingWhileSent.add(factory(this).remaining(DEVICE, OPTIONS));
      return answer.apply(request);
    }

    @Override
    public DeviceEndpoint endpoint() {
      return DEVICE;
    }

    @Override
    public long roundTrips() {
      return requests;
    }

    @Override
    public void close() {}
  }

  private IsapiTransport.Factory factory(DeviceHttp http) {
    return new IsapiTransport.Factory((e, o) -> http, ledger, clock);
  }

  private static DeviceHttpResponse answer(int status, String body) {
    return new DeviceHttpResponse(
        status,
        Map.of("content-type", List.of("application/xml")),
        body.getBytes(StandardCharsets.UTF_8));
  }

  private static final String REFUSED_NO_COUNT = "";

  private int remaining() {
    return factory(new Device(r -> answer(200, ""))).remaining(DEVICE, OPTIONS);
  }

  private void sendOnce(Device d) {
    try (IsapiTransport t = factory(d).open(DEVICE, OPTIONS)) {
      t.send("userCheck", "GET", "/ISAPI/Security/userCheck", null, ADMIN, false);
    }
  }

  @Test
  void aRefusalIsReservedBeforeSendingAndCountedAfter() {
    Device d = new Device(r -> answer(401, REFUSED_NO_COUNT));
    assertThrows(AuthenticationFailedException.class, () -> sendOnce(d));
    assertEquals(List.of(BUDGET - 1), d.remainingWhileSent, "reserved while on the wire");
    assertEquals(BUDGET - 1, remaining(), "the refusal is counted");
  }

  @Test
  void noAnswerOrABusyDeviceReleasesTheReservation() {
    Device silent =
        new Device(
            r -> {
              throw new DeviceUnreachableException("no answer");
            });
    assertThrows(DeviceUnreachableException.class, () -> sendOnce(silent));
    assertEquals(List.of(BUDGET - 1), silent.remainingWhileSent);
    assertEquals(BUDGET, remaining(), "released: no verdict");
    Device busy = new Device(r -> answer(503, ""));
    sendOnce(busy);
    assertEquals(BUDGET, remaining(), "released: a 5xx is no verdict");
  }

  @Test
  void anAcceptedLoginSettlesTheReservationAndIsNotReservedAgain() {
    Device d = new Device(r -> answer(200, ""));
    try (IsapiTransport t = factory(d).open(DEVICE, OPTIONS)) {
      t.send("userCheck", "GET", "/ISAPI/Security/userCheck", null, ADMIN, false);
      t.send("deviceInfo", "GET", "/ISAPI/System/deviceInfo", null, ADMIN, false);
    }
    assertEquals(List.of(BUDGET - 1, BUDGET), d.remainingWhileSent, "proven: no reservation");
    assertEquals(BUDGET, remaining());
  }

  @Test
  void aSuccessForgetsFailuresOnlyWhereThe401sTellTheCount() {
    try (IsapiTransport t = factory(new Device(r -> answer(200, ""))).open(DEVICE, OPTIONS)) {
      t.learnLockSettings(new IsapiDocs.LockSettings(true, 5, 1800)); // budget 4
    }
    Device html = new Device(r -> answer(401, REFUSED_NO_COUNT));
    assertThrows(AuthenticationFailedException.class, () -> sendOnce(html));
    sendOnce(new Device(r -> answer(200, "")));
    assertEquals(3, remaining(), "a device that never told its count: the failure is kept");

    Device counting = new Device(r -> answer(401, Bodies.userCheck401(3)));
    assertThrows(AuthenticationFailedException.class, () -> sendOnce(counting));
    assertEquals(2, remaining(), "the device's count: 3 left, one kept in reserve");
    sendOnce(new Device(r -> answer(200, "")));
    assertEquals(4, remaining(), "its 401s tell the count: the success forgets the failures");
  }

  @Test
  void concurrentCallersNeverSendMoreUnprovenAttemptsThanTheBudget() throws Exception {
    int callers = 6;
    CountDownLatch allTried = new CountDownLatch(callers);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger onTheWire = new AtomicInteger();
    DeviceHttp slow =
        new DeviceHttp() {
          @Override
          public DeviceHttpResponse execute(DeviceHttpRequest request) {
            onTheWire.incrementAndGet();
            allTried.countDown();
            try {
              assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return answer(401, REFUSED_NO_COUNT);
          }

          @Override
          public DeviceEndpoint endpoint() {
            return DEVICE;
          }

          @Override
          public long roundTrips() {
            return 0;
          }

          @Override
          public void close() {}
        };
    IsapiTransport.Factory f = factory(slow);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<NvrException>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  try (IsapiTransport t = f.open(DEVICE, OPTIONS)) {
                    t.send("userCheck", "GET", "/ISAPI/Security/userCheck", null, ADMIN, false);
                    return null;
                  } catch (LoginBudgetExhaustedException e) {
                    allTried.countDown(); // refused before sending
                    return e;
                  } catch (NvrException e) {
                    return e;
                  }
                }));
      }
      assertTrue(allTried.await(10, TimeUnit.SECONDS), "every caller sent or was refused");
      assertEquals(BUDGET, onTheWire.get(), "only the budget's attempts reached the device");
      release.countDown();
      int held = 0;
      for (Future<NvrException> r : results) {
        NvrException e = r.get(10, TimeUnit.SECONDS);
        assertTrue(e instanceof AuthenticationFailedException, String.valueOf(e));
        if (e instanceof LoginBudgetExhaustedException) {
          held++;
        }
      }
      assertEquals(callers - BUDGET, held);
      assertEquals(0, remaining());
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
