package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.core.AccountLevel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ONVIF user management operations ({@code CreateUsers}, {@code SetUser}, {@code DeleteUsers})
 * over the fake's accounts, with the firmware limits of the profile. Thread-safe.
 */
final class OnvifUsers {
  private final OnvifDevice device;
  private final OnvifSettings settings;

  OnvifUsers(OnvifDevice device, OnvifSettings settings) {
    this.device = device;
    this.settings = settings;
  }

  static String levelName(AccountLevel l) {
    switch (l) {
      case ADMINISTRATOR:
        return "Administrator";
      case OPERATOR:
        return "Operator";
      case USER:
        return "User";
      case ANONYMOUS:
        return "Anonymous";
      default:
        return "Extended";
    }
  }

  private static AccountLevel parseLevel(String s) {
    switch (s.strip()) {
      case "Administrator":
        return AccountLevel.ADMINISTRATOR;
      case "Operator":
        return AccountLevel.OPERATOR;
      case "User":
        return AccountLevel.USER;
      case "Anonymous":
        return AccountLevel.ANONYMOUS;
      case "Extended":
        return AccountLevel.OTHER;
      default:
        throw SoapFault.sender("Invalid user level", "InvalidArgVal");
    }
  }

  /** One {@code tds:User} of a request. */
  private record UserArg(String name, String password, AccountLevel level) {}

  private static List<UserArg> userArgs(XmlNode op) {
    List<XmlNode> nodes = op.children(Ns.TDS, "User");
    if (nodes.isEmpty()) {
      throw SoapFault.sender("At least one User is required", "InvalidArgs");
    }
    List<UserArg> out = new ArrayList<>();
    for (XmlNode u : nodes) {
      String name =
          u.child(Ns.TT, "Username")
              .map(XmlNode::text)
              .orElseThrow(() -> SoapFault.sender("Username is required", "InvalidArgs"));
      String pw = u.child(Ns.TT, "Password").map(XmlNode::text).orElse(null);
      AccountLevel level =
          parseLevel(
              u.child(Ns.TT, "UserLevel")
                  .map(XmlNode::text)
                  .orElseThrow(() -> SoapFault.sender("UserLevel is required", "InvalidArgs")));
      out.add(new UserArg(name, pw, level));
    }
    return out;
  }

  private static SoapFault prohibited(String reason, String sub) {
    return SoapFault.sender(reason, "OperationProhibited", sub);
  }

  private static int length(String s) {
    return s.codePointCount(0, s.length());
  }

  private void checkPassword(String pw, String tooWeakSubcode) {
    if (pw == null || pw.isEmpty()) {
      throw prohibited("Too weak password", tooWeakSubcode);
    }
    if (length(pw) > settings.maxPasswordLength()) {
      throw prohibited("The password is too long", "PasswordTooLong");
    }
    char[] c = pw.toCharArray();
    try {
      if (!device.acceptablePassword(c)) {
        throw prohibited("Too weak password", tooWeakSubcode);
      }
    } finally {
      Arrays.fill(c, '\0');
    }
  }

  private Optional<OnvifDevice.Account> find(String name) {
    return device.accounts().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  void createUsers(XmlNode op) {
    List<UserArg> args = userArgs(op);
    device.atomically(
        () -> {
          Set<String> seen = new HashSet<>();
          for (UserArg u : args) {
            if (u.name().isEmpty()) {
              throw prohibited("The username is too short", "UsernameTooShort");
            }
            if (length(u.name()) > settings.maxUserNameLength()) {
              throw prohibited("The username is too long", "UsernameTooLong");
            }
            if (!seen.add(u.name()) || find(u.name()).isPresent()) {
              throw prohibited("Username already exists", "UsernameClash");
            }
            if (u.level() == AccountLevel.ANONYMOUS) {
              throw prohibited("User level anonymous is not allowed", "AnonymousNotAllowed");
            }
            // CORE's CreateUsers table literally names the too-weak subcode ter:Password
            checkPassword(u.password(), "Password");
          }
          if (device.accounts().size() + args.size() > settings.maxUsers()) {
            throw SoapFault.receiver(
                "Maximum number of supported users exceeded", "Action", "TooManyUsers");
          }
          for (UserArg u : args) {
            device.create(
                new OnvifDevice.AccountWrite(u.name(), u.password().toCharArray(), u.level()));
          }
          return null;
        });
  }

  void setUser(XmlNode op, OnvifPersonality.Caller caller) {
    List<UserArg> args = userArgs(op);
    boolean selfService = !caller.isAdmin();
    if (selfService) {
      for (UserArg u : args) {
        if (!u.name().equals(caller.name())) {
          throw SoapFault.notAuthorized("Sender not Authorized");
        }
      }
    }
    device.atomically(
        () -> {
          List<OnvifDevice.AccountWrite> writes = new ArrayList<>();
          for (UserArg u : args) {
            OnvifDevice.Account existing =
                find(u.name())
                    .orElseThrow(
                        () ->
                            SoapFault.sender(
                                "Username not recognized", "InvalidArgVal", "UsernameMissing"));
            // ModifyPassword: the level is ignored for a client without WRITE_SYSTEM
            AccountLevel level = selfService ? existing.level() : u.level();
            if (level == AccountLevel.ANONYMOUS) {
              throw prohibited("User level anonymous is not allowed", "AnonymousNotAllowed");
            }
            if (existing.fixed() && level != existing.level()) {
              throw SoapFault.sender(
                  "Password or User level may not be changed", "InvalidArgVal", "FixedUser");
            }
            checkPassword(u.password(), "PasswordTooWeak");
            writes.add(new OnvifDevice.AccountWrite(u.name(), u.password().toCharArray(), level));
          }
          writes.forEach(device::update);
          return null;
        });
  }

  void deleteUsers(XmlNode op) {
    List<XmlNode> nodes = op.children(Ns.TDS, "Username");
    if (nodes.isEmpty()) {
      throw SoapFault.sender("At least one tds:Username is required", "InvalidArgs");
    }
    device.atomically(
        () -> {
          List<String> names = new ArrayList<>();
          for (XmlNode n : nodes) {
            String name = n.text();
            OnvifDevice.Account a =
                find(name)
                    .orElseThrow(
                        () ->
                            SoapFault.sender(
                                "Username not recognized", "InvalidArgVal", "UsernameMissing"));
            if (a.fixed()) {
              throw SoapFault.sender("Username may not be deleted", "InvalidArgVal", "FixedUser");
            }
            if (!names.contains(name)) {
              names.add(name);
            }
          }
          names.forEach(device::delete);
          return null;
        });
  }
}
