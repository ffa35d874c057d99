package io.nvrkit.examples.driver;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.IdentityField;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.Provenance;
import io.nvrkit.core.Secret;
import io.nvrkit.core.SessionDiagnostics;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import io.nvrkit.core.spi.DriverContext;
import io.nvrkit.core.spi.LockoutLedger;
import io.nvrkit.core.spi.PolicyCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One session of {@link DahuaCgiExampleDriver}: an authenticated {@link DeviceHttp} view and the
 * credentials it has proven. Calls are serialised ({@code synchronized}).
 */
final class DahuaCgiExampleSession implements NvrClient, SessionDiagnostics {
  /**
   * Dahua's firmware rules (8–32 characters, two classes, none of {@code ' " ; : &}: {@code &} can
   * never be carried in a CGI value, {@code :} is the Digest separator).
   */
  static final PasswordPolicy POLICY =
      PasswordPolicy.builder("dahua-cgi-example")
          .minLength(8)
          .maxLength(32)
          .minCharacterClasses(2)
          .forbiddenCharacters("'\";:&")
          .build();

  /**
   * Failed logins the client allows itself when the caller fixed none (legacy Lorex locks at 3).
   */
  private static final int DEFAULT_BUDGET = 2;

  private static final Pattern USER_KEY =
      Pattern.compile("users\\[(\\d{1,4})\\]\\.(Name|Group|Reserved)");

  private final DriverContext context;
  private final DeviceEndpoint endpoint;
  private final ConnectOptions options;
  private final DeviceHttp http;
  private final String device;
  private Credentials credentials;
  private boolean proven;
  private long extraRoundTrips;
  private boolean closed;

  private DahuaCgiExampleSession(
      DriverContext context,
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options,
      DeviceHttp http) {
    this.context = context;
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.options = options;
    this.http = http;
    this.device = endpoint.scheme() + "://" + endpoint.key();
  }

  /** Opens a view of the kit's transport and proves the credentials with one request. */
  static DahuaCgiExampleSession open(
      DriverContext context,
      DeviceEndpoint endpoint,
      Credentials credentials,
      ConnectOptions options) {
    // tag::writing-a-driver-http[]
    // Dahua firmware accepts each Digest nonce once: never send a cached one
    DeviceHttp http = context.openHttp(endpoint, options, DeviceHttp.Nonces.SINGLE_USE);
    DahuaCgiExampleSession session =
        new DahuaCgiExampleSession(context, endpoint, credentials, options, http);
    try {
      session.read("login", "/cgi-bin/magicBox.cgi?action=getSerialNo"); // proves the password
      return session;
    } catch (RuntimeException e) {
      http.close(); // no session is returned, so nobody else would close it
      throw e;
    }
    // end::writing-a-driver-http[]
  }

  @Override
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public String driverId() {
    return DahuaCgiExampleDriver.DRIVER_ID;
  }

  @Override
  public PasswordPolicy passwordPolicy() {
    return POLICY;
  }

  @Override
  public synchronized DeviceIdentity identity() {
    ensureOpen();
    Provenance p = Provenance.NETWORK_AUTHENTICATED;
    String model = required(read("getDeviceType", magicBox("getDeviceType")), "type");
    String serial = required(read("getSerialNo", magicBox("getSerialNo")), "sn");
    // version=2.800.0000016.0.R,build:2020-06-05 (the separator varies: ',' or blanks)
    String software =
        required(read("getSoftwareVersion", magicBox("getSoftwareVersion")), "version");
    String[] parts = software.split("[,\\s]+", 2);
    DeviceIdentity.Builder b =
        DeviceIdentity.builder()
            .set(IdentityField.MODEL, model, p)
            .set(IdentityField.SERIAL, serial, p)
            .set(IdentityField.FIRMWARE, parts[0], p);
    if (parts.length == 2 && parts[1].startsWith("build:")) {
      b.set(IdentityField.FIRMWARE_BUILD, parts[1].substring("build:".length()).strip(), p);
    }
    return b.notReadable(IdentityField.DEVICE_ID).build();
  }

  @Override
  public synchronized List<UserAccount> users() {
    ensureOpen();
    Map<String, String> kv =
        read("getUserInfoAll", "/cgi-bin/userManager.cgi?action=getUserInfoAll");
    Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
    for (Map.Entry<String, String> e : kv.entrySet()) {
      Matcher m = USER_KEY.matcher(e.getKey());
      if (m.matches()) {
        byIndex
            .computeIfAbsent(Integer.parseInt(m.group(1)), i -> new TreeMap<>())
            .put(m.group(2), e.getValue().strip());
      }
    }
    List<UserAccount> users = new ArrayList<>();
    for (Map<String, String> u : byIndex.values()) {
      String name = u.get("Name");
      if (name == null || name.isEmpty() || name.length() > 64) {
        throw new io.nvrkit.core.ProtocolException(
            "a user entry has no valid name", device, "getUserInfoAll", null);
      }
      String group = u.getOrDefault("Group", "");
      AccountLevel level =
          switch (group.toLowerCase(Locale.ROOT)) {
            case "admin" -> AccountLevel.ADMINISTRATOR;
            case "user" -> AccountLevel.USER;
            default -> AccountLevel.OTHER;
          };
      users.add(new UserAccount(name, level, group, "true".equals(u.get("Reserved"))));
    }
    return List.copyOf(users);
  }

  @Override
  public synchronized PasswordChangeResult changePassword(PasswordChangeRequest request) {
    ensureOpen();
    String op = "changePassword";
    long started = context.nanoTime();
    long roundTripsBefore = roundTrips();
    String target = request.targetUser().orElse(credentials.user());
    Secret next = request.newPassword();
    // 1. the policy, before anything is sent (a caller's policy adds to the firmware's rules)
    PasswordPolicy policy = request.policy().map(given -> given.and(POLICY)).orElse(POLICY);
    PolicyCheck.require(policy, next, request.personalInfo(), target, device, op);
    if (!target.equals(credentials.user()) && request.oldPassword().isEmpty()) {
      throw new IllegalArgumentException(
          "changing another account's password needs that account's old password");
    }
    Secret old = request.oldPassword().orElse(credentials.secret());
    // 2. the change, sent once: no retry, the transport never replays it
    // tag::writing-a-driver-http[]
    String query =
        "/cgi-bin/userManager.cgi?action=modifyPassword&name="
            + CgiText.encode(target)
            + "&pwd="
            + CgiText.encode(next)
            + "&pwdOld="
            + CgiText.encode(old);
    DeviceHttpRequest modify =
        DeviceHttpRequest.get("modifyPassword", query)
            .credentials(credentials)
            .secretParams("pwd", "pwdOld") // redacted in the DEBUG request line
            .carriesNewSecret() // refused over plain HTTP to a non-loopback device
            .build();
    // end::writing-a-driver-http[]
    DeviceHttpResponse answer;
    try {
      answer = send(modify);
    } catch (DeviceUnreachableException lost) {
      throw new DeviceUnreachableException(
          "the answer to the password change was lost: it may or may not be applied; a login"
              + " with the old or the new password tells",
          device,
          op,
          lost);
    }
    if (!CgiText.isOk(answer)) {
      throw new io.nvrkit.core.ProtocolException(
          "the device did not answer OK to the password change", device, op, null);
    }
    if (target.equals(credentials.user())) {
      // our own copy: the caller may wipe its Secret as soon as we return
      credentials = credentials.withSecret(Secret.wrap(next.copyChars()));
    }
    // 3. done only when a fresh login with the new password works
    PasswordChangeResult.Outcome outcome = PasswordChangeResult.Outcome.CHANGED_UNVERIFIED;
    if (request.verify()) {
      verify(Credentials.of(target, next), op);
      outcome = PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED;
    }
    return new PasswordChangeResult(
        target,
        outcome,
        (int) Math.min(Integer.MAX_VALUE, roundTrips() - roundTripsBefore),
        Duration.ofNanos(context.nanoTime() - started),
        List.of());
  }

  /** A fresh login on a new view of the transport (new connections, new Digest state). */
  private void verify(Credentials fresh, String op) {
    DahuaCgiExampleSession check;
    try {
      check = open(context, endpoint, fresh, options);
    } catch (AuthenticationFailedException e) {
      throw new DeviceRejectedException(
          "the device acknowledged the change, but a login with the new password was refused",
          device,
          op,
          "verify-failed",
          e);
    }
    try (check) {
      extraRoundTrips += check.roundTrips();
    }
  }

  /** An authenticated GET whose answer is {@code key=value} lines. */
  private Map<String, String> read(String operation, String pathAndQuery) {
    DeviceHttpResponse r =
        send(DeviceHttpRequest.get(operation, pathAndQuery).credentials(credentials).build());
    return CgiText.parse(r, device, operation);
  }

  // tag::writing-a-driver-ledger[]
  /** Sends one request, keeping the kit's lockout ledger; maps every answer but a 2xx. */
  private DeviceHttpResponse send(DeviceHttpRequest request) {
    LockoutLedger ledger = context.lockoutLedger();
    String key = endpoint.key(); // host:port
    String user = credentials.user();
    int budget = options.attemptBudget().orElse(DEFAULT_BUDGET);
    if (!proven) {
      // throws when the budget is spent: nothing is sent
      ledger.beforeAttempt(key, user, budget, device, request.operation());
    }
    DeviceHttpResponse r = http.execute(request);
    if (r.status() == 401) {
      // a full device answers 401 too: count it anyway, never retry
      int left = ledger.onFailure(key, user, budget);
      proven = false;
      throw new AuthenticationFailedException(
          "the device refused the user name or password", device, request.operation(), left, null);
    }
    if (!proven && r.status() >= 200 && r.status() < 300) {
      ledger.onSuccess(key, user);
      proven = true;
    }
    CgiText.check(r, device, request.operation());
    return r;
  }

  // end::writing-a-driver-ledger[]

  private String required(Map<String, String> kv, String key) {
    String v = kv.get(key);
    if (v == null || v.isBlank()) {
      throw new io.nvrkit.core.ProtocolException(
          "the device's answer lacks '" + key + "'", device, "identity", null);
    }
    return v.strip();
  }

  private static String magicBox(String action) {
    return "/cgi-bin/magicBox.cgi?action=" + action;
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

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("session is closed");
    }
  }

  @Override
  public String toString() {
    return "DahuaCgiExampleSession[" + device + ", user=" + credentials.user() + "]";
  }
}
