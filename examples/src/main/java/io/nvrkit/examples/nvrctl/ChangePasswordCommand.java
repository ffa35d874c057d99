package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordPolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nvrctl change-password}: a checked, verified password change. */
@Command(
    name = "change-password",
    description = {
      "Change a password, checked first and verified by a fresh login.",
      "The new password is checked against the policy (--profile, or the policy of the device's"
          + " driver) before anything is sent; the change is done only when a fresh login with it"
          + " succeeds. A generated password is stored (owner-only) before it is sent, and never"
          + " printed."
    })
public final class ChangePasswordCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DeviceOptions device;

  @Mixin UserOption login;

  @Option(
      names = "--target-user",
      paramLabel = "NAME",
      description = "Change this account instead of the logged-in one (needs an administrator).")
  String targetUser;

  @Option(
      names = "--target-old-password-env",
      paramLabel = "VAR",
      description = "With --target-user: that account's current password, from variable VAR.")
  String targetOldEnv;

  @Option(
      names = "--owner-name",
      paramLabel = "NAME",
      description = "A name the new password must not contain (repeatable).")
  java.util.List<String> ownerNames = new java.util.ArrayList<>();

  @Mixin NewPasswordOptions newPassword;

  @Mixin JsonOption json;

  @Override
  public Integer call() {
    String target = targetUser == null ? login.user : targetUser;
    PersonalInfo.Builder pb = PersonalInfo.builder().userName(target);
    ownerNames.forEach(pb::name);
    PersonalInfo info = pb.build();
    newPassword.precheck();
    ConnectOptions options = device.checkedOptions(spec);
    try (Secret pw = login.readPassword(spec);
        NvrClient nvr = login.connect(spec, device.endpoint(), options, pw)) {
      PersonalInfo withDevice = info.toBuilder().device(nvr.identity()).build();
      PasswordPolicy policy = newPassword.policy(NewPasswordOptions.driverPolicy(nvr));
      try (Secret np = newPassword.obtain(spec, policy, withDevice)) {
        PasswordChangeRequest.Builder u =
            PasswordChangeRequest.builder(np).personalInfo(withDevice).policy(policy);
        if (targetUser != null) {
          u.targetUser(targetUser);
          if (targetOldEnv != null) {
            String v = Nvrctl.context(spec).env(targetOldEnv);
            if (v == null || v.isEmpty()) {
              throw CliException.usage("environment variable " + targetOldEnv + " is not set");
            }
            u.oldPassword(Secret.of(v));
          }
        }
        PasswordChangeResult c = nvr.changePassword(u.build());
        if (json.enabled()) {
          Nvrctl.printJson(spec, ChangeView.json(c, newPassword.writtenTo()));
        } else {
          ChangeView.print(spec.commandLine().getOut(), c, newPassword.writtenTo());
        }
      }
    }
    return ExitCodes.OK;
  }
}
