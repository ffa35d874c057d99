package io.nvrkit.examples.rotation;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.internal.LockoutGuard;
import io.nvrkit.core.internal.http.DeviceHttp;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import io.nvrkit.lorex.LorexPasswordPolicies;
import io.nvrkit.lorex.internal.LorexDriverCore;
import io.nvrkit.onvif.OnvifDriver;
import io.nvrkit.onvif.internal.OnvifClient;
import io.nvrkit.onvif.internal.OnvifEnv;
import io.nvrkit.onvif.internal.OnvifProbe;
import java.time.Clock;

/**
 * The real drivers, each with its own {@link LockoutGuard}: what a new process would have. The
 * in-process crash tests simulate a process death, so every "process" gets fresh drivers, exactly
 * as a restarted {@code nvrctl rotate --resume} would (the shared JVM-wide guard would otherwise
 * remember failures across simulated restarts).
 */
final class FreshProcessDrivers {
  private FreshProcessDrivers() {}

  static NvrDriver lorex() {
    LorexDriverCore core =
        new LorexDriverCore(DeviceHttp::create, new LockoutGuard(Clock.systemUTC()));
    return new NvrDriver() {
      @Override
      public String vendorId() {
        return "lorex";
      }

      @Override
      public DriverProbe probe(DeviceEndpoint endpoint, ConnectOptions options) {
        return core.probe(endpoint, options);
      }

      @Override
      public NvrClient connect(
          DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
        return core.connect(endpoint, credentials, options);
      }

      @Override
      public PasswordPolicy defaultPolicy() {
        return LorexPasswordPolicies.defaults();
      }
    };
  }

  static NvrDriver onvif() {
    OnvifEnv env = OnvifEnv.defaults().withGuard(new LockoutGuard(Clock.systemUTC()));
    return new NvrDriver() {
      @Override
      public String vendorId() {
        return "onvif";
      }

      @Override
      public DriverProbe probe(DeviceEndpoint endpoint, ConnectOptions options) {
        return OnvifProbe.probe(endpoint, options, env);
      }

      @Override
      public NvrClient connect(
          DeviceEndpoint endpoint, Credentials credentials, ConnectOptions options) {
        return OnvifClient.connect(endpoint, credentials, options, env, defaultPolicy());
      }

      @Override
      public PasswordPolicy defaultPolicy() {
        return OnvifDriver.defaultOnvifPolicy();
      }
    };
  }
}
