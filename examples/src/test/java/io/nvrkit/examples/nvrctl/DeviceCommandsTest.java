package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The device commands: help, and usage errors that never reach a device. */
class DeviceCommandsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "probe",
        "identity",
        "users",
        "users list",
        "users add",
        "users delete",
        "change-password",
        "reset",
        "reset request",
        "reset complete"
      })
  void everyDeviceCommandHasHelp(String command) {
    Run r = Run.of((command + " --help").split(" "));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Usage: nvrctl"), r.out());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "identity --user admin",
        "identity --url ftp://x --user admin --password-env NOPE",
        "change-password --url http://127.0.0.1:1 --user admin --password-env NOPE",
        "reset complete --url http://127.0.0.1:1"
      })
  void usageErrorsExitOne(String command) {
    Run r = Run.of(command.split(" "));
    assertEquals(1, r.code(), r.all());
  }
}
