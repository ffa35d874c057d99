package io.nvrkit.testkit.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.HttpResetChannel;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.PersonalityKind;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(90)
class StandaloneLauncherTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void readyLineHasExactlyTheDocumentedShape() throws Exception {
    try (StandaloneLauncher.Running r =
        StandaloneLauncher.start(
            "--personality", "lorex", "--serial", "ND0001", "--device-id", "DEV-42", "--tls")) {
      String line = r.readyLine();
      assertFalse(line.contains("\n"));
      JsonNode n = JSON.readTree(line);
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      assertEquals(List.of("ready", "personality", "url", "pin", "devices", "resetDesk"), keys);
      assertTrue(n.get("ready").booleanValue());
      assertEquals("lorex", n.get("personality").textValue());
      assertTrue(n.get("url").textValue().startsWith("https://127.0.0.1:"));
      assertEquals(r.devices().get(0).pin().orElseThrow(), n.get("pin").textValue());
      assertEquals(1, n.get("devices").size());
      JsonNode d = n.get("devices").get(0);
      assertEquals(n.get("url"), d.get("url"));
      assertEquals("ND0001", d.get("serial").textValue());
      assertEquals("DEV-42", d.get("deviceId").textValue());
      assertTrue(n.get("resetDesk").isNull());
    }
  }

  @Test
  void aHikvisionFakeHasItsIdentityLockDefaultAndSadpPort() throws Exception {
    try (StandaloneLauncher.Running r =
        StandaloneLauncher.start(
            "--personality", "hikvision", "--option", "hikvision.namespace=isapi")) {
      JsonNode d = JSON.readTree(r.readyLine()).get("devices").get(0);
      FakeNvr nvr = r.devices().get(0);
      assertEquals(PersonalityKind.HIKVISION, nvr.kind());
      assertEquals(FakeIdentity.hikvisionDefaults().serial(), d.get("serial").textValue());
      assertEquals(nvr.discoveryAddress().orElseThrow().getPort(), d.get("sadpPort").intValue());
      assertTrue(
          new String(
                  java.net.http.HttpClient.newHttpClient()
                      .send(
                          java.net.http.HttpRequest.newBuilder(
                                  nvr.url().resolve("/SDK/activateStatus"))
                              .build(),
                          java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                      .body(),
                  java.nio.charset.StandardCharsets.UTF_8)
              .contains("xmlns=\"http://www.isapi.org/ver20/XMLSchema\""));
    }
  }

  @Test
  void optionsShapeTheDevice() throws Exception {
    try (StandaloneLauncher.Running r =
        StandaloneLauncher.start(
            "--personality=lorex",
            "--user",
            "admin:Adm1n:Pass-w0rd",
            "--user",
            "viewer:View3r-pass:user",
            "--model",
            "N861B",
            "--firmware",
            "9.9.9",
            "--mac",
            "3c:ef:8c:00:00:01",
            "--lockout-threshold",
            "3",
            "--lockout-seconds",
            "1800",
            "--clock-skew-seconds",
            "3600",
            "--zone",
            "Asia/Kolkata")) {
      FakeNvr nvr = r.devices().get(0);
      assertTrue(nvr.accepts("admin", Secret.of("Adm1n:Pass-w0rd")), "a ':' in a password is kept");
      assertTrue(nvr.accepts("viewer", Secret.of("View3r-pass")));
      assertEquals("N861B", nvr.identity().model());
      assertEquals("9.9.9", nvr.identity().firmware());
      assertEquals("3c:ef:8c:00:00:01", nvr.identity().mac());
      assertEquals("Asia/Kolkata", nvr.clock().zone().getId());
      long skew = Duration.between(java.time.Instant.now(), nvr.clock().now()).getSeconds();
      assertTrue(Math.abs(skew - 3600) < 60, "skew " + skew);
    }
  }

  @Test
  void fleetListsEveryDeviceAndTheDeskGrantsOnTheRightOne() throws Exception {
    try (StandaloneLauncher.Running r =
        StandaloneLauncher.start("--personality", "lorex", "--fleet", "5", "--reset-desk")) {
      JsonNode n = JSON.readTree(r.readyLine());
      assertEquals(5, n.get("devices").size());
      Set<String> urls = new HashSet<>();
      Set<String> serials = new HashSet<>();
      for (JsonNode d : n.get("devices")) {
        urls.add(d.get("url").textValue());
        serials.add(d.get("serial").textValue());
        assertFalse(d.get("serial").textValue().equals(d.get("deviceId").textValue()));
      }
      assertEquals(5, urls.size());
      assertEquals(5, serials.size());

      FakeNvr third = r.devices().get(2);
      HttpResetChannel desk = HttpResetChannel.builder(n.get("resetDesk").textValue()).build();
      ResetGrant g = desk.poll(desk.submit(requestFor(third))).orElseThrow();
      assertTrue(third.accepts("admin", g.temporaryPassword()));
      assertFalse(r.devices().get(1).accepts("admin", g.temporaryPassword()));
    }
  }

  @Test
  void personalityOptionsReachTheFake() throws Exception {
    try (StandaloneLauncher.Running r =
        StandaloneLauncher.start("--personality", "onvif", "--option", "onvif.auth=digest")) {
      // with HTTP Digest only, a protected operation without credentials draws a 401 challenge
      HttpResponse<String> resp =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(r.devices().get(0).url() + "/onvif/device_service"))
                      .header("Content-Type", "application/soap+xml; charset=utf-8")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
                                  + "<s:Body><GetUsers xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>"
                                  + "</s:Body></s:Envelope>"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(401, resp.statusCode());
      assertTrue(resp.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Digest"));
    }
    assertMessage(
        "onvif.bogus: unknown option; known: onvif.auth",
        "--personality",
        "onvif",
        "--option",
        "onvif.bogus=1");
    assertMessage(
        "onvif.maxUsers: must be a whole number",
        "--personality",
        "onvif",
        "--option",
        "onvif.maxUsers=lots");
    assertMessage(
        "hikvision.auth: must be digest, digestBasic or basic",
        "--personality",
        "hikvision",
        "--option",
        "hikvision.auth=ntlm");
    assertMessage("names start with onvif. or hikvision.", "--option", "lorex.x=1");
    assertMessage("NAME=VALUE", "--personality", "onvif", "--option", "novalue");
  }

  @Test
  void badOptionsAreExplained() {
    assertMessage("--personality lorex|onvif|hikvision is required");
    assertMessage("unknown option --nope", "--personality", "lorex", "--nope", "1");
    assertMessage("must be lorex, onvif or hikvision", "--personality", "dahua");
    assertMessage("--port must be from 0 to 65535", "--personality", "onvif", "--port", "70000");
    assertMessage(
        "unknown fault kind 'gremlins'",
        "--personality",
        "onvif",
        "--fault-rate",
        "0.5",
        "--faults",
        "http-500,gremlins");
    assertMessage("go together", "--personality", "onvif", "--faults", "http-500");
    assertMessage(
        "a fleet derives them", "--personality", "lorex", "--fleet", "2", "--serial", "X");
    assertMessage("--user must be NAME:PASSWORD", "--personality", "lorex", "--user", "admin");
    assertMessage("needs a value", "--personality");
  }

  @Test
  void helpDocumentsEveryOptionTheParserKnows() throws Exception {
    String src =
        java.nio.file.Files.readString(
            Path.of("src/main/java/io/nvrkit/testkit/launcher/StandaloneLauncher.java"));
    Matcher m = Pattern.compile("case \"(--[a-z-]+)\":").matcher(src);
    int count = 0;
    while (m.find()) {
      count++;
      assertTrue(
          StandaloneLauncher.Options.HELP.contains(m.group(1)), m.group(1) + " is not in --help");
    }
    assertTrue(count >= 20, "found " + count + " options");
    for (String o :
        List.of(
            "--personality",
            "--host",
            "--port",
            "--tls",
            "--user",
            "--model",
            "--serial",
            "--device-id",
            "--firmware",
            "--mac",
            "--lockout-threshold",
            "--lockout-seconds",
            "--clock-skew-seconds",
            "--latency-ms",
            "--fleet",
            "--fault-rate",
            "--faults",
            "--seed",
            "--reset-desk")) {
      assertTrue(StandaloneLauncher.Options.HELP.contains(o), o);
    }
  }

  @Test
  void childJvmPrintsOneReadyLineServesAndDiesWhenKilled() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneLauncher.class.getName(),
                "--personality",
                "onvif",
                "--reset-desk",
                "--faults",
                "http-503",
                "--fault-rate",
                "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> readLine(out)).get(60, TimeUnit.SECONDS);
      assertNotNull(line, "the launcher printed nothing");
      JsonNode n = JSON.readTree(line);
      assertEquals("onvif", n.get("personality").textValue());

      HttpClient http = HttpClient.newHttpClient();
      String soap =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
              + "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
              + "<s:Body><GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>"
              + "</s:Body></s:Envelope>";
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(n.get("url").textValue() + "/onvif/device_service"))
                  .header("Content-Type", "application/soap+xml; charset=utf-8")
                  .POST(HttpRequest.BodyPublishers.ofString(soap))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.body().contains("UTCDateTime"), r.body());

      HttpResponse<String> desk =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(n.get("resetDesk").textValue() + "/v1/reset-requests/RD-0"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(404, desk.statusCode());

      assertTrue(p.isAlive(), "runs until killed");
      assertEquals(null, CompletableFuture.supplyAsync(() -> readLine(out)).getNow(null));
    } finally {
      p.destroy();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stops on SIGTERM");
    }
  }

  @Test
  void childJvmExitsWithStatus1OnBadOptions() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneLauncher.class.getName(),
                "--personality",
                "betamax")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(StandaloneLauncher.EXIT_USAGE, p.exitValue(), "usage errors exit 1, as nvrctl's");
    assertEquals(1, StandaloneLauncher.EXIT_USAGE);
  }

  @Test
  void childJvmExitsWithStatus2WhenThePortIsTaken() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process p =
          new ProcessBuilder(
                  java.toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  StandaloneLauncher.class.getName(),
                  "--personality",
                  "lorex",
                  "--port",
                  Integer.toString(taken.getLocalPort()))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(StandaloneLauncher.EXIT_RUNTIME, p.exitValue());
      assertEquals(2, StandaloneLauncher.EXIT_RUNTIME);
    }
  }

  private static String readLine(BufferedReader r) {
    try {
      return r.readLine();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertMessage(String expected, String... args) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> StandaloneLauncher.start(args));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private static ResetRequest requestFor(FakeNvr nvr) {
    byte[] jpeg = new byte[64];
    jpeg[0] = (byte) 0xFF;
    jpeg[1] = (byte) 0xD8;
    jpeg[2] = (byte) 0xFF;
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
    return ResetRequest.builder("lorex")
        .requester(Requester.of("Ana", "Lee", "+1 555 0100"))
        .model(nvr.identity().model(), Provenance.STICKER)
        .deviceId(nvr.identity().deviceId(), Provenance.STICKER)
        .serial(nvr.identity().serial(), Provenance.STICKER)
        .displayedDate(nvr.clock().localDateTime().toLocalDate(), Provenance.INFO_SCREEN)
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.INFO_SCREEN, "i.jpg", jpeg))
        .photo(EvidencePhoto.of(EvidencePhoto.Kind.STICKER, "s.png", png))
        .build();
  }
}
