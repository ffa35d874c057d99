package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.core.AccountLevel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** An in-memory {@link OnvifDevice} for handler tests: settable clock, lockout after N failures. */
final class TestDevice implements OnvifDevice {
  Instant now = Instant.parse("2024-05-01T12:00:00Z");
  ZoneId zone = ZoneId.of("Europe/Paris");
  int lockAfter = 0; // 0 = no lockout
  String mac = "3c:ef:8c:61:01:c0";
  private final Map<String, char[]> passwords = new LinkedHashMap<>();
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<String, Integer> failures = new HashMap<>();

  TestDevice() {
    add("admin", "Admin12345", AccountLevel.ADMINISTRATOR, true);
    add("operator1", "Op3rator-One", AccountLevel.OPERATOR, false);
    add("viewer", "V1ewer-Pass", AccountLevel.USER, false);
  }

  synchronized TestDevice add(String name, String pw, AccountLevel level, boolean fixed) {
    passwords.put(name, pw.toCharArray());
    accounts.put(name, new Account(name, level, fixed));
    return this;
  }

  synchronized boolean accepts(String user, String pw) {
    char[] p = passwords.get(user);
    return p != null && new String(p).equals(pw);
  }

  synchronized int failures(String user) {
    return failures.getOrDefault(user, 0);
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized ZoneId zone() {
    return zone;
  }

  @Override
  public String manufacturer() {
    return "Lorex";
  }

  @Override
  public String model() {
    return "N841A8";
  }

  @Override
  public String firmware() {
    return "3.216.00LR035.0";
  }

  @Override
  public String serial() {
    return "ND021811019863";
  }

  @Override
  public String hardwareId() {
    return "1.00";
  }

  @Override
  public String mac() {
    return mac;
  }

  @Override
  public String hostname() {
    return "NVR";
  }

  @Override
  public String friendlyName() {
    return "Lorex NVR";
  }

  @Override
  public synchronized List<Account> accounts() {
    return new ArrayList<>(accounts.values());
  }

  synchronized boolean isLocked(String user) {
    return lockAfter > 0 && failures(user) >= lockAfter;
  }

  synchronized int recordFailure(String user) {
    int f = failures.merge(user, 1, Integer::sum);
    return lockAfter > 0 ? Math.max(0, lockAfter - f) : -1;
  }

  @Override
  public synchronized Login login(String user, Predicate<char[]> check) {
    if (isLocked(user)) {
      return new Login(Outcome.LOCKED, 0);
    }
    char[] p = passwords.get(user);
    if (p != null && check.test(p)) {
      failures.remove(user);
      return new Login(Outcome.OK, lockAfter > 0 ? lockAfter : -1);
    }
    return new Login(Outcome.FAILED, recordFailure(user));
  }

  @Override
  public boolean acceptablePassword(char[] password) {
    return password.length >= 4;
  }

  @Override
  public synchronized <T> T atomically(Supplier<T> body) {
    return body.get();
  }

  @Override
  public synchronized void create(AccountWrite a) {
    add(a.name(), new String(a.password()), a.level(), false);
  }

  @Override
  public synchronized void update(AccountWrite a) {
    if (a.password() != null) {
      passwords.put(a.name(), a.password().clone());
    }
    accounts.put(a.name(), new Account(a.name(), a.level(), accounts.get(a.name()).fixed()));
  }

  @Override
  public synchronized void delete(String user) {
    accounts.remove(user);
    passwords.remove(user);
  }

  @Override
  public synchronized void setTime(Instant utc) {
    now = utc;
  }

  @Override
  public synchronized void setZone(ZoneId z) {
    zone = z;
  }
}
