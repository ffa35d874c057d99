package io.nvrkit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.TlsTrust;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class TlsTest {
  /** Trusts exactly one SPKI pin, as TlsTrust.pinned does. */
  static SSLContext pinning(String pin) throws Exception {
    X509TrustManager tm =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            try {
              String seen =
                  Base64.getEncoder()
                      .encodeToString(
                          MessageDigest.getInstance("SHA-256")
                              .digest(chain[0].getPublicKey().getEncoded()));
              if (!seen.equals(pin)) {
                throw new CertificateException("pin mismatch");
              }
            } catch (java.security.NoSuchAlgorithmException e) {
              throw new CertificateException(e);
            }
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, null);
    return ctx;
  }

  @Test
  void httpsWithAGeneratedCertificateWhosePinTheEndpointCarries() throws Exception {
    try (FakeNvr nvr = FakeNvr.lorex().tls(true).start();
        FakeNvr other = FakeNvr.lorex().tls(true).start()) {
      String pin = nvr.pin().orElseThrow();
      assertEquals(32, Base64.getDecoder().decode(pin).length);
      DeviceEndpoint e = nvr.endpoint();
      assertEquals("https", e.scheme());
      assertEquals(TlsTrust.pinned(pin), e.tlsTrust());
      HttpClient c = HttpClient.newBuilder().sslContext(pinning(pin)).build();
      HttpResponse<String> r =
          c.send(
              HttpRequest.newBuilder(nvr.url().resolve("/cgi-bin/magicBox.cgi?action=getSerialNo"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(401, r.statusCode());
      assertTrue(r.headers().firstValue("www-authenticate").orElseThrow().contains("Login to "));
      HttpClient wrong =
          HttpClient.newBuilder().sslContext(pinning(other.pin().orElseThrow())).build();
      Exception ex =
          assertThrows(
              Exception.class,
              () ->
                  wrong.send(
                      HttpRequest.newBuilder(nvr.url().resolve("/cgi-bin/magicBox.cgi")).build(),
                      HttpResponse.BodyHandlers.ofString()));
      assertInstanceOf(SSLHandshakeException.class, ex);
    }
  }

  @Test
  void aBuilderCanStartSeveralIndependentFakes() {
    FakeNvr.Builder b =
        FakeNvr.lorex().user("admin", "Same-Passw0rd", io.nvrkit.core.AccountLevel.ADMINISTRATOR);
    try (FakeNvr one = b.start();
        FakeNvr two = b.start()) {
      assertTrue(two.accepts("admin", io.nvrkit.core.Secret.of("Same-Passw0rd")));
      assertTrue(one.port() != two.port());
    }
  }

  @Test
  void plainHttpHasNoPin() {
    try (FakeNvr nvr = FakeNvr.lorex().start()) {
      assertTrue(nvr.pin().isEmpty());
      assertEquals("http", nvr.endpoint().scheme());
      assertTrue(nvr.endpoint().isLoopback());
    }
  }
}
