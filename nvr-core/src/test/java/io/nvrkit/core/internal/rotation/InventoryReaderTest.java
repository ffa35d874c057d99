package io.nvrkit.core.internal.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.rotation.InventoryException;
import io.nvrkit.core.rotation.RotationTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryReaderTest {
  @TempDir Path dir;

  private Path file(String name, String body, String perms) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, body, StandardCharsets.UTF_8);
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }
    return p;
  }

  @Test
  void jsonWithEnvPasswordsAndPins() throws IOException {
    String pin = "q6RXw0v3m1Gm3bH0bE3s0s1Q0W5yQ2k0i5wq2JtR6Wg=";
    Path p =
        file(
            "fleet.json",
            "{\"devices\": [{\"url\": \"https://192.0.2.10\", \"vendor\": \"Lorex\", \"user\":"
                + " \"admin\", \"password\": \"env:PW_A\", \"tls\": \"pin:"
                + pin
                + "\"}, {\"url\": \"http://192.0.2.11:8080\", \"vendor\": \"onvif\", \"user\":"
                + " \"root\", \"password\": \"p\\\"w,1\"}]}",
            "rw-------");
    List<RotationTarget> ts = InventoryReader.read(p, Map.of("PW_A", "From-Env-1")::get);
    assertEquals(2, ts.size());
    assertEquals("lorex", ts.get(0).vendor());
    assertEquals(Secret.of("From-Env-1"), ts.get(0).password());
    assertTrue(ts.get(0).endpoint().tlsTrust() instanceof TlsTrust.Pinned);
    assertEquals("http://192.0.2.11:8080 root", AccountKeys.key(ts.get(1).account()));
    assertEquals("onvif", ts.get(1).account().driverId());
    assertEquals(Secret.of("p\"w,1"), ts.get(1).password());
  }

  @Test
  void csvQuotingCommentsAndBom() throws IOException {
    Path p =
        file(
            "fleet.csv",
            "\uFEFFurl,vendor,user,password\r\n# comment\r\n"
                + "https://192.0.2.10,lorex,admin,\"a,\"\"b\"\"\"\r\n\r\n",
            "rw-------");
    List<RotationTarget> ts = InventoryReader.read(p, k -> null);
    assertEquals(1, ts.size());
    assertEquals(Secret.of("a,\"b\""), ts.get(0).password());
  }

  @Test
  void errorsNameTheLineNeverThePassword() throws IOException {
    Path p =
        file(
            "bad.csv",
            "url,vendor,user,password\nftp://x,lorex,admin,Sekrit-Value-9\n",
            "rw-------");
    InventoryException e =
        assertThrows(InventoryException.class, () -> InventoryReader.read(p, k -> null));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertFalse(e.getMessage().contains("Sekrit"));

    Path q =
        file("env.csv", "url,vendor,user,password\nhttp://x,lorex,admin,env:NOPE\n", "rw-------");
    InventoryException u =
        assertThrows(InventoryException.class, () -> InventoryReader.read(q, k -> null));
    assertTrue(u.getMessage().contains("NOPE is not set"), u.getMessage());

    Path r = file("cols.csv", "url,user,password\nhttp://x,admin,pw\n", "rw-------");
    assertThrows(InventoryException.class, () -> InventoryReader.read(r, k -> null));
  }

  @Test
  void groupReadableInventoryIsRefused() throws IOException {
    assumeTrue(
        Files.getFileStore(dir).supportsFileAttributeView("posix"), "file system has no POSIX");
    Path p = file("open.csv", "url,vendor,user,password\nhttp://x,lorex,admin,pw\n", "rw-r-----");
    InventoryException e =
        assertThrows(InventoryException.class, () -> InventoryReader.read(p, k -> null));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }
}
