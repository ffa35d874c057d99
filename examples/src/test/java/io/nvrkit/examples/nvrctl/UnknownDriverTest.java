package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A --vendor that names no installed driver is a usage error naming the installed drivers. */
class UnknownDriverTest {
  @Test
  void anUnknownVendorExitsOneAndNamesTheInstalledDrivers() {
    Run r =
        Run.with(
            Map.of("PW", "Some-Password-1"),
            "",
            "identity",
            "--vendor",
            "nosuch",
            "--url",
            "http://127.0.0.1:1",
            "--user",
            "admin",
            "--password-env",
            "PW");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
    assertTrue(r.err().contains("nosuch"), r.all());
    assertTrue(r.err().contains("lorex") && r.err().contains("onvif"), r.all());
    assertFalse(r.all().contains("internal error"), r.all());
    assertFalse(r.all().contains("Some-Password-1"), "no secret in the output");
  }

  /**
   * The driver is checked before the password is read: the first error a user sees is the real one.
   */
  @Test
  void anUnknownVendorIsReportedBeforeAMissingPasswordVariable() {
    for (String[] command : new String[][] {{"identity"}, {"users", "list"}}) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command));
      args.addAll(
          java.util.List.of(
              "--vendor",
              "nosuch",
              "--url",
              "http://127.0.0.1:1",
              "--user",
              "admin",
              "--password-env",
              "UNSET_VARIABLE"));
      Run r = Run.with(Map.of(), "", args.toArray(String[]::new));
      assertEquals(ExitCodes.USAGE, r.code(), r.all());
      assertTrue(r.err().contains("no driver 'nosuch'"), r.all());
      assertTrue(r.err().contains("hikvision"), r.all());
    }
  }
}
