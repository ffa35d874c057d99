package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.hikvision.reset.HikvisionReset;
import io.nvrkit.lorex.reset.LorexReset;
import io.nvrkit.lorex.reset.LorexResetCompletion;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nvrctl reset complete}: log in with the temporary password and set a new one. */
@Command(
    name = "complete",
    description = {
      "Complete the reset with the vendor's temporary password (--vendor lorex, the default, or"
          + " hikvision).",
      "Log in with the temporary password, give it as the old password, set a strong new one,"
          + " verify it with a fresh login, list the follow-ups."
    })
public final class ResetCompleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DeviceOptions device;

  @Option(
      names = "--user",
      defaultValue = "admin",
      paramLabel = "NAME",
      description = "The account (default: ${DEFAULT-VALUE}).")
  String user;

  @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Temporary password (one of):%n")
  TemporaryPasswordInput temporary = new TemporaryPasswordInput();

  @Option(names = "--ticket", paramLabel = "ID", description = "The vendor's ticket, for records.")
  String ticket;

  @Option(
      names = "--owner-name",
      paramLabel = "NAME",
      description = "A name the new password must not contain (repeatable).")
  java.util.List<String> ownerNames = new java.util.ArrayList<>();

  @Mixin NewPasswordOptions newPassword;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    String vendor = device.vendor == null ? "lorex" : device.vendor.toLowerCase(Locale.ROOT);
    boolean hikvision = vendor.equals("hikvision");
    if (!vendor.equals("lorex") && !hikvision) {
      throw CliException.usage("reset complete supports --vendor lorex or hikvision");
    }
    newPassword.precheck();
    DeviceEndpoint ep = device.endpoint();
    PersonalInfo.Builder pb = PersonalInfo.builder().userName(user);
    ownerNames.forEach(pb::name);
    PersonalInfo personal = pb.build();
    try (Secret temp = temporary.read(spec);
        Secret next =
            newPassword.obtain(
                spec,
                hikvision ? HikvisionReset.completionPolicy() : LorexReset.completionPolicy(),
                personal)) {
      // The vendor's temporary password is valid until the end of the device's day; the CLI does
      // not know that day, so it only refuses grants it knows to be expired (none here).
      ResetGrant grant =
          ResetGrant.of(
              ticket == null ? "manual" : ticket, temp, Instant.now().plus(Duration.ofDays(1)));
      PasswordChangeResult c =
          hikvision
              ? HikvisionReset.complete(ep, user, grant, next, personal, device.options())
              : LorexReset.complete(
                  LorexResetCompletion.builder(ep, grant, next)
                      .user(user)
                      .personalInfo(personal)
                      .options(device.options())
                      .build());
      if (json.enabled()) {
        Nvrctl.printJson(spec, ChangeView.json(c, newPassword.writtenTo()));
      } else {
        ChangeView.print(spec.commandLine().getOut(), c, newPassword.writtenTo());
      }
    }
    return ExitCodes.OK;
  }
}
