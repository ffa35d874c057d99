package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultsTest {
  static final String PW = "Old-Passw0rd";
  static final String SERIAL = "/cgi-bin/magicBox.cgi?action=getSerialNo";
  static final String CHANGE =
      "/cgi-bin/userManager.cgi?action=modifyPassword&name=admin&pwd=New-Passw0rd&pwdOld=" + PW;
  FakeNvr nvr;

  @BeforeEach
  void start() {
    nvr = FakeNvr.lorex().user("admin", PW, AccountLevel.ADMINISTRATOR).start();
  }

  @AfterEach
  void stop() {
    nvr.close();
  }

  RawHttp.Response call(String target) throws IOException {
    return RawHttp.digestGet(nvr.port(), target, "admin", PW);
  }

  @Test
  void httpStatusOnceThenNormal() throws Exception {
    nvr.faultOnce("getSerialNo", Fault.httpStatus(500));
    assertEquals(500, call(SERIAL).status());
    assertEquals(200, call(SERIAL).status());
    RecordedRequest r = nvr.journal("getSerialNo").get(0);
    assertEquals(FaultKind.HTTP_STATUS, r.fault().orElseThrow());
    assertEquals(500, r.status());
  }

  @Test
  void resetBeforeResponseLeavesTheDeviceUnchanged() {
    nvr.faultOnce("modifyPassword", Fault.resetBeforeResponse());
    assertThrows(IOException.class, () -> call(CHANGE));
    assertTrue(nvr.accepts("admin", Secret.of(PW)));
    assertFalse(nvr.journal("modifyPassword").get(0).answered());
  }

  @Test
  void applyThenDropChangesThePasswordButTheClientNeverHearsIt() {
    nvr.faultOnce("modifyPassword", Fault.applyThenDrop());
    assertThrows(IOException.class, () -> call(CHANGE));
    assertTrue(nvr.accepts("admin", Secret.of("New-Passw0rd")));
    assertFalse(nvr.accepts("admin", Secret.of(PW)));
    RecordedRequest r = nvr.journal("modifyPassword").get(0);
    assertEquals(200, r.status(), "the journal keeps the status the device decided on");
    assertTrue(r.handled());
    assertFalse(r.answered(), "the client never heard it");
    assertEquals(FaultKind.APPLY_THEN_DROP, r.fault().orElseThrow());
    assertTrue(r.toString().contains("200, answer dropped"), r.toString());
  }

  @Test
  void applyThenDropWaitsForARequestTheDeviceReallyApplies() throws Exception {
    nvr.faultOnce("modifyPassword", Fault.applyThenDrop());
    RawHttp.Response refused = RawHttp.digestGet(nvr.port(), CHANGE, "admin", "Wrong-Passw0rd");
    assertEquals(401, refused.status(), "a refused change is answered, not dropped");
    assertTrue(nvr.accepts("admin", Secret.of(PW)));
    assertThrows(IOException.class, () -> call(CHANGE));
    assertTrue(nvr.accepts("admin", Secret.of("New-Passw0rd")));
  }

  @Test
  void malformedBodyKeepsStatusButBreaksTheBody() throws Exception {
    nvr.faultOnce("getSerialNo", Fault.malformedBody());
    RawHttp.Response r = call(SERIAL);
    assertEquals(200, r.status());
    assertNotEquals("sn=ND021811019863\r\n", r.text());
    assertEquals(String.valueOf(r.body().length), r.header("CONTENT-LENGTH"));
    boolean hasInvalidByte = false;
    for (byte b : r.body()) {
      hasInvalidByte |= b == (byte) 0xFF;
    }
    assertTrue(hasInvalidByte);
  }

  @Test
  void slowBodySendsTheHeadThenDribbles() throws Exception {
    nvr.faultOnce("getSerialNo", Fault.slowBody(Duration.ofSeconds(30)));
    Map<String, String> ch =
        RawHttp.challenge(RawHttp.get(nvr.port(), SERIAL, null).header("WWW-Authenticate"));
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", nvr.port()));
      s.setSoTimeout(500);
      String auth = RawHttp.digest(ch, "admin", PW, "GET", SERIAL, "00000001");
      s.getOutputStream()
          .write(
              ("GET " + SERIAL + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + auth + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      assertThrows(
          SocketTimeoutException.class,
          () -> {
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
              got.write(buf, 0, n);
            }
          });
      String head = got.toString(StandardCharsets.ISO_8859_1);
      assertTrue(head.startsWith("HTTP/1.1 200 OK\r\n"), head);
      assertTrue(head.endsWith("\r\n\r\n"), "no body byte yet: " + head);
    }
  }

  @Test
  void oversizedBodyAnnouncesAndSendsTheWholeSize() throws Exception {
    nvr.faultOnce("getSerialNo", Fault.oversizedBody(3 * 1024 * 1024));
    RawHttp.Response r = call(SERIAL);
    assertEquals("3145728", r.header("CONTENT-LENGTH"));
    assertEquals(3 * 1024 * 1024, r.body().length);
  }

  @Test
  void connectionLimitAnswers401ToValidCredentialsWithoutCountingAFailure() throws Exception {
    nvr.faultAlways(FakeNvr.ANY_OPERATION, Fault.connectionLimit());
    for (int i = 0; i < 6; i++) {
      assertEquals(401, call(SERIAL).status());
    }
    assertEquals(0, nvr.failedAttempts("admin"));
    assertFalse(nvr.isLocked("admin"));
    nvr.clearFaults();
    assertEquals(200, call(SERIAL).status());
  }

  @Test
  void aFullDeviceAnswers401ToValidCredentials() throws Exception {
    try (FakeNvr full =
            FakeNvr.lorex()
                .user("admin", PW, AccountLevel.ADMINISTRATOR)
                .maxConnections(1)
                .start();
        Socket idle = new Socket()) {
      assertEquals(200, RawHttp.digestGet(full.port(), SERIAL, "admin", PW).status());
      idle.connect(new InetSocketAddress("127.0.0.1", full.port()));
      // the idle connection is registered by the server before the next one is served
      RawHttp.Response r = null;
      for (int i = 0; i < 50; i++) {
        r = RawHttp.digestGet(full.port(), SERIAL, "admin", PW);
        if (r.status() == 401) {
          break;
        }
      }
      assertEquals(401, r.status());
      assertEquals(0, full.failedAttempts("admin"));
    }
  }

  @Test
  void aMisspelledProtocolOperationFailsAtOnceNamingTheNearestAndAllValidOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> nvr.faultOnce("modifyPasword", Fault.applyThenDrop()));
    assertTrue(e.getMessage().contains("'modifyPasword'"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean modifyPassword"), e.getMessage());
    assertTrue(e.getMessage().contains("getSerialNo"), "lists the valid names: " + e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> nvr.faultAlways("SetUser", Fault.slowBody()));
    assertThrows(IllegalArgumentException.class, () -> nvr.journal("modifyPasword"));
    assertThrows(
        IllegalArgumentException.class,
        () -> FakeNvr.onvif().faultAlways("modifyPassword", Fault.slowBody()));
    // an RPC2 name with its object prefix is a valid name too
    nvr.faultOnce("userManager.modifyPassword", Fault.httpStatus(500));
  }

  @Test
  void neutralOperationsTargetTheProtocolOperationAndLabelTheJournal() throws Exception {
    nvr.faultOnce(DeviceOperation.IDENTITY, Fault.httpStatus(500));
    assertEquals(500, call(SERIAL).status());
    assertEquals(200, call(SERIAL).status());
    RecordedRequest r = nvr.journal(DeviceOperation.IDENTITY).get(0);
    assertEquals(DeviceOperation.IDENTITY, r.operation());
    assertEquals("getSerialNo", r.protocolOperation());
    assertTrue(r.matches(DeviceOperation.LOGIN), "a Digest request carries credentials");
    assertEquals(2, nvr.journal(DeviceOperation.LOGIN).size(), nvr.journal().toString());
    assertTrue(nvr.journal(DeviceOperation.CHANGE_PASSWORD).isEmpty());
  }

  @Test
  void latencyIsRecordedInTheJournal() throws Exception {
    nvr.faultOnce(DeviceOperation.LOGIN, Fault.latency(Duration.ofMillis(5)));
    call(SERIAL);
    List<RecordedRequest> j = nvr.journal();
    RecordedRequest withCredentials = j.get(j.size() - 1);
    assertEquals(Duration.ofMillis(5), withCredentials.delay());
    assertEquals(Duration.ZERO, j.get(0).delay(), "the anonymous challenge round is no login");
  }

  @Test
  void stickyFaultStaysUntilCleared() throws Exception {
    nvr.faultAlways("getSerialNo", Fault.httpStatus(503));
    assertEquals(503, call(SERIAL).status());
    assertEquals(503, call(SERIAL).status());
    assertEquals(200, call("/cgi-bin/magicBox.cgi?action=getDeviceType").status());
    nvr.reset();
    assertEquals(200, call(SERIAL).status());
  }

  @Test
  void randomFaultsAreReproducibleForASeed() throws Exception {
    List<List<String>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (FakeNvr n =
          FakeNvr.lorex()
              .faultAtRandom(42, 0.5, List.of(Fault.httpStatus(500), Fault.malformedBody()))
              .start()) {
        for (int i = 0; i < 20; i++) {
          RawHttp.get(n.port(), SERIAL, null);
        }
        List<String> seen = new ArrayList<>();
        for (RecordedRequest r : n.journal()) {
          seen.add(r.status() + r.fault().map(FaultKind::externalName).orElse("-"));
        }
        runs.add(seen);
      }
    }
    assertEquals(runs.get(0), runs.get(1));
    assertTrue(runs.get(0).stream().anyMatch(s -> s.contains("http-500")));
    assertTrue(runs.get(0).stream().anyMatch(s -> s.endsWith("-")));
  }

  @Test
  void launcherNamesMapToFaults() {
    assertEquals(Fault.httpStatus(500), Fault.fromName("http-500"));
    assertEquals(Fault.httpStatus(503), Fault.fromName("HTTP-503"));
    String[] names = {
      "http-500",
      "reset-before-response",
      "apply-then-drop",
      "malformed-body",
      "slow-body",
      "oversized-body",
      "connection-limit"
    };
    FaultKind[] kinds = {
      FaultKind.HTTP_STATUS,
      FaultKind.RESET_BEFORE_RESPONSE,
      FaultKind.APPLY_THEN_DROP,
      FaultKind.MALFORMED_BODY,
      FaultKind.SLOW_BODY,
      FaultKind.OVERSIZED_BODY,
      FaultKind.CONNECTION_LIMIT
    };
    FaultKind[] got = new FaultKind[names.length];
    for (int i = 0; i < names.length; i++) {
      got[i] = FaultKind.fromName(names[i]);
      assertEquals(kinds[i], Fault.fromName(names[i]).kind());
    }
    assertArrayEquals(kinds, got);
    assertThrows(IllegalArgumentException.class, () -> FaultKind.fromName("explode"));
    assertThrows(IllegalArgumentException.class, () -> Fault.fromName("latency"));
  }
}
