package io.nvrkit.onvif.internal;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.FollowUp;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.core.policy.PolicyViolation;
import io.nvrkit.core.policy.ViolationCode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@link NvrClient} over ONVIF device management. See the module README for the operations and
 * round trips of each call. Thread-safe (the session serializes calls).
 */
public final class OnvifClient implements NvrClient, io.nvrkit.core.SessionDiagnostics {
  private final OnvifSession session;
  private final OnvifEnv env;
  private final ConnectOptions options;
  private final Supplier<PasswordPolicy> defaultPolicy;
  private final Responses.DeviceInformation info;

  private OnvifClient(
      OnvifSession session,
      OnvifEnv env,
      ConnectOptions options,
      Supplier<PasswordPolicy> defaultPolicy,
      Responses.DeviceInformation info) {
    this.session = session;
    this.env = env;
    this.options = options;
    this.defaultPolicy = defaultPolicy;
    this.info = info;
  }

  /**
   * Connects: GetSystemDateAndTime (clock), GetServices with capabilities (auth mode, limits), then
   * GetDeviceInformation with the credentials, which proves them.
   *
   * @param endpoint the device
   * @param credentials the login
   * @param options the options
   * @param env the environment
   * @param defaultPolicy the driver's default password policy
   * @return the client
   */
  public static OnvifClient connect(
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options,
      OnvifEnv env,
      PasswordPolicy defaultPolicy) {
    Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    return connect(endpoint, credentials, options, env, () -> defaultPolicy);
  }

  /**
   * Connects, as above, with the default policy built only when a password is checked (connecting
   * and reading identity never need it).
   *
   * @param endpoint the device
   * @param credentials the login
   * @param options the options
   * @param env the environment
   * @param defaultPolicy supplies the driver's default password policy
   * @return the client
   */
  public static OnvifClient connect(
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options,
      OnvifEnv env,
      Supplier<PasswordPolicy> defaultPolicy) {
    Warmup.start(true); // XML and JCA set-up overlap with building the transport
    OnvifSession s = env.session(endpoint, credentials, options);
    try {
      s.preamble();
      Responses.DeviceInformation di =
          Responses.deviceInformation(
              s.call("GetDeviceInformation", Requests.empty("GetDeviceInformation"), false));
      return new OnvifClient(s, env, options, defaultPolicy, di);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** The session (tests, nvrctl diagnostics). */
  public OnvifSession session() {
    return session;
  }

  @Override
  public DeviceEndpoint endpoint() {
    return session.endpoint();
  }

  @Override
  public String driverId() {
    return "onvif";
  }

  @Override
  public PasswordPolicy passwordPolicy() {
    return defaultPolicy.get();
  }

  @Override
  public DeviceIdentity identity() {
    Provenance p = Provenance.NETWORK_AUTHENTICATED;
    DeviceIdentity.Builder b = DeviceIdentity.builder();
    b.set(IdentityField.VENDOR, info.manufacturer(), p);
    b.set(IdentityField.MODEL, info.model(), p);
    b.set(IdentityField.FIRMWARE, info.firmware(), p);
    b.set(IdentityField.SERIAL, info.serial(), p);
    b.set(IdentityField.HARDWARE_VERSION, info.hardwareId(), p);
    // independent reads: overlapped (two round trips, one round-trip time)
    CompletableFuture<XmlElement> interfaces =
        OnvifSession.async(() -> optionalRead("GetNetworkInterfaces"));
    XmlElement host = optionalRead("GetHostname");
    XmlElement ifs = OnvifSession.join(interfaces);
    if (ifs != null) {
      b.set(IdentityField.MAC, Responses.mac(ifs).orElse(null), p);
    }
    if (host != null) {
      b.set(IdentityField.MACHINE_NAME, Responses.hostname(host).orElse(null), p);
    }
    DeviceIdentity soFar = b.build();
    if (soFar.model().isEmpty() || soFar.serial().isEmpty() || soFar.mac().isEmpty()) {
      // scopes only fill gaps (hardware = model, MacAddress, SerialNumber): not asked otherwise
      XmlElement scopes = optionalRead("GetScopes");
      if (scopes != null) {
        Scopes.decode(Responses.scopes(scopes)).fillGaps(b, p);
      }
    }
    deviceTime(session, b, p);
    b.notReadable(IdentityField.DEVICE_ID);
    b.clockSkew(session.clock().skew());
    return b.build();
  }

  /**
   * Sets the displayed date-time and zone from the learned clock and the last GetSystemDateAndTime
   * answer (no extra round trip: the device clock is extrapolated on the monotonic clock).
   */
  static void deviceTime(OnvifSession s, DeviceIdentity.Builder b, Provenance p) {
    Responses.SystemDateTime sdt = s.lastDateTime();
    if (sdt == null || !s.clock().known()) {
      return;
    }
    Optional<ZoneOffset> off = sdt.offset();
    ZoneOffset zone = off.orElse(ZoneOffset.UTC);
    if (off.isPresent() || sdt.local() == null) {
      LocalDateTime displayed = LocalDateTime.ofInstant(s.clock().deviceNow(), zone).withNano(0);
      b.deviceDateTime(displayed, p);
    } else {
      b.deviceDateTime(sdt.local(), p);
    }
    if (off.isPresent()) {
      b.set(IdentityField.DEVICE_ZONE, off.get().getId(), p);
    }
  }

  /**
   * An optional read of an operation without parameters: a device that lacks the operation, or
   * refuses it with a proper SOAP fault, gives null (the field stays empty). A malformed, oversized
   * or non-SOAP answer is not a refusal: it propagates.
   */
  private XmlElement optionalRead(String op) {
    try {
      return session.call(op, Requests.empty(op), false);
    } catch (NotSupportedException e) {
      return null;
    } catch (DeviceRejectedException e) {
      if (e.vendorCode().orElse("http:").startsWith("http:")) {
        throw e;
      }
      return null;
    }
  }

  @Override
  public List<UserAccount> users() {
    List<UserAccount> out = new ArrayList<>();
    for (Responses.User u : rawUsers()) {
      out.add(new UserAccount(u.name(), level(u.level()), u.level(), false));
    }
    return out;
  }

  private List<Responses.User> rawUsers() {
    return Responses.users(session.call("GetUsers", Requests.empty("GetUsers"), false));
  }

  static AccountLevel level(String onvif) {
    switch (onvif) {
      case "Administrator":
        return AccountLevel.ADMINISTRATOR;
      case "Operator":
        return AccountLevel.OPERATOR;
      case "User":
        return AccountLevel.USER;
      case "Anonymous":
        return AccountLevel.ANONYMOUS;
      default:
        return AccountLevel.OTHER;
    }
  }

  static String onvifLevel(AccountLevel level) {
    switch (level) {
      case ADMINISTRATOR:
        return "Administrator";
      case OPERATOR:
        return "Operator";
      case USER:
        return "User";
      default:
        throw new NotSupportedException(
            "ONVIF devices do not allow creating users at level " + level);
    }
  }

  @Override
  public void createUser(String user, Secret password, AccountLevel level) {
    String op = "CreateUsers";
    String onvifLevel = onvifLevel(level);
    checkUserName(user, op);
    PersonalInfo pi = PersonalInfo.builder().userName(user).build();
    checkPassword(password, defaultPolicy.get(), pi, op);
    session.call(
        op,
        Requests.createUsers(List.of(new Requests.UserEntry(user, password, onvifLevel))),
        true);
  }

  @Override
  public void deleteUser(String user) {
    checkUserName(user, "DeleteUsers");
    session.call("DeleteUsers", Requests.deleteUsers(List.of(user)), false);
  }

  private void checkUserName(String user, String op) {
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException("user name must not be empty");
    }
    for (int i = 0; i < user.length(); i++) {
      if (!SoapWriter.xmlAllowed(user.charAt(i))) {
        throw new IllegalArgumentException("user name contains a control character");
      }
    }
    Integer max = session.capabilities().maxUserNameLength();
    if (max != null && max > 0 && user.codePointCount(0, user.length()) > max) {
      throw new DeviceRejectedException(
          "the user name is longer than the device's MaxUserNameLength ("
              + max
              + "); nothing was sent",
          session.device(),
          op,
          "ter:UsernameTooLong",
          null);
    }
  }

  /**
   * Checks a new password against what the device can take (its advertised MaxPasswordLength, XML
   * 1.0 characters, not empty) and the caller's policy, before anything is sent.
   */
  void checkPassword(Secret password, PasswordPolicy policy, PersonalInfo pi, String op) {
    List<PolicyViolation> v = new ArrayList<>();
    char[] c = password.copyChars();
    try {
      int cps = Character.codePointCount(c, 0, c.length);
      if (cps == 0) {
        v.add(new PolicyViolation(ViolationCode.TOO_SHORT, "the password is empty"));
      }
      Integer max = session.capabilities().maxPasswordLength();
      if (max != null && max > 0 && cps > max) {
        v.add(
            new PolicyViolation(
                ViolationCode.TOO_LONG,
                "the device accepts at most " + max + " characters (MaxPasswordLength)"));
      }
      for (int i = 0; i < c.length; i++) {
        boolean bad = !SoapWriter.xmlAllowed(c[i]);
        if (Character.isHighSurrogate(c[i])) {
          bad = i + 1 >= c.length || !Character.isLowSurrogate(c[i + 1]);
          i++;
        } else if (Character.isLowSurrogate(c[i])) {
          bad = true;
        }
        if (bad) {
          v.add(
              new PolicyViolation(
                  ViolationCode.FORBIDDEN_CHARACTER,
                  "the password contains a control character or broken surrogate that SOAP"
                      + " (XML 1.0) cannot carry"));
          break;
        }
      }
    } finally {
      java.util.Arrays.fill(c, '\0');
    }
    if (!v.isEmpty()) {
      throw new PolicyViolationException(
          new PolicyReport("onvifDevice", v, -1, List.of()), session.device(), op);
    }
    PolicyReport r = policy.check(password, pi);
    if (!r.passed()) {
      throw new PolicyViolationException(r, session.device(), op);
    }
  }

  @Override
  public PasswordChangeResult changePassword(PasswordChangeRequest update) {
    long start = session.clock().nanos();
    long rt0 = session.roundTrips();
    String op = "changePassword";
    Credentials self = session.credentials();
    String target = update.targetUser().orElse(self.user());
    boolean own = target.equals(self.user());
    PersonalInfo pi = update.personalInfo();
    if (pi.userName() == null) {
      pi = pi.toBuilder().userName(target).build();
    }
    checkPassword(update.newPassword(), update.policy().orElseGet(defaultPolicy), pi, op);

    String level = levelOf(target, own, op);
    // our own copy: the caller may destroy theirs; it becomes the session's when we change our own
    Secret newSecret = Secret.wrap(update.newPassword().copyChars());
    boolean keep = false;
    try {
      try {
        session.call(
            "SetUser",
            Requests.setUser(List.of(new Requests.UserEntry(target, newSecret, level))),
            true);
      } catch (DeviceUnreachableException lost) {
        if (!update.verify()) {
          // the caller reconciles itself (the rotation engine journals every probe): a login
          // attempt here would spend the device's attempts behind its back
          throw lost;
        }
        // the answer may be lost after the device applied the change: find out which works
        PasswordChangeResult c = afterLostAnswer(lost, target, own, newSecret, start, rt0);
        keep = own;
        return c;
      }
      if (own) {
        session.credentials(Credentials.of(target, newSecret));
        keep = true;
      }
      PasswordChangeResult.Outcome outcome = PasswordChangeResult.Outcome.CHANGED_UNVERIFIED;
      long verifyRoundTrips = 0;
      if (update.verify()) {
        verifyRoundTrips = verifyLogin(target, newSecret, op);
        outcome = PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED;
      }
      long rts = session.roundTrips() - rt0 + verifyRoundTrips;
      return new PasswordChangeResult(
          target,
          outcome,
          (int) rts,
          Duration.ofNanos(session.clock().nanos() - start),
          followUps());
    } finally {
      if (!keep) {
        newSecret.destroy();
      }
    }
  }

  private PasswordChangeResult afterLostAnswer(
      DeviceUnreachableException lost,
      String target,
      boolean own,
      Secret newSecret,
      long start,
      long rt0) {
    long rts;
    try {
      rts = tryLogin(target, newSecret, "changePassword");
    } catch (AuthenticationFailedException notNew) {
      throw lost; // the new password does not work: the change was most likely not applied
    } catch (NvrException stillDown) {
      throw lost;
    }
    if (own) {
      session.credentials(Credentials.of(target, newSecret));
    }
    return new PasswordChangeResult(
        target,
        PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED,
        (int) (session.roundTrips() - rt0 + rts),
        Duration.ofNanos(session.clock().nanos() - start),
        followUps());
  }

  private static List<FollowUp> followUps() {
    return List.of(
        new FollowUp(
            "VMS, NVR channels and mobile apps using this ONVIF account",
            "update the stored password (ONVIF, RTSP and HTTP share it)"));
  }

  /** The target's current level, which SetUser must repeat (UserLevel is required). */
  private String levelOf(String target, boolean own, String op) {
    List<Responses.User> users;
    try {
      users = rawUsers();
    } catch (DeviceRejectedException e) {
      if (own
          && "ter:NotAuthorized".equals(e.vendorCode().orElse(""))
          && session.capabilities().modifyPassword()) {
        // ModifyPassword: a non-administrator may change their own password; the device ignores
        // UserLevel for such a client (CORE "SetUser")
        return "User";
      }
      throw e;
    }
    for (Responses.User u : users) {
      if (u.name().equals(target)) {
        if (u.level().isEmpty()) {
          throw new ProtocolException(
              "GetUsers gave no level for the user", session.device(), op, null);
        }
        return u.level();
      }
    }
    throw new DeviceRejectedException(
        "no such user on the device (checked with GetUsers; nothing was sent)",
        session.device(),
        op,
        "ter:UsernameMissing",
        null);
  }

  /**
   * A fresh session (new transport, no cached digest state) with the new password makes one
   * authenticated call; the change counts as verified only if the device checked and accepted the
   * credentials.
   *
   * @return the round trips spent
   */
  private long verifyLogin(String user, Secret secret, String op) {
    try {
      return tryLogin(user, secret, op);
    } catch (AuthenticationFailedException e) {
      throw new DeviceRejectedException(
          "the device acknowledged the change but a fresh login with the new password was refused",
          session.device(),
          op,
          "verify",
          e);
    }
  }

  private long tryLogin(String user, Secret secret, String op) {
    try (OnvifSession v =
        env.session(session.endpoint(), Credentials.of(user, secret), options, session.clock())) {
      v.adoptCapabilities(session);
      v.call("GetDeviceInformation", Requests.empty("GetDeviceInformation"), false);
      if (v.mode() == OnvifSession.AuthMode.HTTP && v.roundTrips() < 2) {
        // answered without a challenge: HTTP credentials were not checked; a UsernameToken is
        if (Boolean.FALSE.equals(session.capabilities().usernameToken())) {
          throw new ProtocolException(
              "cannot verify the new password: the device answers without checking credentials",
              session.device(),
              op,
              null);
        }
        v.mode(OnvifSession.AuthMode.WS_USERNAME_TOKEN);
        v.call("GetDeviceInformation", Requests.empty("GetDeviceInformation"), false);
      }
      return v.roundTrips();
    }
  }

  @Override
  public long roundTrips() {
    return session.roundTrips();
  }

  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return "OnvifClient["
        + session.device()
        + ", "
        + session.mode().name().toLowerCase(Locale.ROOT)
        + "]";
  }
}
