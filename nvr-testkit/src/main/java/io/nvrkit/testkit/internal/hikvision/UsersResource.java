package io.nvrkit.testkit.internal.hikvision;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.internal.engine.FakeRequest;
import io.nvrkit.testkit.internal.engine.FakeResponse;
import io.nvrkit.testkit.internal.state.Account;
import io.nvrkit.testkit.internal.state.DeviceState;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code /ISAPI/Security/users} and {@code /ISAPI/Security/users/<id>}: list, read, add ({@code
 * POST}), modify including the password ({@code PUT}, with the caller's {@code <loginPassword>})
 * and delete. The built-in {@code admin} is id 1 and cannot be deleted; at most 32 accounts; levels
 * {@code Administrator}, {@code Operator}, {@code Viewer}; passwords are never returned.
 *
 * <p>Choices where the research found nothing (all answered as {@code ResponseStatus}): a missing
 * {@code loginPassword} is 400 / 6 {@code badXmlContent}; a wrong one 403 / 4 {@code
 * invalidOperation} (and, by default, an illegal login of the source IP); a risky, too long or
 * out-of-charset password and a duplicate name 400 / 6 {@code badParameters}; an unknown id 400 / 6
 * {@code badParameters}; deleting id 1 or a 33rd account 403 / 4 {@code invalidOperation}; an
 * Operator or Viewer may read and change only its own account (else 403 / 4 {@code lowPrivilege});
 * the same password as before is accepted; {@code PUT}/{@code DELETE} on the whole list are refused
 * with {@code notSupport}.
 */
final class UsersResource {
  static final int MAX_USERS = 32;

  /** The authenticated caller. */
  record Caller(String user, AccountLevel level, String ip) {
    boolean admin() {
      return level == AccountLevel.ADMINISTRATOR;
    }
  }

  /** What a wrong {@code loginPassword} costs: the personality counts it. */
  interface LoginPasswordFailure {
    void failed(Caller caller);
  }

  private final DeviceState state;
  private final Replies replies;
  private final HikSettings settings;
  private final LoginPasswordFailure onWrongLoginPassword;

  UsersResource(
      DeviceState state,
      Replies replies,
      HikSettings settings,
      LoginPasswordFailure onWrongLoginPassword) {
    this.state = state;
    this.replies = replies;
    this.settings = settings;
    this.onWrongLoginPassword = onWrongLoginPassword;
  }

  /** The ISAPI id of an account: {@code admin} is 1. */
  int idOf(Account a) {
    if (a.name().equals("admin")) {
      return 1;
    }
    int adminId = state.account("admin").map(Account::id).orElse(1);
    return adminId == 1 ? a.id() : a.id() + 1;
  }

  Optional<Account> byId(int id) {
    for (Account a : state.accounts()) {
      if (idOf(a) == id) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  static String levelName(AccountLevel l) {
    return l == AccountLevel.ADMINISTRATOR
        ? "Administrator"
        : l == AccountLevel.OPERATOR ? "Operator" : "Viewer";
  }

  static AccountLevel level(String s) {
    switch (s) {
      case "Administrator":
        return AccountLevel.ADMINISTRATOR;
      case "Operator":
        return AccountLevel.OPERATOR;
      case "Viewer":
        return AccountLevel.USER;
      default:
        return null;
    }
  }

  FakeResponse list(FakeRequest r, Caller c) {
    String url = r.rawPath();
    switch (r.method()) {
      case "GET":
        IsapiXml d = replies.doc("UserList");
        for (Account a : state.accounts()) {
          if (c.admin() || a.name().equals(c.user())) {
            user(d, a);
          }
        }
        return replies.xml(200, d.end());
      case "POST":
        return create(r, c);
      case "PUT":
      case "DELETE":
        return replies.notSupport(url);
      default:
        return replies.methodNotAllowed(url);
    }
  }

  private void user(IsapiXml d, Account a) {
    d.open("User")
        .el("id", idOf(a))
        .el("userName", a.name())
        .el("userLevel", levelName(a.level()))
        .open("attribute")
        .el("inherent", a.reserved())
        .close("attribute")
        .close("User");
  }

  FakeResponse one(FakeRequest r, Caller c, String idText) {
    String url = r.rawPath();
    int id;
    try {
      id = Integer.parseInt(idText);
    } catch (NumberFormatException e) {
      return replies.badParameters(url);
    }
    Optional<Account> found = byId(id);
    if (found.isEmpty()) {
      return replies.badParameters(url);
    }
    Account a = found.get();
    boolean own = a.name().equals(c.user());
    switch (r.method()) {
      case "GET":
        if (!c.admin() && !own) {
          return replies.lowPrivilege(url);
        }
        IsapiXml d =
            replies
                .doc("User")
                .el("id", idOf(a))
                .el("userName", a.name())
                .el("userLevel", levelName(a.level()))
                .open("attribute")
                .el("inherent", a.reserved())
                .close("attribute");
        return replies.xml(200, d.end());
      case "PUT":
        if (!c.admin() && !own) {
          return replies.lowPrivilege(url);
        }
        return modify(r, c, a);
      case "DELETE":
        if (!c.admin()) {
          return replies.lowPrivilege(url);
        }
        if (idOf(a) == 1 || a.reserved()) {
          return replies.invalidOperation(url);
        }
        String lp = queryParam(r.rawQuery(), "loginPassword");
        if (lp != null && !loginPasswordOk(c, lp.toCharArray())) {
          onWrongLoginPassword.failed(c);
          return replies.invalidOperation(url);
        }
        state.deleteUser(a.name());
        return replies.ok(url);
      default:
        return replies.methodNotAllowed(url);
    }
  }

  private FakeResponse create(FakeRequest r, Caller c) {
    String url = r.rawPath();
    if (!c.admin()) {
      return replies.lowPrivilege(url);
    }
    IsapiXml.Doc d;
    try {
      d = IsapiXml.parse(r.body());
    } catch (IsapiXml.Malformed e) {
      return replies.badXmlFormat(url);
    }
    String name = d.text("userName").orElse("");
    char[] pw = d.chars("password");
    char[] lp = d.chars("loginPassword");
    try {
      if (!d.rootName().equals("User") || name.isEmpty() || pw == null) {
        return replies.badXmlContent(url);
      }
      FakeResponse refused = checkLoginPassword(url, c, lp);
      if (refused != null) {
        return refused;
      }
      AccountLevel level = level(d.text("userLevel").orElse("Viewer"));
      if (level == null || level == AccountLevel.ADMINISTRATOR || name.length() > 32) {
        return replies.badParameters(url);
      }
      if (state.accounts().size() >= MAX_USERS) {
        return replies.invalidOperation(url);
      }
      if (state.account(name).isPresent() || !HikPasswords.acceptable(name, pw, state.rules())) {
        return replies.badParameters(url);
      }
      DeviceState.Change ch = state.addUser(name, pw, level, false, true, "");
      return ch == DeviceState.Change.OK ? replies.ok(url) : replies.badParameters(url);
    } finally {
      wipe(pw);
      wipe(lp);
    }
  }

  private FakeResponse modify(FakeRequest r, Caller c, Account a) {
    String url = r.rawPath();
    IsapiXml.Doc d;
    try {
      d = IsapiXml.parse(r.body());
    } catch (IsapiXml.Malformed e) {
      return replies.badXmlFormat(url);
    }
    char[] pw = d.chars("password");
    char[] lp = d.chars("loginPassword");
    try {
      if (!d.rootName().equals("User")) {
        return replies.badXmlContent(url);
      }
      Optional<String> id = d.text("id");
      if (id.isPresent() && !id.get().equals(Integer.toString(idOf(a)))) {
        return replies.badParameters(url);
      }
      Optional<String> name = d.text("userName");
      if (name.isPresent() && !name.get().equals(a.name())) {
        return replies.badParameters(url);
      }
      FakeResponse refused = checkLoginPassword(url, c, lp);
      if (refused != null) {
        return refused;
      }
      Optional<String> levelText = d.text("userLevel");
      AccountLevel level = levelText.map(UsersResource::level).orElse(null);
      if (levelText.isPresent()
          && (level == null
              || (idOf(a) == 1 && level != AccountLevel.ADMINISTRATOR)
              || (!c.admin() && level != a.level())
              || (idOf(a) != 1 && level == AccountLevel.ADMINISTRATOR))) {
        return replies.badParameters(url);
      }
      if (pw != null && !HikPasswords.acceptable(a.name(), pw, state.rules())) {
        return replies.badParameters(url);
      }
      if (level != null) {
        state.modifyUser(a.name(), level, null, null, null);
      }
      if (pw != null) {
        state.setPassword(a.name(), pw, false);
      }
      return replies.ok(url);
    } finally {
      wipe(pw);
      wipe(lp);
    }
  }

  /** Null if the caller's {@code loginPassword} is acceptable, else the refusal. */
  private FakeResponse checkLoginPassword(String url, Caller c, char[] lp) {
    if (lp == null) {
      return settings.loginPasswordRequired() ? replies.badXmlContent(url) : null;
    }
    if (!loginPasswordOk(c, lp)) {
      onWrongLoginPassword.failed(c);
      return replies.invalidOperation(url);
    }
    return null;
  }

  private boolean loginPasswordOk(Caller c, char[] lp) {
    return state.accepts(c.user(), lp);
  }

  static String queryParam(String rawQuery, String name) {
    for (String kv : rawQuery.split("&")) {
      int eq = kv.indexOf('=');
      String k = eq < 0 ? kv : kv.substring(0, eq);
      if (k.equals(name)) {
        try {
          return URLDecoder.decode(eq < 0 ? "" : kv.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static void wipe(char[] c) {
    if (c != null) {
      Arrays.fill(c, '\0');
    }
  }
}
