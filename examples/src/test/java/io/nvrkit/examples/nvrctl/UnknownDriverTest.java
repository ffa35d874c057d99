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
}
