package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Garbage on the wire never breaks the fake or its state (seeded, reproducible). */
class HostileInputTest {
  static final String PW = "Old-Passw0rd";

  @Test
  void randomBytesAndBrokenRequestsLeaveTheDeviceWorking() throws Exception {
    try (FakeNvr nvr = FakeNvr.lorex().user("admin", PW, AccountLevel.ADMINISTRATOR).start()) {
      Random rnd = new Random(20261125L);
      String[] templates = {
        "GET /cgi-bin/magicBox.cgi?action=getSerialNo HTTP/1.1\r\nAuthorization: Digest %s\r\n\r\n",
        "POST /RPC2_Login HTTP/1.1\r\nContent-Length: %d\r\n\r\n",
        "POST /RPC2 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n%s\r\n",
        "GET /cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=%s HTTP/1.1\r\n\r\n",
      };
      for (int i = 0; i < 200; i++) {
        byte[] junk = new byte[rnd.nextInt(200)];
        rnd.nextBytes(junk);
        String j = new String(junk, StandardCharsets.ISO_8859_1);
        String t = templates[i % templates.length];
        String req =
            t.contains("%d") ? String.format(t, rnd.nextInt(100)) + j : String.format(t, j);
        if (i % 5 == 0) {
          req = j;
        }
        sendAndForget(nvr.port(), req.getBytes(StandardCharsets.ISO_8859_1));
      }
      RawHttp.Response ok =
          RawHttp.digestGet(nvr.port(), "/cgi-bin/magicBox.cgi?action=getSerialNo", "admin", PW);
      assertEquals("sn=ND021811019863\r\n", ok.text());
      assertTrue(nvr.accepts("admin", Secret.of(PW)));
    }
  }

  private static void sendAndForget(int port, byte[] raw) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(2000);
      s.getOutputStream().write(raw);
      s.shutdownOutput();
      s.getInputStream().readAllBytes();
    } catch (IOException e) {
      // a reset or a timeout is an acceptable answer to garbage
    }
  }
}
