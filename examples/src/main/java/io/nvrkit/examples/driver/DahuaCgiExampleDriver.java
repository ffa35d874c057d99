package io.nvrkit.examples.driver;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal example driver for the Dahua/Lorex HTTP CGI (driver id {@value #DRIVER_ID}): login by
 * HTTP Digest, identity from {@code magicBox.cgi}, users from {@code userManager.cgi}, password
 * changes with {@code modifyPassword}. A teaching example for {@code docs/writing-a-driver.md},
 * built only on the public API and SPI; use {@code nvr-lorex} for real recorders.
 *
 * <pre>{@code
 * try (NvrKit kit = NvrKit.builder().driver(new DahuaCgiExampleDriver()).build();
 *     NvrClient nvr = kit.connect(DeviceEndpoint.of("https://192.0.2.10"), admin,
 *         ConnectOptions.builder().driver(DahuaCgiExampleDriver.DRIVER_ID).build())) {
 *   DeviceIdentity id = nvr.identity();
 * }
 * }</pre>
 *
 * <p>Not registered for {@link java.util.ServiceLoader}: a kit has it only when given it.
 * Thread-safe and stateless, as every driver must be: sessions use the calling kit's transport and
 * ledger.
 */
// tag::writing-a-driver-driver[]
public final class DahuaCgiExampleDriver implements NvrDriver {
  /** The driver id. */
  public static final String DRIVER_ID = "dahua-cgi-example";

  private static final Pattern REALM = Pattern.compile("realm=\"Login to ([A-Za-z0-9_-]{4,64})\"");

  /** The driver; it holds no state. */
  public DahuaCgiExampleDriver() {}

  @Override
  public String driverId() {
    return DRIVER_ID; // lower case, unique in a kit
  }

  @Override
  public int priority() {
    return 10; // vendor drivers > 0 > generic protocol drivers (ONVIF is -100)
  }

  /** Anonymous only: never a login. A Dahua CGI answers 401 with "Login to SERIAL" as realm. */
  @Override
  public DriverProbe probe(DriverContext context, DeviceEndpoint endpoint, ConnectOptions options) {
    try (DeviceHttp http = context.openHttp(endpoint, options, DeviceHttp.Nonces.SINGLE_USE)) {
      DeviceHttpResponse r =
          http.execute(
              DeviceHttpRequest.get("probe", "/cgi-bin/magicBox.cgi?action=getDeviceType").build());
      for (String challenge : r.headers("www-authenticate")) {
        Matcher m = REALM.matcher(challenge);
        if (r.status() == 401 && challenge.startsWith("Digest") && m.find()) {
          return new DriverProbe(
              true,
              DeviceIdentity.builder()
                  .set(IdentityField.SERIAL, m.group(1), Provenance.NETWORK_PRE_AUTH)
                  .build());
        }
      }
      return DriverProbe.notRecognised();
    }
  }

  /** Logs in and returns a session; the caller closes it. */
  @Override
  public NvrClient connect(
      DriverContext context,
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options) {
    return DahuaCgiExampleSession.open(context, endpoint, credentials, options);
  }

  @Override
  public PasswordPolicy defaultPolicy() {
    return DahuaCgiExampleSession.POLICY;
  }
}
// end::writing-a-driver-driver[]
