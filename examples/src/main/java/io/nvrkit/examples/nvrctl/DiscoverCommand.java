package io.nvrkit.examples.nvrctl;

import io.nvrkit.onvif.DiscoveredDevice;
import io.nvrkit.onvif.OnvifDiscovery;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nvrctl discover}: finds ONVIF devices on the local network with WS-Discovery and lists
 * their endpoint reference, device service address, model, name and MAC (from their scopes). Exit
 * 0, also when nothing answered; 2 if the probe could not be sent.
 */
@Command(
    name = "discover",
    description = {
      "Find ONVIF recorders and cameras on the local network (WS-Discovery multicast probe).",
      "Prints each device's address and what its scopes say (model, name, MAC)."
    })
public final class DiscoverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JsonOption json;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = DurationConverter.class,
      description = "How long to collect answers: 500ms, 3s, 1m or ISO-8601 (PT3S). Default 3s.")
  Duration timeout;

  @Option(
      names = "--target",
      paramLabel = "HOST:PORT",
      hidden = true,
      description = "Probe this address by unicast instead of the multicast group (tests).")
  String target;

  /** Parses 500ms, 3s, 2m, 1h or ISO-8601 durations. */
  public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      try {
        Duration d;
        if (v.startsWith("pt") || v.startsWith("p")) {
          d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } else if (v.endsWith("ms")) {
          d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        } else if (v.endsWith("s")) {
          d =
              Duration.ofMillis(
                  Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
        } else if (v.endsWith("m")) {
          d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
        } else if (v.endsWith("h")) {
          d = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
        } else {
          d = Duration.ofSeconds(Long.parseLong(v));
        }
        if (d.isNegative() || d.isZero()) {
          throw new CommandLine.TypeConversionException("duration must be positive: " + value);
        }
        return d;
      } catch (NumberFormatException | DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "not a duration: '" + value + "' (use 500ms, 3s, 1m or PT3S)");
      }
    }
  }

  @Override
  public Integer call() {
    InetSocketAddress to = OnvifDiscovery.MULTICAST;
    if (target != null) {
      int colon = target.lastIndexOf(':');
      if (colon <= 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--target must be HOST:PORT");
      }
      to =
          new InetSocketAddress(
              target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }
    List<DiscoveredDevice> found;
    try {
      found = OnvifDiscovery.probe(to, timeout);
    } catch (java.io.UncheckedIOException e) {
      throw new CliException(ExitCodes.DEVICE, "cannot send the discovery probe: " + e.getCause());
    }
    if (json.enabled()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", true);
      List<Map<String, Object>> devices = new ArrayList<>();
      for (DiscoveredDevice d : found) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("endpointReference", d.endpointReference());
        e.put("xaddr", d.xaddr().toString());
        List<String> xs = new ArrayList<>();
        d.xaddrs().forEach(x -> xs.add(x.toString()));
        e.put("xaddrs", xs);
        e.put("hardware", d.hardware().orElse(null));
        e.put("name", d.name().orElse(null));
        e.put("mac", d.mac().orElse(null));
        e.put("serial", d.serial().orElse(null));
        e.put("types", d.types());
        e.put("scopes", d.scopes());
        devices.add(e);
      }
      m.put("devices", devices);
      Nvrctl.printJson(spec, m);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      if (found.isEmpty()) {
        out.println("no ONVIF device answered within " + timeout.toMillis() + " ms");
      }
      for (DiscoveredDevice d : found) {
        out.println(
            d.xaddr()
                + "  model="
                + d.hardware().orElse("?")
                + "  name="
                + d.name().orElse("?")
                + (d.mac().isPresent() ? "  mac=" + d.mac().get() : "")
                + "  ("
                + d.endpointReference()
                + ")");
      }
    }
    return ExitCodes.OK;
  }
}
