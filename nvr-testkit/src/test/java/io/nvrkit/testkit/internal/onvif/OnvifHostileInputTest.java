package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.internal.onvif.OnvifPersonalityTest.user;
import static io.nvrkit.testkit.internal.onvif.Soap.envelope;
import static io.nvrkit.testkit.internal.onvif.Soap.wsse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mutated SOAP requests (seeded) never break the handler, leak an exception or change state. */
class OnvifHostileInputTest {

  @Test
  void mutatedRequestsGetHttpAnswersAndNeverChangeAccountsUnnoticed() {
    TestDevice device = new TestDevice();
    OnvifPersonality fake = new OnvifPersonality(device, OnvifSettings.defaults());
    List<String> seeds =
        List.of(
            envelope(
                wsse("admin", "Admin12345", device.now()),
                "<tds:CreateUsers>" + user("fuzz", "Pass-1234", "User") + "</tds:CreateUsers>"),
            envelope(
                wsse("admin", "Admin12345", device.now()),
                "<tds:SetUser>" + user("viewer", "Pass-1234", "User") + "</tds:SetUser>"),
            envelope(
                null,
                "<tds:GetServices><tds:IncludeCapability>true</tds:IncludeCapability></tds:GetServices>"),
            "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x:Probe xmlns:x=\"urn:x\"/></s:Body></s:Envelope>");
    Random rnd = new Random(20261125L);
    Set<Integer> statuses = Set.of(200, 400, 401, 500);
    // the JDK's XML reader prints a "[Fatal Error]" line for bytes that are not valid UTF-8
    PrintStream originalErr = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      mutate(fake, seeds, rnd, statuses);
    } finally {
      System.setErr(originalErr);
    }
    assertEquals("", printed.toString(StandardCharsets.UTF_8), "printed on standard error");
    // only well-formed, authenticated requests could have changed anything; the seeds reuse
    // one nonce each, so at most the first CreateUsers and SetUser went through
    assertTrue(device.accounts().size() <= 4);
    assertEquals(
        Set.of("admin", "operator1", "viewer"),
        Set.copyOf(
            device.accounts().stream().map(a -> a.name()).filter(n -> !n.equals("fuzz")).toList()));
  }

  private static void mutate(
      OnvifPersonality fake, List<String> seeds, Random rnd, Set<Integer> statuses) {
    for (int i = 0; i < 1000; i++) {
      byte[] b = seeds.get(i % seeds.size()).getBytes(StandardCharsets.UTF_8);
      int edits = 1 + rnd.nextInt(4);
      for (int e = 0; e < edits; e++) {
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(3)) {
          case 0 -> b[at] = (byte) rnd.nextInt(256);
          case 1 -> b = java.util.Arrays.copyOf(b, at + 1);
          default -> b[at] = (byte) "<>&\"'/:= \u0000".charAt(rnd.nextInt(10));
        }
      }
      FakeRequest req =
          new FakeRequest(
              "POST",
              "/onvif/device_service",
              Map.of(
                  "content-type", List.of("application/soap+xml"), "host", List.of("127.0.0.1:80")),
              b,
              new InetSocketAddress("127.0.0.1", 1),
              false);
      FakeResponse r = fake.handle(req);
      assertTrue(statuses.contains(r.status()), "status " + r.status());
      if (r.body().length > 0) {
        Soap.parse(r.body()); // always well-formed XML
      }
    }
  }
}
