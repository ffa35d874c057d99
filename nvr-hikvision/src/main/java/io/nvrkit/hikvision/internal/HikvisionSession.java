package io.nvrkit.hikvision.internal;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.LoginBudgetExhaustedException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.SessionDiagnostics;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.PolicyCheck;
import io.nvrkit.hikvision.HikvisionPasswords;
import io.nvrkit.hikvision.internal.IsapiDocs.DeviceInfo;
import io.nvrkit.hikvision.internal.IsapiDocs.DeviceTime;
import io.nvrkit.hikvision.internal.IsapiDocs.User;
import io.nvrkit.hikvision.internal.IsapiTransport.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hikvision {@link NvrClient}: ISAPI over one transport (Digest nonces reused). Calls are
 * serialised ({@code synchronized}).
 *
 * <p>A password change is done only when, on fresh transports, the <b>old password is refused</b>
 * (one {@code GET /ISAPI/Security/userCheck}, which the device counts as one failed login; skipped
 * when the budget has no attempt to spare or the old password is unknown) and then the <b>new one
 * is accepted</b>. If the answer to the change is lost, the session finds out which password works
 * (new first, then old), each attempt through the lockout budget, instead of guessing.
 */
final class HikvisionSession implements NvrClient, SessionDiagnostics {
  private static final Logger LOG = LoggerFactory.getLogger(HikvisionSession.class);
  private static final String USERS = "/ISAPI/Security/users";

  private final HikvisionDriverCore core;
  private final IsapiTransport http;
  private Credentials credentials;
  private String namespace;
  private long extraRoundTrips;
  private boolean closed;

  HikvisionSession(HikvisionDriverCore core, IsapiTransport http, Credentials credentials) {
    this.core = core;
    this.http = http;
    this.credentials = credentials;
  }

  /** The login: reads the lock settings once per device and JVM, else {@code userCheck}. */
  void login() {
    if (!http.lockSettingsKnown()) {
      Reply r =
          http.send("login", "GET", "/ISAPI/Security/illegalLoginLock", null, credentials, false);
      if (r.ok()) {
        try {
          http.learnLockSettings(IsapiDocs.lockSettings(r.body()));
          return;
        } catch (IsapiDocs.Malformed e) {
          LOG.debug("illegalLoginLock on {} unreadable: {}", http.device(), e.getMessage());
          return; // the credentials were accepted
        }
      }
      // 403 (not allowed for this account) or 404 (no such page): prove the login itself
    }
    Reply r = http.send("login", "GET", "/ISAPI/Security/userCheck", null, credentials, false);
    check(r, "login", false);
  }

  @Override
  public DeviceEndpoint endpoint() {
    return http.endpoint();
  }

  @Override
  public String driverId() {
    return HikvisionDriverCore.DRIVER_ID;
  }

  @Override
  public synchronized DeviceIdentity identity() {
    open();
    Provenance p = Provenance.NETWORK_AUTHENTICATED;
    DeviceInfo info = parseInfo(get("/ISAPI/System/deviceInfo", "deviceInfo"));
    DeviceIdentity.Builder b = DeviceIdentity.builder();
    b.set(
            IdentityField.VENDOR,
            info.manufacturer() == null ? "Hikvision" : capitalise(info.manufacturer()),
            p)
        .set(IdentityField.MODEL, info.model(), p)
        .set(IdentityField.SERIAL, info.serial(), p)
        .set(IdentityField.DEVICE_ID, info.deviceId(), p)
        .set(IdentityField.MAC, info.mac(), p)
        .set(IdentityField.FIRMWARE, info.firmware(), p)
        .set(IdentityField.FIRMWARE_BUILD, info.firmwareBuild(), p)
        .set(IdentityField.HARDWARE_VERSION, info.hardwareVersion(), p)
        .set(IdentityField.MACHINE_NAME, info.deviceName(), p)
        .set(IdentityField.DEVICE_TYPE, info.deviceType(), p);
    Instant before = Instant.now();
    Reply tr;
    try {
      tr = get("/ISAPI/System/time", "time");
    } catch (NotSupportedException | DeviceRejectedException e) {
      return b.build(); // the identity without the clock
    }
    Instant after = Instant.now();
    DeviceTime t = parseTime(tr);
    b.deviceDateTime(t.localTime().toLocalDateTime(), p);
    String zone =
        t.timeZone() != null && !t.timeZone().hasDst()
            ? t.timeZone().standardOffset().getId()
            : t.localTime().getOffset().getId();
    b.set(IdentityField.DEVICE_ZONE, zone, p);
    Instant mid = before.plus(Duration.between(before, after).dividedBy(2));
    b.clockSkew(Duration.ofSeconds(Duration.between(mid, t.localTime().toInstant()).toSeconds()));
    return b.build();
  }

  private static String capitalise(String s) {
    return s.equalsIgnoreCase("hikvision") ? "Hikvision" : s;
  }

  @Override
  public synchronized List<UserAccount> users() {
    open();
    return listUsers().stream().map(User::account).toList();
  }

  private List<User> listUsers() {
    Reply r = get(USERS, "users");
    try {
      if (namespace == null) {
        namespace = IsapiDocs.root(r.body(), null).namespace();
      }
      return IsapiDocs.users(r.body());
    } catch (IsapiDocs.Malformed e) {
      throw new ProtocolException(
          "the device's user list is malformed: " + e.getMessage(), http.device(), "users", e);
    }
  }

  private User find(List<User> all, String name) {
    for (User u : all) {
      if (u.account().name().equals(name)) {
        return u;
      }
    }
    return null;
  }

  @Override
  public synchronized PasswordChangeResult changePassword(PasswordChangeRequest update) {
    open();
    String op = "changePassword";
    long t0 = System.nanoTime();
    long rt0 = roundTrips();
    String target = update.targetUser().orElse(credentials.user());
    checkName(target);
    Secret next = update.newPassword();
    checkPassword(
        next,
        HikvisionPasswords.forChange(update.policy().orElse(null)),
        update.personalInfo(),
        target,
        op);
    boolean self = target.equals(credentials.user());
    Secret loginPassword =
        self ? update.oldPassword().orElse(credentials.secret()) : credentials.secret();
    Secret old = self ? loginPassword : update.oldPassword().orElse(null);
    User u = find(listUsers(), target);
    if (u == null) {
      throw new DeviceRejectedException(
          "the device has no account of that name", http.device(), op, "no-such-user", null);
    }
    byte[] body =
        UserXml.user(
            namespace,
            u.id(),
            target,
            next,
            loginPassword,
            u.account().group().isEmpty() ? null : u.account().group());
    boolean verified = false;
    try {
      Reply r = http.send(op, "PUT", USERS + "/" + u.id(), body, credentials, true);
      check(r, op, true);
    } catch (DeviceUnreachableException lost) {
      if (!update.verify()) {
        throw lost; // the caller reconciles (the rotation journal probes on its own terms)
      }
      resolveLostAnswer(target, next, old, lost, op);
      verified = true;
    } finally {
      java.util.Arrays.fill(body, (byte) 0);
    }
    if (self) {
      // the session keeps its own copy: the caller may wipe its Secret as soon as we return
      credentials = credentials.withSecret(Secret.wrap(next.copyChars()));
    }
    if (update.verify() && !verified) {
      if (old != null && !old.equals(next)) {
        expectRefused(Credentials.of(target, old), op);
      }
      verify(Credentials.of(target, next), op);
      verified = true;
    }
    return new PasswordChangeResult(
        target,
        verified
            ? PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED
            : PasswordChangeResult.Outcome.CHANGED_UNVERIFIED,
        (int) Math.min(Integer.MAX_VALUE, roundTrips() - rt0),
        Duration.ofNanos(System.nanoTime() - t0),
        HikvisionFollowUps.afterChange(target));
  }

  private void resolveLostAnswer(
      String target, Secret next, Secret old, DeviceUnreachableException lost, String op) {
    try {
      verify(Credentials.of(target, next), op);
      return; // the change was applied
    } catch (LoginBudgetExhaustedException noBudget) {
      lost.addSuppressed(noBudget);
      throw lost;
    } catch (DeviceRejectedException | AuthenticationFailedException notNew) {
      lost.addSuppressed(notNew);
    } catch (RuntimeException stillDown) {
      lost.addSuppressed(stillDown);
      throw lost;
    }
    if (old == null) {
      throw lost;
    }
    try {
      userCheck(Credentials.of(target, old), op);
    } catch (RuntimeException e) {
      lost.addSuppressed(e);
      throw lost;
    }
    throw new DeviceRejectedException(
        "the answer to the change was lost and the old password still works: the change was not"
            + " applied",
        http.device(),
        op,
        "not-applied",
        lost);
  }

  /** A fresh {@code userCheck} with the new password; a refusal becomes "verify-failed". */
  private void verify(Credentials c, String op) {
    try {
      userCheck(c, op);
    } catch (LoginBudgetExhaustedException e) {
      throw e;
    } catch (AuthenticationFailedException e) {
      throw new DeviceRejectedException(
          "the device acknowledged the change, but a fresh login with the new password was"
              + " refused; the old password may still be in force",
          http.device(),
          op,
          "verify-failed",
          e);
    }
  }

  /**
   * One fresh {@code userCheck} with the old password, which must be refused. It costs the one
   * failed login the device counts; skipped (and logged) when the budget has none to spare.
   */
  private void expectRefused(Credentials old, String op) {
    try {
      userCheck(old, op);
    } catch (LoginBudgetExhaustedException noBudget) {
      LOG.debug("old-password check on {} skipped: no failed login to spare", http.device());
      return;
    } catch (AuthenticationFailedException refused) {
      return; // as it should be
    }
    throw new DeviceRejectedException(
        "the device acknowledged the change, but still accepts the old password",
        http.device(),
        op,
        "old-still-valid",
        null);
  }

  private void userCheck(Credentials c, String op) {
    try (IsapiTransport fresh = http.fresh()) {
      try {
        Reply r = fresh.send(op, "GET", "/ISAPI/Security/userCheck", null, c, false);
        check(r, op, false);
      } finally {
        extraRoundTrips += fresh.roundTrips();
      }
    }
  }

  private void checkPassword(
      Secret pw, PasswordPolicy policy, PersonalInfo personal, String user, String op) {
    PolicyCheck.require(policy, pw, personal, user, http.device(), op);
  }

  private static void checkName(String user) {
    if (user == null
        || user.isBlank()
        || user.length() > 32
        || user.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "user name cannot be carried to a Hikvision device (empty, longer than 32 characters, or"
              + " control characters)");
    }
  }

  @Override
  public synchronized void createUser(String user, Secret password, AccountLevel level) {
    open();
    String op = "createUser";
    checkName(user);
    String isapiLevel =
        switch (level) {
          case OPERATOR -> "Operator";
          case USER -> "Viewer";
          default ->
              throw new NotSupportedException(
                  "Hikvision devices create Operator and Viewer accounts; the one Administrator is"
                      + " the built-in admin",
                  http.device(),
                  op,
                  null);
        };
    checkPassword(password, HikvisionPasswords.defaultPolicy(), PersonalInfo.none(), user, op);
    List<User> all = listUsers();
    if (find(all, user) != null) {
      throw new DeviceRejectedException(
          "an account of that name already exists", http.device(), op, "exists", null);
    }
    Set<Integer> used = new HashSet<>();
    all.forEach(u -> used.add(u.id()));
    int id = 2;
    while (used.contains(id)) {
      id++;
    }
    if (id > 32) {
      throw new DeviceRejectedException(
          "the device already has the most accounts it supports", http.device(), op, "full", null);
    }
    byte[] body = UserXml.user(namespace, id, user, password, credentials.secret(), isapiLevel);
    try {
      check(http.send(op, "POST", USERS, body, credentials, true), op, true);
    } finally {
      java.util.Arrays.fill(body, (byte) 0);
    }
    if (find(listUsers(), user) == null) {
      throw new DeviceRejectedException(
          "the device answered OK but does not list the new account",
          http.device(),
          op,
          "not-listed",
          null);
    }
  }

  @Override
  public synchronized void deleteUser(String user) {
    open();
    String op = "deleteUser";
    checkName(user);
    User u = find(listUsers(), user);
    if (u == null) {
      throw new DeviceRejectedException(
          "the device has no account of that name", http.device(), op, "no-such-user", null);
    }
    if (u.id() == 1 || u.account().builtIn()) {
      throw new DeviceRejectedException(
          "the built-in administrator (id 1) cannot be deleted",
          http.device(),
          op,
          "built-in",
          null);
    }
    check(http.send(op, "DELETE", USERS + "/" + u.id(), null, credentials, false), op, false);
    if (find(listUsers(), user) != null) {
      throw new DeviceRejectedException(
          "the device answered OK but still lists the account",
          http.device(),
          op,
          "still-listed",
          null);
    }
  }

  // ---- requests -------------------------------------------------------------------------------

  private Reply get(String path, String op) {
    Reply r = http.send(op, "GET", path, null, credentials, false);
    check(r, op, false);
    return r;
  }

  private void check(Reply r, String op, boolean carriesNewPassword) {
    if (r.ok()) {
      IsapiDocs.ResponseStatus bad = IsapiErrors.failureIn2xx(r.body());
      if (bad == null) {
        return;
      }
      throw IsapiErrors.map(r.status(), r.body(), carriesNewPassword, http.device(), op);
    }
    throw IsapiErrors.map(r.status(), r.body(), carriesNewPassword, http.device(), op);
  }

  private DeviceInfo parseInfo(Reply r) {
    try {
      return IsapiDocs.deviceInfo(r.body());
    } catch (IsapiDocs.Malformed e) {
      throw unusable("deviceInfo", e);
    }
  }

  private DeviceTime parseTime(Reply r) {
    try {
      return IsapiDocs.time(r.body());
    } catch (IsapiDocs.Malformed e) {
      throw unusable("time", e);
    }
  }

  private ProtocolException unusable(String op, IsapiDocs.Malformed e) {
    return new ProtocolException(
        "the device's " + op + " answer is unusable: " + e.getMessage(), http.device(), op, e);
  }

  @Override
  public PasswordPolicy passwordPolicy() {
    return HikvisionPasswords.defaultPolicy();
  }

  @Override
  public synchronized long roundTrips() {
    return http.roundTrips() + extraRoundTrips;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      http.close();
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("session is closed");
    }
  }

  @Override
  public String toString() {
    return "HikvisionSession[" + http.device() + ", user=" + credentials.user() + "]";
  }
}
