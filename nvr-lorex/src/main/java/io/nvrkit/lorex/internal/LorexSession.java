package io.nvrkit.lorex.internal;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.SessionDiagnostics;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.PolicyCheck;
import io.nvrkit.lorex.LorexPasswordPolicies;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The Lorex {@link NvrClient}: one CGI or RPC2 session. Calls are serialised ({@code
 * synchronized}).
 *
 * <p>A change is done only when a fresh login (a new transport, hence new connections and a new
 * digest or RPC2 session) with the new password succeeds. If the device's answer to the change is
 * lost, the session finds out which password works (new first, then old), each attempt through the
 * lockout guard, instead of guessing.
 */
final class LorexSession implements NvrClient, SessionDiagnostics {
  private final LorexDriverCore core;
  private final DeviceContext ctx;
  private final DeviceHttp http;
  private final LorexApi api;
  private Credentials credentials;
  private long extraRoundTrips;
  private boolean closed;

  LorexSession(
      LorexDriverCore core, DeviceContext ctx, DeviceHttp http, LorexApi api, Credentials c) {
    this.core = core;
    this.ctx = ctx;
    this.http = http;
    this.api = api;
    this.credentials = c;
  }

  /** {@code cgi} or {@code rpc2}. */
  String apiKind() {
    return api.kind();
  }

  @Override
  public DeviceEndpoint endpoint() {
    return ctx.endpoint();
  }

  @Override
  public String driverId() {
    return LorexDriverCore.DRIVER_ID;
  }

  @Override
  public synchronized DeviceIdentity identity() {
    open();
    return api.identity();
  }

  @Override
  public synchronized List<UserAccount> users() {
    open();
    return api.users();
  }

  @Override
  public synchronized PasswordChangeResult changePassword(PasswordChangeRequest update) {
    open();
    String op = "changePassword";
    long t0 = System.nanoTime();
    long rt0 = roundTrips();
    String target = update.targetUser().orElse(credentials.user());
    checkName(target, op);
    Secret next = update.newPassword();
    // a caller's policy adds to what the firmware can carry, never replaces it
    PasswordPolicy policy =
        update
            .policy()
            .map(p -> p.and(LorexPasswordPolicies.firmwareLimits()))
            .orElse(LorexPasswordPolicies.defaults());
    checkPassword(next, policy, update.personalInfo(), target, op);
    if (!target.equals(credentials.user()) && update.oldPassword().isEmpty()) {
      throw new IllegalArgumentException(
          "changing another account's password needs that account's old password: the"
              + " firmware's modifyPassword checks pwdOld (modifyPasswordByManager is not used,"
              + " its parameters are unverified)");
    }
    Secret old = update.oldPassword().orElse(credentials.secret());
    boolean verified = false;
    try {
      api.modifyPassword(target, next, old);
    } catch (DeviceUnreachableException lost) {
      if (!update.verify()) {
        // the caller reconciles itself (the rotation engine journals every probe): a login
        // attempt here would spend the device's attempts behind its back
        throw lost;
      }
      resolveLostAnswer(target, next, old, lost, op);
      verified = true;
    }
    if (target.equals(credentials.user())) {
      // the session keeps its own copy: the caller may wipe its Secret as soon as we return
      credentials = credentials.withSecret(Secret.wrap(next.copyChars()));
      api.useCredentials(credentials);
    }
    if (update.verify() && !verified) {
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
        LorexFollowUps.afterChange(target));
  }

  private void resolveLostAnswer(
      String target, Secret next, Secret old, DeviceUnreachableException lost, String op) {
    try {
      verify(Credentials.of(target, next), op);
      return; // the change was applied
    } catch (DeviceRejectedException | AuthenticationFailedException notNew) {
      lost.addSuppressed(notNew); // the new password does not work: try the old one
    } catch (DeviceUnreachableException stillDown) {
      lost.addSuppressed(stillDown);
      throw lost;
    }
    try {
      verify(Credentials.of(target, old), op);
    } catch (RuntimeException e) {
      lost.addSuppressed(e);
      throw lost;
    }
    throw new DeviceRejectedException(
        "the answer to the change was lost and the old password still works: the change was not"
            + " applied",
        ctx.device(),
        op,
        "not-applied",
        lost);
  }

  /** A fresh login on a new transport; counts its round trips. */
  private void verify(Credentials c, String op) {
    try {
      extraRoundTrips += core.freshLogin(ctx, c, api.kind());
    } catch (AuthenticationFailedException e) {
      throw new DeviceRejectedException(
          "the device acknowledged the change, but a fresh login with the new password was"
              + " refused; the old password may still be in force",
          ctx.device(),
          op,
          "verify-failed",
          e);
    }
  }

  private void checkPassword(
      Secret pw, PasswordPolicy policy, PersonalInfo personal, String user, String op) {
    CgiQuery.checkCarriable(pw, ctx.device(), op);
    PolicyCheck.require(policy, pw, personal, user, ctx.device(), op);
  }

  private void checkName(String user, String op) {
    if (user.isBlank() || user.length() > 64 || CgiQuery.problem(user) != null) {
      throw new IllegalArgumentException(
          "user name cannot be carried to a Dahua-family device (empty, too long, '&' or control"
              + " characters)");
    }
  }

  @Override
  public synchronized void createUser(String user, Secret password, AccountLevel level) {
    open();
    String op = "createUser";
    checkName(user, op);
    String group =
        switch (level) {
          case ADMINISTRATOR -> "admin";
          case USER -> "user";
          default ->
              throw new NotSupportedException(
                  "Lorex recorders have only the groups admin and user, not "
                      + level.name().toLowerCase(Locale.ROOT),
                  ctx.device(),
                  op,
                  null);
        };
    checkPassword(password, LorexPasswordPolicies.defaults(), PersonalInfo.none(), user, op);
    api.addUser(user, password, group);
    verify(Credentials.of(user, password), op);
  }

  @Override
  public synchronized void deleteUser(String user) {
    open();
    String op = "deleteUser";
    checkName(user, op);
    api.deleteUser(user);
    for (UserAccount a : api.users()) {
      if (a.name().equals(user)) {
        throw new DeviceRejectedException(
            "the device answered OK but still lists the account",
            ctx.device(),
            op,
            "still-listed",
            null);
      }
    }
  }

  @Override
  public PasswordPolicy passwordPolicy() {
    return LorexPasswordPolicies.defaults();
  }

  @Override
  public synchronized long roundTrips() {
    return http.roundTrips() + extraRoundTrips;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      api.close();
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("session is closed");
    }
  }

  @Override
  public String toString() {
    return "LorexSession["
        + ctx.device()
        + ", "
        + api.kind()
        + ", user="
        + credentials.user()
        + "]";
  }
}
