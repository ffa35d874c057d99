package io.nvrkit.core.reset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.testing.LogCapture;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bearer token and the temporary password never reach a log line (every logger at TRACE), an
 * exception or a {@code toString()}, on the success path and on a malformed answer.
 */
class ResetChannelCanaryTest {
  private static final String TOKEN = "CanaryToken-7f3a91";
  private static final String TEMP = "CanaryTemp-55e0c2";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
          .build();

  @Test
  void tokenAndTemporaryPasswordNeverShow() {
    wm.stubFor(
        post(urlEqualTo("/v1/reset-requests"))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(
                        "{\"ticket\":\"T-1\",\"status\":\"SUBMITTED\",\"submittedAt\":\"2026-11-25T10:15:30Z\"}")));
    wm.stubFor(
        get(urlEqualTo("/v1/reset-requests/T-1"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"ticket\":\"T-1\",\"status\":\"GRANTED\",\"temporaryPassword\":\""
                            + TEMP
                            + "\",\"validUntil\":\"2026-11-25T23:59:59Z\"}")));
    wm.stubFor(
        get(urlEqualTo("/v1/reset-requests/T-2"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"ticket\":\"T-2\",\"status\":\"GRANTED\",\"temporaryPassword\":"
                            + TEMP)));
    try (LogCapture logs = LogCapture.start()) {
      HttpResetChannel ch =
          HttpResetChannel.builder("http://127.0.0.1:" + wm.getPort())
              .bearerToken(Secret.of(TOKEN))
              .build();
      ResetTicket t = ch.submit(ResetFixtures.request());
      ResetGrant g = ch.poll(t).orElseThrow();
      assertTrue(g.temporaryPassword().equals(Secret.of(TEMP)));
      LogCapture.assertNoSecretIn("grant", g.toString(), TEMP);
      LogCapture.assertNoSecretIn("channel", ch.toString(), TOKEN);
      ProtocolException e =
          assertThrows(
              ProtocolException.class,
              () ->
                  ch.poll(
                      new ResetTicket("T-2", ResetTicket.Status.SUBMITTED, Instant.EPOCH, "x")));
      LogCapture.assertNoSecretIn("exception", LogCapture.describe(e), TEMP, TOKEN);
      assertTrue(!logs.events().isEmpty(), "the capture saw the exchanges");
      logs.assertNoSecret(TOKEN, TEMP);
    }
  }
}
