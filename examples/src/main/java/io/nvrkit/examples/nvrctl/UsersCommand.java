package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nvrctl users list|add|delete}. */
@Command(
    name = "users",
    description = "List, add or delete the device's accounts.",
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.AddUser.class,
      UsersCommand.DeleteUser.class
    })
public final class UsersCommand {

  /** {@code nvrctl users list}. */
  @Command(name = "list", description = "List the device's accounts (never their passwords).")
  public static final class ListUsers implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DeviceOptions device;

    @Mixin UserOption login;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      ConnectOptions options = device.checkedOptions(spec);
      try (Secret pw = login.readPassword(spec);
          NvrClient nvr = login.connect(spec, device.endpoint(), options, pw)) {
        java.util.List<UserAccount> users = nvr.users();
        if (json.enabled()) {
          java.util.List<Map<String, Object>> us = new ArrayList<>();
          for (UserAccount u : users) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", u.name());
            e.put("level", u.level().name());
            e.put("group", u.group());
            e.put("builtIn", u.builtIn());
            us.add(e);
          }
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ok", true);
          m.put("users", us);
          Nvrctl.printJson(spec, m);
        } else {
          java.util.List<String[]> rows = new ArrayList<>();
          rows.add(new String[] {"NAME", "LEVEL", "GROUP", "BUILT-IN"});
          for (UserAccount u : users) {
            rows.add(
                new String[] {
                  u.name(),
                  u.level().name().toLowerCase(Locale.ROOT),
                  String.valueOf(u.group()),
                  u.builtIn() ? "yes" : "no"
                });
          }
          PrintWriter out = spec.commandLine().getOut();
          printTable(out, rows);
          out.flush();
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code nvrctl users add}. */
  @Command(
      name = "add",
      description = "Add an account; done only when a fresh login with its password succeeds.")
  public static final class AddUser implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DeviceOptions device;

    @Mixin UserOption login;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "New account.")
    String name;

    @Option(
        names = "--level",
        defaultValue = "USER",
        paramLabel = "LEVEL",
        description = "ADMINISTRATOR or USER (default: ${DEFAULT-VALUE}).")
    AccountLevel level;

    @Mixin NewPasswordOptions newPassword;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      newPassword.precheck();
      ConnectOptions options = device.checkedOptions(spec);
      try (Secret pw = login.readPassword(spec);
          NvrClient nvr = login.connect(spec, device.endpoint(), options, pw);
          Secret np =
              newPassword.obtain(
                  spec,
                  NewPasswordOptions.driverPolicy(nvr),
                  PersonalInfo.builder().userName(name).build())) {
        nvr.createUser(name, np, level);
        if (json.enabled()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ok", true);
          m.put("user", name);
          m.put("verified", true);
          Nvrctl.printJson(spec, m);
        } else {
          spec.commandLine().getOut().println("Added " + name + " (verified by a fresh login).");
          spec.commandLine().getOut().flush();
        }
      }
      return ExitCodes.OK;
    }
  }

  /** {@code nvrctl users delete}. */
  @Command(
      name = "delete",
      description = "Delete an account; done only when the device no longer lists it.")
  public static final class DeleteUser implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin DeviceOptions device;

    @Mixin UserOption login;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Account.")
    String name;

    @Mixin JsonOption json;

    @Override
    public Integer call() {
      ConnectOptions options = device.checkedOptions(spec);
      try (Secret pw = login.readPassword(spec);
          NvrClient nvr = login.connect(spec, device.endpoint(), options, pw)) {
        nvr.deleteUser(name);
        if (json.enabled()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ok", true);
          m.put("deleted", name);
          Nvrctl.printJson(spec, m);
        } else {
          spec.commandLine().getOut().println("Deleted " + name + ".");
          spec.commandLine().getOut().flush();
        }
      }
      return ExitCodes.OK;
    }
  }

  /** Prints rows as left-aligned columns, each as wide as its widest cell, two spaces apart. */
  static void printTable(PrintWriter out, java.util.List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) {
          line.append(" ".repeat(width[i] - r[i].length() + 2));
        }
      }
      out.println(line);
    }
  }

  private UsersCommand() {}
}
