package io.nvrkit.examples.nvrctl;

import io.nvrkit.hikvision.HikvisionDiscovery;
import io.nvrkit.hikvision.SadpDevice;
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
import java.util.concurrent.CompletableFuture;
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
      "Find recorders and cameras on the local network: ONVIF devices (WS-Discovery multicast"
          + " probe) and Hikvision devices (SADP multicast probe, UDP 37020), both at once.",
      "Prints each device's address and what it says about itself (model, name, MAC; for"
          + " Hikvision also the full serial, firmware, start time and activation)."
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

  @Option(
      names = "--sadp-target",
      paramLabel = "HOST:PORT",
      hidden = true,
      description =
          "Probe this SADP address by unicast (tests); with --target, each probes only"
              + " its own.")
  String sadpTarget;

  private InetSocketAddress address(String hostPort, String option) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " must be HOST:PORT");
    }
    try {
      return new InetSocketAddress(
          hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), option + " must be HOST:PORT");
    }
  }

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
    boolean unicast = target != null || sadpTarget != null;
    InetSocketAddress to =
        target != null ? address(target, "--target") : unicast ? null : OnvifDiscovery.MULTICAST;
    InetSocketAddress sadpTo =
        sadpTarget != null
            ? address(sadpTarget, "--sadp-target")
            : unicast ? null : HikvisionDiscovery.MULTICAST;
    List<DiscoveredDevice> found;
    List<SadpDevice> hik;
    // both probes wait the same time, in parallel
    CompletableFuture<List<SadpDevice>> sadp =
        sadpTo == null
            ? CompletableFuture.completedFuture(List.of())
            : CompletableFuture.supplyAsync(() -> HikvisionDiscovery.probe(sadpTo, timeout));
    try {
      found = to == null ? List.of() : OnvifDiscovery.probe(to, timeout);
      hik = sadp.join();
    } catch (java.io.UncheckedIOException e) {
      throw new CliException(ExitCodes.DEVICE, "cannot send the discovery probe: " + e.getCause());
    } catch (java.util.concurrent.CompletionException e) {
      throw new CliException(
          ExitCodes.DEVICE,
          "cannot send the SADP probe: " + e.getCause().getClass().getSimpleName());
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
      List<Map<String, Object>> hikvision = new ArrayList<>();
      for (SadpDevice d : hik) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("address", d.address());
        e.put("httpPort", d.httpPort());
        e.put("model", d.model());
        e.put("serial", d.serial());
        e.put("mac", d.mac());
        e.put("firmware", d.firmware());
        e.put("startTime", d.startTime() == null ? null : d.startTime().toString());
        e.put("activated", d.activated());
        hikvision.add(e);
      }
      m.put("hikvision", hikvision);
      Nvrctl.printJson(spec, m);
    } else {
      PrintWriter out = spec.commandLine().getOut();
      if (found.isEmpty() && to != null) {
        out.println("no ONVIF device answered within " + timeout.toMillis() + " ms");
      }
      if (hik.isEmpty() && sadpTo != null) {
        out.println("no Hikvision device answered SADP within " + timeout.toMillis() + " ms");
      }
      for (SadpDevice d : hik) {
        out.println(
            "http://"
                + d.address()
                + ":"
                + d.httpPort()
                + "  Hikvision (SADP)  model="
                + d.model()
                + "  serial="
                + d.serial()
                + (d.mac() == null ? "" : "  mac=" + d.mac())
                + (d.firmware() == null ? "" : "  firmware=" + d.firmware())
                + (d.startTime() == null ? "" : "  started=" + d.startTime())
                + (d.activated() == null ? "" : d.activated() ? "" : "  INACTIVE"));
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
