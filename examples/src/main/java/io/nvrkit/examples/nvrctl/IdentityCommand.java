package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.Secret;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nvrctl identity}: everything the device tells about itself after logging in. */
@Command(
    name = "identity",
    description = "Log in and read the device's identity, each field with where it came from.")
public final class IdentityCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DeviceOptions device;

  @Mixin UserOption login;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    ConnectOptions options = device.checkedOptions(spec);
    try (Secret pw = login.readPassword(spec);
        NvrClient nvr = login.connect(spec, device.endpoint(), options, pw)) {
      DeviceIdentity id = nvr.identity();
      if (json.enabled()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("device", nvr.endpoint().toString());
        m.put("vendor", nvr.driverId());
        m.put("identity", IdentityView.json(id));
        m.put("roundTrips", io.nvrkit.core.SessionDiagnostics.roundTripsOf(nvr).orElse(0));
        Nvrctl.printJson(spec, m);
      } else {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Device " + nvr.endpoint() + " (driver " + nvr.driverId() + ")");
        IdentityView.print(out, id, "  ");
      }
    }
    return ExitCodes.OK;
  }
}
