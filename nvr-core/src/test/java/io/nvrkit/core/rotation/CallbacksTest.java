package io.nvrkit.core.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceAccount;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.Secret;
import io.nvrkit.core.spi.NvrDriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.InOrder;

/**
 * The calls the library makes on the integrator's callbacks (rotation listener, vault sink) and on
 * a driver, and what it does when they throw.
 */
class CallbacksTest {
  static final Secret PASS = Secret.of("journal passphrase");
  @TempDir Path dir;

  private RotationJournal journal() {
    return RotationJournal.create(TestRotationKit.KIT, dir.resolve("r.journal"), PASS);
  }

  @Test
  void aListenerIsToldEachDeviceOnceAndItsFailuresDoNotStopTheRotation() {
    RotationTest.Fixture f = new RotationTest.Fixture(3);
    RotationListener listener = mock(RotationListener.class);
    doThrow(new IllegalStateException("progress bar closed")).when(listener).deviceFinished(any());
    try (RotationJournal j = journal()) {
      RotationReport report = Rotation.of(TestRotationKit.KIT, f.plan.build(), j, listener).run();

      assertTrue(report.allCommitted(), report.toJson());
      verify(listener).started(3);
      for (DeviceEndpoint e : f.endpoints) {
        InOrder order = inOrder(listener);
        DeviceAccount account = DeviceAccount.of(e, MemoryFleet.VENDOR, "admin");
        order.verify(listener).deviceStarted(account);
        order.verify(listener).deviceFinished(argThat(r -> r.account().equals(account)));
      }
      verify(listener, times(3)).deviceStarted(any());
      verify(listener, times(3)).deviceFinished(any());
      verifyNoMoreInteractions(listener);
    }
  }

  @Test
  void exportHandsTheSinkEachCurrentPasswordWhileTheCallLasts() {
    RotationTest.Fixture f = new RotationTest.Fixture(2);
    SecretSink vault = mock(SecretSink.class);
    when(vault.describe()).thenReturn("test vault");
    List<Boolean> accepted = new ArrayList<>();
    doAnswer(
            call -> {
              // the Secret is valid during the call only: check it here
              DeviceAccount account = call.getArgument(0, DeviceAccount.class);
              accepted.add(
                  f.fleet.accepts(
                      account.endpoint(), account.user(), call.getArgument(1, Secret.class)));
              return null;
            })
        .when(vault)
        .accept(any(), any());
    try (RotationJournal j = journal()) {
      assertTrue(Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run().allCommitted());

      JournalExport export = j.export(vault);

      assertEquals(2, export.exported());
      for (DeviceEndpoint e : f.endpoints) {
        verify(vault).accept(eq(DeviceAccount.of(e, MemoryFleet.VENDOR, "admin")), any());
      }
      assertEquals(List.of(true, true), accepted, "the sink got the passwords the devices hold");
      assertEquals(1, j.status().exports());
    }
  }

  @Test
  void aSinkThatFailsGetsTheErrorBackAndNoExportIsRecorded() {
    RotationTest.Fixture f = new RotationTest.Fixture(2);
    SecretSink vault = mock(SecretSink.class);
    IllegalStateException down = new IllegalStateException("vault sealed");
    doThrow(down).when(vault).accept(any(), any());
    try (RotationJournal j = journal()) {
      assertTrue(Rotation.of(TestRotationKit.KIT, f.plan.build(), j).run().allCommitted());

      IllegalStateException e = assertThrows(IllegalStateException.class, () -> j.export(vault));

      assertSame(down, e, "the vault's own error, not wrapped");
      verify(vault, times(1)).accept(any(), any());
      verify(vault, never()).describe();
      assertEquals(0, j.status().exports(), "a failed export is not recorded as done");
    }
  }

  @Test
  void connectWithADriverPassesTheArgumentsAndItsFailureUnchanged() {
    NvrDriver driver = mock(NvrDriver.class);
    NvrClient session = mock(NvrClient.class);
    DeviceEndpoint device = DeviceEndpoint.of("http://127.0.0.1:1");
    Credentials login = Credentials.of("admin", Secret.of("Old-Passw0rd"));
    ConnectOptions options = ConnectOptions.defaults();
    try (NvrKit kit = NvrKit.builder().build()) {
      when(driver.connect(kit.driverContext(), device, login, options)).thenReturn(session);

      assertSame(session, kit.connect(driver, device, login, options));

      DeviceUnreachableException refused = new DeviceUnreachableException("connection refused");
      when(driver.connect(kit.driverContext(), device, login, options)).thenThrow(refused);
      assertSame(
          refused,
          assertThrows(
              DeviceUnreachableException.class, () -> kit.connect(driver, device, login, options)));
      verify(driver, times(2)).connect(kit.driverContext(), device, login, options);
    }
    verifyNoMoreInteractions(driver);
    verifyNoInteractions(session);
  }
}
