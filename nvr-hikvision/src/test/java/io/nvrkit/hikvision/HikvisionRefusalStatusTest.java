package io.nvrkit.hikvision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.Fault;
import java.util.OptionalInt;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An ISAPI answer with an HTTP error status and no ResponseStatus surfaces as a {@link
 * DeviceRejectedException} that carries the status, typed, against the testkit's Hikvision fake.
 */
class HikvisionRefusalStatusTest {
  private static final String ADMIN = "admin";
  private static final String PASSWORD = "Kit-Start-2026x";

  /** This test's own kit: no other test's lockout ledger or pooled connections. */
  @AutoClose private final NvrKit kit = NvrKit.builder().driver(HikvisionDriver.create()).build();

  private static FakeNvr start() {
    return FakeNvr.hikvision().user(ADMIN, PASSWORD, AccountLevel.ADMINISTRATOR).start();
  }

  private NvrClient connect(FakeNvr fake) {
    return kit.connect(
        HikvisionDriver.create(),
        fake.endpoint(),
        Credentials.of(ADMIN, Secret.of(PASSWORD)),
        ConnectOptions.builder().driver(HikvisionDriver.DRIVER_ID).build());
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 503, 403})
  void anHttpErrorWithoutAResponseStatusKeepsItsStatus(int status) {
    try (FakeNvr fake = start();
        NvrClient c = connect(fake)) {
      fake.faultOnce(DeviceOperation.USERS, Fault.httpStatus(status));
      DeviceRejectedException e = assertThrows(DeviceRejectedException.class, c::users);
      assertEquals(OptionalInt.of(status), e.httpStatus());
      assertEquals("HTTP " + status, e.vendorCode().orElseThrow(), "unchanged for callers");
      assertFalse(c.users().isEmpty(), "the session is still usable");
    }
  }

  @Test
  void a503AnswerToTheLoginCarriesItsStatusAndIsNoFailedLogin() {
    try (FakeNvr fake = start()) {
      // the first login reads the lock settings; later ones prove the password with userCheck
      connect(fake).close();
      fake.faultOnce(DeviceOperation.LOGIN, Fault.httpStatus(503));
      DeviceRejectedException e = assertThrows(DeviceRejectedException.class, () -> connect(fake));
      assertEquals(OptionalInt.of(503), e.httpStatus());
      assertFalse(e.getMessage().contains(PASSWORD), "no secret in the message");
      assertEquals(0, fake.failedAttempts(ADMIN));
    }
  }
}
