package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.IdentityConflict;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.HttpResetChannel;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.Requester;
import io.nvrkit.core.reset.ResetChannel;
import io.nvrkit.core.reset.ResetPackageChannel;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.hikvision.HikvisionDiscovery;
import io.nvrkit.hikvision.SadpDevice;
import io.nvrkit.hikvision.reset.HikvisionReset;
import io.nvrkit.hikvision.reset.HikvisionResetForm;
import io.nvrkit.lorex.reset.LorexReset;
import io.nvrkit.lorex.reset.LorexResetForm;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nvrctl reset request}: builds, validates and submits the vendor's reset request. */
@Command(
    name = "request",
    description = {
      "Build and send the temporary-password request the vendor asks for.",
      "The request the vendor's support form asks for is validated, then written as a checksummed"
          + " package (--out) or posted to a service desk (--submit-url)."
    })
public final class ResetRequestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--vendor",
      required = true,
      paramLabel = "ID",
      description = "lorex or hikvision.")
  String vendor;

  @Option(
      names = "--start-time",
      paramLabel = "YYYY-MM-DDTHH:MM[:SS]",
      description =
          "Hikvision: the device's start time as the SADP tool shows it (read by SADP with"
              + " --url when the device answers).")
  String startTime;

  @Option(
      names = "--sadp-target",
      paramLabel = "HOST:PORT",
      hidden = true,
      description = "Hikvision: ask this SADP address instead of the device's port 37020 (tests).")
  String sadpTarget;

  @Option(
      names = "--url",
      paramLabel = "URL",
      description =
          "Optionally read what the recorder tells before login (serial; date and model via ONVIF)"
              + " and compare it with the typed values.")
  String url;

  @Option(names = "--model", paramLabel = "M", description = "Model number (sticker).")
  String model;

  @Option(
      names = "--device-id",
      paramLabel = "D",
      description = "Device ID, next to the QR code (not the serial).")
  String deviceId;

  @Option(names = "--serial", paramLabel = "S", description = "Serial number (sticker).")
  String serial;

  @Option(
      names = "--device-date",
      paramLabel = "YYYY-MM-DD",
      converter = PersonalOptions.DateConverter.class,
      description = "The date the recorder displays.")
  LocalDate deviceDate;

  @Option(names = "--first-name", required = true, paramLabel = "F", description = "Owner.")
  String firstName;

  @Option(names = "--last-name", required = true, paramLabel = "L", description = "Owner.")
  String lastName;

  @Option(names = "--phone", required = true, paramLabel = "P", description = "Owner's phone.")
  String phone;

  @Option(names = "--email", paramLabel = "E", description = "Owner's e-mail (optional).")
  String email;

  @Option(
      names = "--info-photo",
      required = true,
      paramLabel = "FILE",
      description = "Photo of the Info screen (JPEG or PNG, at most 10 MB).")
  Path infoPhoto;

  @Option(
      names = "--sticker-photo",
      required = true,
      paramLabel = "FILE",
      description = "Photo of the sticker (JPEG or PNG, at most 10 MB).")
  Path stickerPhoto;

  /** Where the request goes. */
  static final class Target {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Write a package (folder) for the vendor's web form under DIR.")
    Path out;

    @Option(
        names = "--submit-url",
        paramLabel = "URL",
        description = "Post the request to a service desk (reset desk protocol v1).")
    String submitUrl;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(
      names = "--desk-token-env",
      paramLabel = "VAR",
      description = "Bearer token for the desk, from environment variable VAR.")
  String deskTokenEnv;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    String v = vendor.toLowerCase(Locale.ROOT);
    if (v.equals("hikvision")) {
      HikvisionResetForm form = hikvisionForm();
      return submit(() -> form.build(), form::conflicts);
    }
    if (!v.equals("lorex")) {
      throw CliException.usage("reset request supports --vendor lorex or hikvision");
    }
    LorexResetForm form = LorexResetForm.create();
    if (url != null) {
      DeviceEndpoint ep;
      try {
        ep = DeviceEndpoint.of(url);
      } catch (IllegalArgumentException e) {
        throw CliException.usage(e.getMessage());
      }
      DeviceIdentity seen = LorexReset.readBeforeLogin(ep, ConnectOptions.defaults());
      form.fromDevice(seen);
    }
    if (model != null) {
      form.model(model, Provenance.STICKER);
    }
    if (deviceId != null) {
      form.deviceId(deviceId, Provenance.TYPED);
    }
    if (serial != null) {
      form.serial(serial, Provenance.STICKER);
    }
    if (deviceDate != null) {
      form.displayedDate(deviceDate, Provenance.INFO_SCREEN);
    }
    Requester r = Requester.of(firstName, lastName, phone);
    form.requester(email == null ? r : r.withEmail(email));
    form.infoScreenPhoto(infoPhoto).stickerPhoto(stickerPhoto);
    return submit(form::build, form::conflicts);
  }

  private HikvisionResetForm hikvisionForm() {
    HikvisionResetForm form = HikvisionResetForm.create();
    if (url != null) {
      DeviceEndpoint ep = endpoint();
      form.fromDevice(HikvisionReset.readBeforeLogin(ep, ConnectOptions.defaults()));
      Optional<SadpDevice> sadp =
          sadpTarget == null
              ? HikvisionReset.readSadp(ep, Duration.ofSeconds(1))
              : HikvisionDiscovery.probe(sadpAddress(), Duration.ofSeconds(1)).stream().findFirst();
      sadp.ifPresent(form::fromSadp);
    }
    if (startTime != null) {
      try {
        form.startTime(LocalDateTime.parse(startTime.trim().replace(' ', 'T')), Provenance.TYPED);
      } catch (java.time.format.DateTimeParseException e) {
        throw CliException.usage("--start-time must be YYYY-MM-DDTHH:MM[:SS]");
      }
    }
    if (model != null) {
      form.model(model, Provenance.STICKER);
    }
    if (serial != null) {
      form.serial(serial, Provenance.STICKER);
    }
    if (deviceDate != null) {
      form.displayedDate(deviceDate, Provenance.INFO_SCREEN);
    }
    Requester r = Requester.of(firstName, lastName, phone);
    form.requester(email == null ? r : r.withEmail(email));
    form.infoScreenPhoto(infoPhoto).stickerPhoto(stickerPhoto);
    return form;
  }

  private DeviceEndpoint endpoint() {
    try {
      return DeviceEndpoint.of(url);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  private InetSocketAddress sadpAddress() {
    int colon = sadpTarget.lastIndexOf(':');
    try {
      return new InetSocketAddress(
          sadpTarget.substring(0, colon), Integer.parseInt(sadpTarget.substring(colon + 1)));
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
      throw CliException.usage("--sadp-target must be HOST:PORT");
    }
  }

  private int submit(Supplier<ResetRequest> build, Supplier<List<IdentityConflict>> conflicts) {
    ResetRequest request;
    try {
      request = build.get();
    } catch (InvalidResetRequestException e) {
      StringBuilder b = new StringBuilder("the request is not complete:");
      for (FieldProblem p : e.problems()) {
        b.append("\n  ").append(p.field()).append(": ").append(p.reason());
      }
      throw CliException.usage(b.toString());
    }
    ResetChannel channel;
    if (target.out != null) {
      channel = ResetPackageChannel.folder(target.out);
    } else {
      HttpResetChannel.Builder hb = HttpResetChannel.builder(target.submitUrl);
      if (deskTokenEnv != null) {
        String t = Nvrctl.context(spec).env(deskTokenEnv);
        if (t == null || t.isEmpty()) {
          throw CliException.usage("environment variable " + deskTokenEnv + " is not set");
        }
        hb.bearerToken(Secret.of(t));
      }
      channel = hb.build();
    }
    ResetTicket ticket = channel.submit(request);
    print(spec, json.enabled(), request, conflicts.get(), ticket);
    return ExitCodes.OK;
  }

  static void print(
      CommandSpec spec,
      boolean json,
      ResetRequest request,
      List<IdentityConflict> conflicts,
      ResetTicket ticket) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ok", true);
      m.put("ticket", ticket.id());
      m.put("status", ticket.status().name());
      m.put("location", ticket.location());
      List<Map<String, String>> cs = new ArrayList<>();
      for (IdentityConflict c : conflicts) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put("field", IdentityView.camel(c.field()));
        e.put("kept", c.kept());
        e.put("other", c.other());
        cs.add(e);
      }
      m.put("conflicts", cs);
      Nvrctl.printJson(spec, m);
      return;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Request for " + request.model().value() + " serial " + request.serial().value());
    for (IdentityConflict c : conflicts) {
      out.println(
          "  note: "
              + IdentityView.label(c.field())
              + " typed as "
              + c.other()
              + " but the device says "
              + c.kept()
              + " (the device's value is used)");
    }
    out.println("Ticket " + ticket.id() + " (" + ticket.status() + ")");
    out.println("Location: " + ticket.location());
    out.flush();
  }
}
