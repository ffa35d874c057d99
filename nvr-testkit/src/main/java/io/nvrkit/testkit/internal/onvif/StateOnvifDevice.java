package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.internal.state.DeviceState;
import io.nvrkit.testkit.internal.state.LoginResult;
import java.nio.CharBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link OnvifDevice} over the fake's shared {@link DeviceState}: the same identity, accounts,
 * clock, password rules and lockout counters the other channels of the device see.
 *
 * <p>Identity mapping: Manufacturer = vendor, HardwareId = hardware version, hostname and the
 * {@code name} scope = machine name. Batches run while holding the state's monitor ({@code
 * DeviceState} methods are {@code synchronized} on the instance, so no other change interleaves).
 */
final class StateOnvifDevice implements OnvifDevice {
  private final DeviceState state;

  StateOnvifDevice(DeviceState state) {
    this.state = state;
  }

  private FakeIdentity id() {
    return state.identity();
  }

  @Override
  public Instant now() {
    return state.clock().now();
  }

  @Override
  public ZoneId zone() {
    return state.clock().zone();
  }

  @Override
  public String manufacturer() {
    return id().vendor();
  }

  @Override
  public String model() {
    return id().model();
  }

  @Override
  public String firmware() {
    return id().firmware();
  }

  @Override
  public String serial() {
    return id().serial();
  }

  @Override
  public String hardwareId() {
    return id().hardwareVersion();
  }

  @Override
  public String mac() {
    return id().mac();
  }

  @Override
  public String hostname() {
    return id().machineName();
  }

  @Override
  public String friendlyName() {
    return id().machineName();
  }

  @Override
  public List<Account> accounts() {
    List<Account> out = new ArrayList<>();
    for (io.nvrkit.testkit.internal.state.Account a : state.accounts()) {
      out.add(new Account(a.name(), a.level(), a.reserved()));
    }
    return out;
  }

  @Override
  public Login login(String user, Predicate<char[]> check) {
    LoginResult r = state.login(user, check);
    int left = state.lockout().enabled() ? r.remainingAttempts() : -1;
    switch (r.outcome()) {
      case OK:
        return new Login(Outcome.OK, left);
      case FAILED:
        return new Login(Outcome.FAILED, left);
      case FAILED_NOW_LOCKED:
        return new Login(Outcome.FAILED, 0);
      default:
        return new Login(Outcome.LOCKED, 0);
    }
  }

  @Override
  public boolean acceptablePassword(char[] password) {
    return state.rules().accepts(CharBuffer.wrap(password));
  }

  @Override
  public <T> T atomically(Supplier<T> body) {
    synchronized (state) {
      return body.get();
    }
  }

  @Override
  public void create(AccountWrite a) {
    check(state.addUser(a.name(), a.password(), a.level(), false, true, ""), a.name());
  }

  @Override
  public void update(AccountWrite a) {
    if (a.password() != null) {
      check(state.setPassword(a.name(), a.password(), true), a.name());
    }
    check(state.modifyUser(a.name(), a.level(), null, null, null), a.name());
  }

  @Override
  public void delete(String user) {
    check(state.deleteUser(user), user);
  }

  @Override
  public void setTime(Instant utc) {
    state.clock().set(utc);
  }

  @Override
  public void setZone(ZoneId zone) {
    state.clock().setZone(zone);
  }

  private static void check(DeviceState.Change c, String user) {
    if (c != DeviceState.Change.OK) {
      // validated beforehand under the same lock; reaching this is a bug in the personality
      throw new IllegalStateException("account change refused for " + user + ": " + c);
    }
  }
}
