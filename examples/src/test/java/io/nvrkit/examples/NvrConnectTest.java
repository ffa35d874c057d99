package io.nvrkit.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.TlsTrustException;
import io.nvrkit.testkit.FakeNvr;
import org.junit.jupiter.api.Test;

/** {@link Nvr#connect} without a vendor says why no driver recognised a device. */
class NvrConnectTest {
  @Test
  void anUntrustedCertificateIsReportedAsSuchNotAsAnUnknownDevice() {
    try (FakeNvr nvr = FakeNvr.lorex().tls(true).start()) {
      DeviceEndpoint unpinned = nvr.endpoint().toBuilder().tlsTrust(TlsTrust.system()).build();
      Credentials admin =
          Credentials.of(FakeNvr.DEFAULT_ADMIN, Secret.of(FakeNvr.DEFAULT_ADMIN_PASSWORD));
      assertThrows(TlsTrustException.class, () -> Nvr.connect(unpinned, admin).close());
    }
  }
}
