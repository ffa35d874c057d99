package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.ProbeResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code nvrctl probe --url URL}: what every installed driver reads without logging in. */
@Command(
    name = "probe",
    description = {
      "Ask every installed driver what it can read from the device without logging in.",
      "No credentials are sent; nothing counts towards the device's lockout."
    })
public final class ProbeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DeviceOptions device;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    ProbeResult r = Nvrctl.kit(spec).probe(device.endpoint(), device.options());
    if (json.enabled()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", true);
      m.put("device", r.endpoint().toString());
      m.put("recognisedBy", r.recognisedBy());
      m.put("identity", IdentityView.json(r.identity()));
      m.put("problems", r.problems().stream().map(Object::toString).toList());
      Nvrctl.printJson(spec, m);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Device " + r.endpoint());
      out.println(
          r.recognisedBy().isEmpty()
              ? "Recognised by: no installed driver"
              : "Recognised by: " + String.join(", ", r.recognisedBy()));
      IdentityView.print(out, r.identity(), "  ");
      r.problems().forEach(p -> out.println("  problem: " + p));
      out.flush();
    }
    return r.recognisedBy().isEmpty() ? ExitCodes.DEVICE : ExitCodes.OK;
  }
}
