package io.nvrkit.core.reset;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link HttpResetChannel} against stubs written from {@code docs/reset-desk-protocol.md}. */
class HttpResetChannelWireMockTest {
  private static final String TOKEN = "desk-token-1234";
  private static final String TEMP = "Tmp#Pw-9981x";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  private HttpResetChannel channel() {
    return HttpResetChannel.builder("http://127.0.0.1:" + wm.getPort() + "/desk")
        .bearerToken(Secret.of(TOKEN))
        .build();
  }

  private static ResetTicket ticket(String id) {
    return new ResetTicket(
        id, ResetTicket.Status.SUBMITTED, Instant.parse("2026-11-25T10:15:30Z"), "x");
  }

  private static MappingBuilder json(MappingBuilder m, int status, String body) {
    return m.willReturn(
        aResponse()
            .withStatus(status)
            .withHeader("Content-Type", "application/json")
            .withBody(body));
  }

  @Test
  void submitPostsEveryFieldPhotoAndChecksumAsMultipart() {
    wm.stubFor(
        json(
            post(urlEqualTo("/desk/v1/reset-requests")),
            201,
            "{\"ticket\":\"T-42\",\"status\":\"SUBMITTED\",\"submittedAt\":\"2026-11-25T10:15:30Z\"}"));
    ResetRequest req = ResetFixtures.request();

    ResetTicket t = channel().submit(req);

    assertEquals("T-42", t.id());
    assertEquals(ResetTicket.Status.SUBMITTED, t.status());
    assertEquals(Instant.parse("2026-11-25T10:15:30Z"), t.submittedAt());
    assertEquals("http://127.0.0.1:" + wm.getPort() + "/desk/v1/reset-requests/T-42", t.location());
    wm.verify(
        postRequestedFor(urlEqualTo("/desk/v1/reset-requests"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withHeader("Content-Type", containing("multipart/form-data; boundary="))
            .withRequestBodyPart(part("vendor", "lorex"))
            .withRequestBodyPart(part("firstName", "Jane"))
            .withRequestBodyPart(part("lastName", "Doe"))
            .withRequestBodyPart(part("phone", "+1 555 0100"))
            .withRequestBodyPart(part("email", "jane@example.com"))
            .withRequestBodyPart(part("model", "N841A"))
            .withRequestBodyPart(part("modelSource", "STICKER"))
            .withRequestBodyPart(part("deviceId", "9F3KQ2"))
            .withRequestBodyPart(part("deviceIdSource", "INFO_SCREEN"))
            .withRequestBodyPart(part("serial", "ND0219070012345"))
            .withRequestBodyPart(part("serialSource", "NETWORK_AUTHENTICATED"))
            .withRequestBodyPart(part("displayedDate", "2026-11-25"))
            .withRequestBodyPart(part("displayedDateSource", "NETWORK_PRE_AUTH"))
            .withRequestBodyPart(part("infoScreenPhotoSha256", req.infoScreenPhoto().sha256()))
            .withRequestBodyPart(part("stickerPhotoSha256", req.stickerPhoto().sha256()))
            .withRequestBodyPart(
                aMultipart()
                    .withName("infoScreenPhoto")
                    .withHeader("Content-Type", equalTo("image/jpeg"))
                    .withHeader("Content-Disposition", containing("filename=\"info-screen.jpg\""))
                    .build())
            .withRequestBodyPart(
                aMultipart()
                    .withName("stickerPhoto")
                    .withHeader("Content-Type", equalTo("image/png"))
                    .build()));
  }

  private static com.github.tomakehurst.wiremock.matching.MultipartValuePattern part(
      String name, String value) {
    return aMultipart().withName(name).withBody(equalTo(value)).build();
  }

  @Test
  void badRequestBecomesInvalidResetRequestWithTheDesksProblems() {
    wm.stubFor(
        json(
            post(urlEqualTo("/desk/v1/reset-requests")),
            400,
            "{\"error\":\"invalid-request\",\"problems\":["
                + "{\"field\":\"displayedDate\",\"reason\":\"the recorder shows 2026-11-26\"},"
                + "{\"field\":\"stickerPhoto\",\"reason\":\"not a JPEG or PNG image\"}]}"));
    InvalidResetRequestException e =
        assertThrows(
            InvalidResetRequestException.class, () -> channel().submit(ResetFixtures.request()));
    assertEquals(
        List.of(
            new FieldProblem("displayedDate", "the recorder shows 2026-11-26"),
            new FieldProblem("stickerPhoto", "not a JPEG or PNG image")),
        e.problems());
  }

  @Test
  void wrongTokenAndOversizeAndServerErrorsAreTyped() {
    wm.stubFor(post(urlEqualTo("/desk/v1/reset-requests")).willReturn(aResponse().withStatus(401)));
    AuthenticationFailedException a =
        assertThrows(
            AuthenticationFailedException.class, () -> channel().submit(ResetFixtures.request()));
    assertFalse(a.getMessage().contains(TOKEN));

    wm.stubFor(post(urlEqualTo("/desk/v1/reset-requests")).willReturn(aResponse().withStatus(413)));
    DeviceRejectedException big =
        assertThrows(
            DeviceRejectedException.class, () -> channel().submit(ResetFixtures.request()));
    assertEquals(Optional.of("413"), big.vendorCode());

    wm.stubFor(post(urlEqualTo("/desk/v1/reset-requests")).willReturn(aResponse().withStatus(503)));
    assertEquals(
        Optional.of("503"),
        assertThrows(DeviceRejectedException.class, () -> channel().submit(ResetFixtures.request()))
            .vendorCode());
  }

  @Test
  void malformedSubmitAnswersAreProtocolErrors() {
    for (String body :
        List.of(
            "not json",
            "{\"ticket\":\"T-1\"}",
            "{\"ticket\":\"../../admin\",\"status\":\"SUBMITTED\",\"submittedAt\":\"2026-11-25T10:15:30Z\"}",
            "{\"ticket\":\"T-1\",\"status\":\"SUBMITTED\",\"submittedAt\":\"yesterday\"}",
            "{\"ticket\":\"T-1\",\"status\":\"GRANTED\",\"submittedAt\":\"2026-11-25T10:15:30Z\"}",
            "[1,2,3]")) {
      wm.stubFor(json(post(urlEqualTo("/desk/v1/reset-requests")), 201, body));
      assertThrows(ProtocolException.class, () -> channel().submit(ResetFixtures.request()), body);
    }
    wm.stubFor(json(post(urlEqualTo("/desk/v1/reset-requests")), 400, "{\"error\":\"x\"}"));
    assertThrows(ProtocolException.class, () -> channel().submit(ResetFixtures.request()));
  }

  @Test
  void pollIsEmptyWhileSubmittedAndGivesTheGrantWhenGranted() {
    wm.stubFor(
        json(
            get(urlEqualTo("/desk/v1/reset-requests/T-42")),
            200,
            "{\"ticket\":\"T-42\",\"status\":\"SUBMITTED\",\"submittedAt\":\"2026-11-25T10:15:30Z\"}"));
    assertTrue(channel().poll(ticket("T-42")).isEmpty());

    wm.stubFor(
        json(
            get(urlEqualTo("/desk/v1/reset-requests/T-42")),
            200,
            "{\"ticket\":\"T-42\",\"status\":\"GRANTED\",\"submittedAt\":\"2026-11-25T10:15:30Z\","
                + "\"temporaryPassword\":\""
                + TEMP
                + "\",\"validUntil\":\"2026-11-25T10:59:59Z\",\"extra\":{\"a\":[1,2]}}"));
    ResetGrant g = channel().poll(ticket("T-42")).orElseThrow();
    assertEquals("T-42", g.ticketId());
    assertEquals(Secret.of(TEMP), g.temporaryPassword());
    assertEquals(Instant.parse("2026-11-25T10:59:59Z"), g.validUntil());
    assertFalse(g.toString().contains(TEMP));
    wm.verify(
        getRequestedFor(urlEqualTo("/desk/v1/reset-requests/T-42"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }

  @Test
  void aChannelBuiltOnAKitTalksThroughThatKitAndStopsWithIt() {
    wm.stubFor(
        json(
            get(urlEqualTo("/desk/v1/reset-requests/T-7")),
            200,
            "{\"ticket\":\"T-7\",\"status\":\"SUBMITTED\",\"submittedAt\":\"2026-11-25T10:15:30Z\"}"));
    NvrKit kit = NvrKit.builder().build();
    HttpResetChannel onKit =
        HttpResetChannel.builder(kit, URI.create("http://127.0.0.1:" + wm.getPort() + "/desk"))
            .bearerToken(Secret.of(TOKEN))
            .build();
    assertTrue(onKit.poll(ticket("T-7")).isEmpty());
    kit.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> onKit.poll(ticket("T-7")));
    assertTrue(e.getMessage().contains("NvrKit is closed"), e.getMessage());
    assertTrue(channel().poll(ticket("T-7")).isEmpty(), "the default kit's channel still works");
  }

  @Test
  void rejectedExpiredCompletedAndUnknownTicketsThrowClearly() {
    wm.stubFor(
        json(
            get(urlEqualTo("/desk/v1/reset-requests/T-1")),
            200,
            "{\"ticket\":\"T-1\",\"status\":\"REJECTED\",\"submittedAt\":\"2026-11-25T10:15:30Z\","
                + "\"reason\":\"the photos do not show the device ID\"}"));
    DeviceRejectedException r =
        assertThrows(DeviceRejectedException.class, () -> channel().poll(ticket("T-1")));
    assertEquals(Optional.of("REJECTED"), r.vendorCode());
    assertTrue(r.getMessage().contains("the photos do not show the device ID"), r.getMessage());

    for (String s : List.of("EXPIRED", "COMPLETED")) {
      wm.stubFor(
          json(
              get(urlEqualTo("/desk/v1/reset-requests/T-1")),
              200,
              "{\"ticket\":\"T-1\",\"status\":\""
                  + s
                  + "\",\"submittedAt\":\"2026-11-25T10:15:30Z\"}"));
      assertEquals(
          Optional.of(s),
          assertThrows(DeviceRejectedException.class, () -> channel().poll(ticket("T-1")))
              .vendorCode());
    }

    wm.stubFor(
        get(urlEqualTo("/desk/v1/reset-requests/T-9")).willReturn(aResponse().withStatus(404)));
    assertEquals(
        Optional.of("404"),
        assertThrows(DeviceRejectedException.class, () -> channel().poll(ticket("T-9")))
            .vendorCode());
  }

  @Test
  void malformedPollAnswersAreProtocolErrorsWithoutThePassword() {
    for (String body :
        List.of(
            "{\"ticket\":\"T-42\",\"status\":\"GRANTED\",\"temporaryPassword\":\"" + TEMP + "\"}",
            "{\"ticket\":\"T-42\",\"status\":\"GRANTED\",\"validUntil\":\"2026-11-25T10:59:59Z\"}",
            "{\"ticket\":\"T-43\",\"status\":\"GRANTED\",\"temporaryPassword\":\""
                + TEMP
                + "\",\"validUntil\":\"2026-11-25T10:59:59Z\"}",
            "{\"ticket\":\"T-42\",\"status\":\"GRANTED\",\"temporaryPassword\":\""
                + TEMP
                + "\",\"validUntil\":\"soon\"}",
            "{\"ticket\":\"T-42\",\"status\":\"GRANTED\",\"temporaryPassword\":\""
                + TEMP
                + "\",\"validUntil\":\"2026-11-25T10:59:59Z\"} trailing",
            "{\"ticket\":\"T-42\",\"status\":\"MAYBE\"}",
            "{\"ticket\":\"T-42\",\"status\":7}",
            "{\"ticket\":\"T-42\",\"status\":\"GRANTED\",\"temporaryPassword\":\"" + TEMP,
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "{\"ticket\":\"T-42\",\"status\":\"SUBMITTED\",\"x\":\""
                + "a".repeat(70_000)
                + "\"}")) {
      wm.stubFor(json(get(urlEqualTo("/desk/v1/reset-requests/T-42")), 200, body));
      ProtocolException e =
          assertThrows(
              ProtocolException.class,
              () -> channel().poll(ticket("T-42")),
              body.substring(0, Math.min(80, body.length())));
      assertNoSecret(e);
    }
  }

  @Test
  void completionIsAcknowledged() {
    wm.stubFor(
        post(urlEqualTo("/desk/v1/reset-requests/T-42/completion"))
            .willReturn(aResponse().withStatus(204)));
    channel().complete(ticket("T-42"));
    wm.verify(postRequestedFor(urlEqualTo("/desk/v1/reset-requests/T-42/completion")));
  }

  @Test
  void plainHttpToARemoteDeskIsRefusedBeforeAnythingIsSent() {
    HttpResetChannel remote =
        HttpResetChannel.builder("http://192.0.2.10/desk")
            .transport(
                (e, o) -> {
                  throw new AssertionError("no connection expected");
                })
            .build();
    NvrException e = assertThrows(NvrException.class, () -> remote.poll(ticket("T-1")));
    assertTrue(e.getMessage().contains("plain HTTP"), e.getMessage());
  }

  @Test
  void ticketIdsThatWouldEscapeThePathAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> channel().poll(ticket("../x")));
    assertThrows(IllegalArgumentException.class, () -> channel().poll(ticket("a/b")));
  }

  @Test
  void toStringHidesTheToken() {
    assertFalse(channel().toString().contains(TOKEN));
  }

  private static void assertNoSecret(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      assertFalse(m.contains(TEMP), "secret in message: " + m);
      assertFalse(m.contains(TOKEN), "token in message: " + m);
    }
  }
}
