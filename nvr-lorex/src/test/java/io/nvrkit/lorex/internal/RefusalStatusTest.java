package io.nvrkit.lorex.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Fault;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An HTTP error answer of a Lorex recorder, over the CGI and over RPC2, surfaces as a {@link
 * DeviceRejectedException} that carries the answer's status, typed, so callers (and the rotation
 * engine) tell a 5xx answer without a verdict from a refusal.
 */
class RefusalStatusTest {
  LockoutLedger guard;
  LorexDriverCore core;

  @BeforeEach
  void setUp() {
    guard = DahuaStubs.freshGuard();
    core = DahuaStubs.core(guard);
  }

  private static FakeNvr start(String api) {
    return DahuaStubs.over(api, FakeNvr.lorex()).start();
  }

  private NvrClient connect(FakeNvr nvr) {
    return core.connect(
        nvr.endpoint(),
        Credentials.of("admin", Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD)),
        ConnectOptions.defaults());
  }

  @ParameterizedTest
  @CsvSource({"cgi, 500", "cgi, 503", "cgi, 403", "rpc2, 500", "rpc2, 503", "rpc2, 403"})
  void anHttpErrorAnswerKeepsItsStatus(String api, int status) {
    try (FakeNvr nvr = start(api);
        NvrClient c = connect(nvr)) {
      assertEquals(api, ((LorexSession) c).apiKind());
      nvr.faultOnce(DeviceOperation.USERS, Fault.httpStatus(status));
      DeviceRejectedException e = assertThrows(DeviceRejectedException.class, c::users);
      assertEquals(OptionalInt.of(status), e.httpStatus());
      assertEquals(String.valueOf(status), e.vendorCode().orElseThrow(), "unchanged for callers");
      assertFalse(c.users().isEmpty(), "the session is still usable");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cgi", "rpc2"})
  void a503AnswerToTheLoginCarriesItsStatusAndIsNoFailedLogin(String api) {
    try (FakeNvr nvr = start(api)) {
      nvr.faultOnce(DeviceOperation.LOGIN, Fault.httpStatus(503));
      DeviceRejectedException e = assertThrows(DeviceRejectedException.class, () -> connect(nvr));
      assertEquals(OptionalInt.of(503), e.httpStatus());
      assertEquals(0, nvr.failedAttempts("admin"));
      assertFalse(
          e.getMessage().contains(FakeNvr.DEFAULT_ADMIN_PASSWORD), "no secret in the message");
    }
  }
}
