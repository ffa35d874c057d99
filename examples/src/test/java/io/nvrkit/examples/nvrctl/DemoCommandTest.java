package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nvrctl demo} in-process: every step printed, exit 0, the new password never shown. */
class DemoCommandTest {

  @Test
  void demoWalksTheWholeProcedure(@TempDir Path dir) throws Exception {
    Run r = Run.of("demo", "--dir", dir.toString(), "--keep-password-file");
    assertEquals(0, r.code(), r.all());
    String out = r.out();
    for (String step :
        new String[] {
          "Step 1 - Gather the recorder's identity",
          "Serial number",
          "read from the device (before login)",
          "not readable over the network",
          "Step 2 - Request a temporary password",
          "checksums verified",
          "reset-requests",
          "ticket RD-",
          "granted a temporary password",
          "Step 3",
          "CHANGED_AND_VERIFIED",
          "Lorex mobile app",
          "VMS",
          "Cameras connected to the recorder",
          "Done."
        }) {
      assertTrue(out.contains(step), "missing '" + step + "' in:\n" + out);
    }
    Path pwFile = dir.resolve("new-admin-password.txt");
    String pw = Files.readString(pwFile).strip();
    assertTrue(pw.length() >= 12);
    assertFalse(r.all().contains(pw), "the new password is never printed");
    assertTrue(Files.list(dir.resolve("reset-requests")).findAny().isPresent());
  }

  @Test
  void thePasswordFileIsDeletedAtTheEndUnlessKept(@TempDir Path dir) throws Exception {
    Run r = Run.of("demo", "--dir", dir.toString());
    assertEquals(0, r.code(), r.all());
    assertFalse(Files.exists(dir.resolve("new-admin-password.txt")), r.out());
    assertTrue(r.out().contains("Deleted new-admin-password.txt"), r.out());
    assertTrue(r.out().contains("Done."), r.out());
  }

  @Test
  void hikvisionDemoNamesEveryStepAndExitsZero(@TempDir Path dir) throws Exception {
    Run r = Run.of("demo", "--vendor", "hikvision", "--dir", dir.toString());
    assertEquals(0, r.code(), r.all());
    String out = r.out();
    for (String step :
        new String[] {
          "Step 1 - Identity before login",
          "DS-7608NI-K2/8P20210813CCRRG12345678WCVU",
          "Start time",
          "Step 2 - Request",
          "checksums verified",
          "ticket RD-",
          "Step 3 - Grant",
          "Step 4 - Completion",
          "Step 5 - Verified",
          "CHANGED_AND_VERIFIED",
          "Hik-Connect",
          "Done."
        }) {
      assertTrue(out.contains(step), "missing '" + step + "' in:\n" + out);
    }
    assertFalse(Files.exists(dir.resolve("new-admin-password.txt")), out);
  }

  @Test
  void anUnknownDemoVendorIsAUsageError() {
    Run r = Run.of("demo", "--vendor", "acme");
    assertEquals(ExitCodes.USAGE, r.code(), r.all());
  }
}
