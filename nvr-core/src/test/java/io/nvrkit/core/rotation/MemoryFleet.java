package io.nvrkit.core.rotation;

import io.nvrkit.core.AccountLockedException;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.DeviceUnreachableException;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.Secret;
import io.nvrkit.core.UserAccount;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.spi.DriverProbe;
import io.nvrkit.core.spi.NvrDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory test double at the SPI level: devices with one account each, a lockout after 3
 * consecutive refused logins, and random faults on logins and changes (lost answers after the
 * change was applied, resets before it was, 5xx). For engine logic only; the chaos tests on the
 * real fakes use HTTP.
 */
final class MemoryFleet {
  static final String VENDOR = "memory";
  static final int LOCKOUT_THRESHOLD = 3;

  enum ChangeFault {
    NONE,
    APPLY_THEN_DROP,
    RESET_BEFORE,
    SERVER_ERROR,
    REJECT
  }

  static final class Account {
    final String user;
    Secret password;
    int consecutiveFailures;
    boolean locked;
    int changesApplied;
    final List<Secret> passwordsSet = new ArrayList<>();
    int logins;
    int failedLogins;
    int maxConsecutiveFailures;
    final List<java.time.Instant> failureTimes = new ArrayList<>();

    Account(String user, Secret password) {
      this.user = user;
      this.password = password;
    }
  }

  final Map<String, Account> accounts = new ConcurrentHashMap<>();
  final Map<String, ChangeFault> stickyFaults = new ConcurrentHashMap<>();
  private final Random random;
  volatile double loginFaultRate;

  /**
   * When set, a device forgets a failed login this long after it (Dahua's "zeroing cycle", the
   * failure window the rotation engine assumes), measured on {@link #clock}; unset, it never does.
   */
  volatile java.time.Duration forgetAfter;

  volatile java.time.Clock clock = java.time.Clock.systemUTC();

  /** Whether a successful login clears the failure count (true on most firmware; not all). */
  volatile boolean successClearsFailures = true;

  volatile double changeFaultRate;
  final AtomicLong requests = new AtomicLong();

  MemoryFleet(long seed) {
    this.random = new Random(seed);
  }

  static String url(int i) {
    return "http://10.0." + (i / 250) + "." + (i % 250 + 1) + ":80";
  }

  DeviceEndpoint add(int i, String user, String password) {
    DeviceEndpoint e = DeviceEndpoint.of(url(i));
    accounts.put(e.key() + " " + user, new Account(user, Secret.of(password)));
    return e;
  }

  Account account(DeviceEndpoint e, String user) {
    return accounts.get(e.key() + " " + user);
  }

  synchronized boolean accepts(DeviceEndpoint e, String user, Secret s) {
    Account a = account(e, user);
    return a != null && a.password.equals(s);
  }

  private synchronized double nextDouble() {
    return random.nextDouble();
  }

  private synchronized ChangeFault randomChangeFault() {
    ChangeFault[] f = {
      ChangeFault.APPLY_THEN_DROP, ChangeFault.RESET_BEFORE, ChangeFault.SERVER_ERROR
    };
    return f[random.nextInt(f.length)];
  }

  NvrDriver driver() {
    return new NvrDriver() {
      @Override
      public String driverId() {
        return VENDOR;
      }

      @Override
      public DriverProbe probe(
          io.nvrkit.core.spi.DriverContext context,
          DeviceEndpoint endpoint,
          ConnectOptions options) {
        throw new UnsupportedOperationException();
      }

      @Override
      public NvrClient connect(
          io.nvrkit.core.spi.DriverContext context,
          DeviceEndpoint endpoint,
          Credentials credentials,
          ConnectOptions options) {
        requests.incrementAndGet();
        String dev = endpoint.toString();
        if (nextDouble() < loginFaultRate) {
          throw new DeviceUnreachableException("HTTP 503 (injected)", dev, "login", null);
        }
        Account a = account(endpoint, credentials.user());
        if (a == null) {
          throw new DeviceUnreachableException("no such device", dev, "login", null);
        }
        synchronized (MemoryFleet.this) {
          if (a.locked) {
            throw new AccountLockedException("locked", dev, "login", null, null);
          }
          java.time.Duration window = forgetAfter;
          java.time.Instant now = clock.instant();
          if (window != null) {
            a.failureTimes.removeIf(t -> !t.plus(window).isAfter(now));
            a.consecutiveFailures = a.failureTimes.size();
          }
          if (!a.password.equals(credentials.secret())) {
            a.failedLogins++;
            a.failureTimes.add(now);
            a.consecutiveFailures++;
            a.maxConsecutiveFailures = Math.max(a.maxConsecutiveFailures, a.consecutiveFailures);
            if (a.consecutiveFailures >= LOCKOUT_THRESHOLD) {
              a.locked = true;
            }
            throw new AuthenticationFailedException("refused", dev, "login", -1, null);
          }
          if (successClearsFailures) {
            a.consecutiveFailures = 0;
            a.failureTimes.clear();
          }
          a.logins++;
        }
        return new Client(endpoint, a, credentials);
      }

      @Override
      public PasswordPolicy defaultPolicy() {
        return PasswordPolicy.builder("memory").minLength(8).build();
      }
    };
  }

  final class Client implements NvrClient, io.nvrkit.core.SessionDiagnostics {
    private final DeviceEndpoint endpoint;
    private final Account account;
    private final Credentials credentials;
    private long roundTrips = 2;

    Client(DeviceEndpoint endpoint, Account account, Credentials credentials) {
      this.endpoint = endpoint;
      this.account = account;
      this.credentials = credentials;
    }

    @Override
    public DeviceEndpoint endpoint() {
      return endpoint;
    }

    @Override
    public PasswordPolicy passwordPolicy() {
      return PasswordPolicy.builder("memory").minLength(8).build();
    }

    @Override
    public String driverId() {
      return VENDOR;
    }

    @Override
    public DeviceIdentity identity() {
      return DeviceIdentity.empty();
    }

    @Override
    public List<UserAccount> users() {
      return List.of();
    }

    @Override
    public PasswordChangeResult changePassword(PasswordChangeRequest update) {
      requests.incrementAndGet();
      roundTrips++;
      String dev = endpoint.toString();
      ChangeFault fault = stickyFaults.getOrDefault(endpoint.key(), ChangeFault.NONE);
      if (fault == ChangeFault.NONE && nextDouble() < changeFaultRate) {
        fault = randomChangeFault();
      }
      Secret old = update.oldPassword().orElse(credentials.secret());
      synchronized (MemoryFleet.this) {
        switch (fault) {
          case RESET_BEFORE:
            throw new DeviceUnreachableException(
                "connection reset (injected)", dev, "changePassword", null);
          case SERVER_ERROR:
            throw new DeviceUnreachableException(
                "HTTP 500 (injected)", dev, "changePassword", null);
          case REJECT:
            throw new DeviceRejectedException(
                "device says no (injected)", dev, "changePassword", "E42", null);
          default:
            break;
        }
        if (!account.password.equals(old)) {
          throw new AuthenticationFailedException("old password wrong", dev, "change", -1, null);
        }
        account.password = Secret.of(update.newPassword().copyChars());
        account.changesApplied++;
        boolean seen = false;
        for (Secret s : account.passwordsSet) {
          seen |= s.equals(account.password);
        }
        if (!seen) {
          account.passwordsSet.add(account.password);
        }
      }
      if (fault == ChangeFault.APPLY_THEN_DROP) {
        throw new DeviceUnreachableException(
            "connection dropped after apply (injected)", dev, "changePassword", null);
      }
      return new PasswordChangeResult(
          account.user,
          PasswordChangeResult.Outcome.CHANGED_UNVERIFIED,
          1,
          Duration.ZERO,
          List.of());
    }

    @Override
    public long roundTrips() {
      return roundTrips;
    }

    @Override
    public void close() {}
  }
}
