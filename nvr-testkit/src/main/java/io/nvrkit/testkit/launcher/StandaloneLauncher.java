package io.nvrkit.testkit.launcher;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.FakeClock;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.FakeNvr;
import io.nvrkit.testkit.FakeNvrFleet;
import io.nvrkit.testkit.FakeResetDesk;
import io.nvrkit.testkit.Fault;
import io.nvrkit.testkit.Lockout;
import io.nvrkit.testkit.PersonalityKind;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone fake recorder: {@code java -jar nvr-testkit-<version>-standalone.jar --personality
 * lorex|onvif|hikvision [options]}. It starts one fake (or a fleet, and optionally a reset desk),
 * prints exactly one JSON line on standard output when everything listens, and runs until killed:
 *
 * <pre>{@code
 * {"ready":true,"personality":"lorex","url":"http://127.0.0.1:40123","pin":null,
 *  "devices":[{"url":"http://127.0.0.1:40123","serial":"ND021811019863","deviceId":"8L0A3B7PAZ5C2E1"}],
 *  "resetDesk":null}
 * }</pre>
 *
 * <p>(on one line). This is how a test suite in any language uses the fake: start the process, read
 * the first line of its output, parse it, point the client at {@code url}, kill the process at the
 * end. {@code --help} lists every option.
 *
 * <p>Exit status, as {@code nvrctl}'s: 0 after {@code --help} (a running fake never exits by
 * itself: it ends when killed); 1 for a usage error (an unknown or malformed option, a missing
 * {@code --personality}), with a message on standard error; 2 when the options are valid but the
 * fake cannot start (the port is taken, the address is not local).
 *
 * <p>This class is the launcher's entry point only; embed the fake in Java with {@link FakeNvr}.
 */
public final class StandaloneLauncher {
  /** Exit status for a usage error (bad or missing options), as {@code nvrctl}'s. */
  public static final int EXIT_USAGE = 1;

  /** Exit status when valid options cannot be served (e.g. the port is taken). */
  public static final int EXIT_RUNTIME = 2;

  private StandaloneLauncher() {}

  /**
   * Runs the launcher.
   *
   * @param args the command-line options; {@code --help} lists them
   */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Running running;
    try {
      Options o = Options.parse(args);
      if (o.help) {
        out.print(Options.HELP);
        out.flush();
        return;
      }
      running = start(o);
    } catch (IllegalArgumentException e) {
      System.err.println("nvr-testkit: " + e.getMessage());
      System.err.println("Try --help.");
      System.exit(EXIT_USAGE);
      return;
    } catch (RuntimeException e) {
      System.err.println("nvr-testkit: cannot start: " + e.getMessage());
      System.exit(EXIT_RUNTIME);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "nvr-testkit-shutdown"));
    out.println(running.readyLine());
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts what the options describe (used by {@link #main} and by tests, in-process).
   *
   * @param args the command-line options
   * @return the running fakes; close them when done
   * @throws IllegalArgumentException if the options are invalid (the message says which)
   */
  public static Running start(String... args) {
    Options o = Options.parse(args);
    if (o.help) {
      throw new IllegalArgumentException("--help does not start anything");
    }
    return start(o);
  }

  private static Running start(Options o) {
    FakeClock clock = FakeClock.ticking(Duration.ofSeconds(o.clockSkewSeconds), o.zone);
    List<FakeNvr> devices = new ArrayList<>();
    FakeNvrFleet fleet = null;
    FakeResetDesk desk = null;
    try {
      if (o.fleet > 0) {
        fleet =
            FakeNvrFleet.builder(o.personality, o.fleet)
                .seed(o.seed)
                .tls(o.tls)
                .sharedCertificate(true)
                .clock(clock)
                .customize(
                    (i, b) -> o.configure(b, i, FakeNvrFleet.identityFor(o.personality, o.seed, i)))
                .start();
        devices.addAll(fleet.devices());
      } else {
        FakeNvr.Builder b = FakeNvr.builder(o.personality).clock(clock).tls(o.tls);
        o.configure(b, 0, FakeIdentity.defaults(o.personality));
        devices.add(b.start());
      }
      if (o.resetDesk) {
        FakeResetDesk.Builder db = FakeResetDesk.builder().host(o.host).clock(clock);
        for (FakeNvr d : devices) {
          db.device(d);
        }
        if (o.grantAfterSeconds > 0) {
          db.grantAfter(Duration.ofSeconds(o.grantAfterSeconds));
        } else {
          db.autoGrant();
        }
        desk = db.start();
      }
    } catch (RuntimeException e) {
      if (fleet != null) {
        fleet.close();
      } else {
        devices.forEach(FakeNvr::close);
      }
      throw e;
    }
    return new Running(o.personality, devices, fleet, desk);
  }

  /**
   * What the launcher started: the devices (one, or a fleet) and the optional reset desk.
   * Thread-safe; {@link #close()} stops everything.
   */
  public static final class Running implements AutoCloseable {
    private final PersonalityKind personality;
    private final List<FakeNvr> devices;
    private final FakeNvrFleet fleet;
    private final FakeResetDesk desk;

    private Running(
        PersonalityKind personality,
        List<FakeNvr> devices,
        FakeNvrFleet fleet,
        FakeResetDesk desk) {
      this.personality = personality;
      this.devices = List.copyOf(devices);
      this.fleet = fleet;
      this.desk = desk;
    }

    /**
     * The devices, in order (one unless {@code --fleet}).
     *
     * @return the devices
     */
    public List<FakeNvr> devices() {
      return devices;
    }

    /**
     * The reset desk.
     *
     * @return the desk, if {@code --reset-desk} was given
     */
    public Optional<FakeResetDesk> resetDesk() {
      return Optional.ofNullable(desk);
    }

    /**
     * The ready line: {@code {"ready":true,"personality":…,"url":…,"pin":…,"devices":[…],
     * "resetDesk":…}}.
     *
     * @return the JSON line, without a line break
     */
    public String readyLine() {
      StringBuilder sb = new StringBuilder("{\"ready\":true,\"personality\":");
      quote(sb, personality.name().toLowerCase(Locale.ROOT));
      sb.append(",\"url\":");
      quote(sb, devices.get(0).url().toString());
      sb.append(",\"pin\":");
      Optional<String> pin = devices.get(0).pin();
      if (pin.isPresent()) {
        quote(sb, pin.get());
      } else {
        sb.append("null");
      }
      sb.append(",\"devices\":[");
      for (int i = 0; i < devices.size(); i++) {
        FakeNvr d = devices.get(i);
        if (i > 0) {
          sb.append(',');
        }
        sb.append("{\"url\":");
        quote(sb, d.url().toString());
        sb.append(",\"serial\":");
        quote(sb, d.identity().serial());
        sb.append(",\"deviceId\":");
        quote(sb, d.identity().deviceId());
        if (d.kind() == PersonalityKind.HIKVISION && d.discoveryAddress().isPresent()) {
          sb.append(",\"sadpPort\":").append(d.discoveryAddress().get().getPort());
        }
        sb.append('}');
      }
      sb.append("],\"resetDesk\":");
      if (desk != null) {
        quote(sb, desk.url().toString());
      } else {
        sb.append("null");
      }
      return sb.append('}').toString();
    }

    /** Stops the desk and every device. Idempotent. */
    @Override
    public void close() {
      try {
        if (desk != null) {
          desk.close();
        }
      } finally {
        if (fleet != null) {
          fleet.close();
        } else {
          devices.forEach(FakeNvr::close);
        }
      }
    }

    private static void quote(StringBuilder sb, String s) {
      sb.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20) {
          sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      sb.append('"');
    }
  }

  /** The parsed command line. */
  static final class Options {
    static final String HELP =
        String.join(
            "\n",
            "Usage: java -jar nvr-testkit-<version>-standalone.jar --personality lorex|onvif|hikvision [options]",
            "",
            "Starts a fake network video recorder on loopback, prints one JSON line when it listens:",
            "  {\"ready\":true,\"personality\":\"lorex\",\"url\":\"http://127.0.0.1:PORT\",\"pin\":null,",
            "   \"devices\":[{\"url\":\"...\",\"serial\":\"...\",\"deviceId\":\"...\"}],\"resetDesk\":null}",
            "and runs until killed.",
            "",
            "Device:",
            "  --personality NAME           firmware to imitate: lorex, onvif or hikvision (required)",
            "  --host ADDRESS               address to listen on (default 127.0.0.1)",
            "  --port N                     port (default 0: a free port; with --fleet, device i",
            "                               listens on N+i)",
            "  --tls                        serve HTTPS with a generated certificate; its SPKI SHA-256",
            "                               pin (base64) is the ready line's \"pin\"",
            "  --user NAME:PASSWORD[:LEVEL] an account (repeatable). LEVEL is admin, operator, user or",
            "                               anonymous (default admin). Without --user: admin:Admin12345",
            "  --model M                    model number (default N841A8 for lorex, NVR-1608 for",
            "                               onvif)",
            "  --serial S                   serial number (default ND021811019863 for lorex,",
            "                               EV1608-2311-0042 for onvif; not with --fleet)",
            "  --device-id D                device ID, printed next to the QR code (default",
            "                               8L0A3B7PAZ5C2E1 for lorex; not with --fleet)",
            "  --firmware F                 firmware version (default 3.216.00LR035.0 for lorex,",
            "                               V4.2.1 for onvif)",
            "  --mac M                      MAC address xx:xx:xx:xx:xx:xx (not with --fleet)",
            "",
            "Behaviour:",
            "  --lockout-threshold N        wrong passwords that lock an account (default 5; 0 turns",
            "                               locking off)",
            "  --lockout-seconds S          how long a lock lasts (default 300; hikvision 1800,",
            "                               per source IP)",
            "  --clock-skew-seconds N       the device's clock is N seconds ahead (negative: behind)",
            "                               of this machine's (default 0)",
            "  --zone ZONE                  the device's time zone (default America/Toronto)",
            "  --latency-ms N               delay added to every answer (default 0)",
            "  --option NAME=VALUE          a profile setting (repeatable), e.g.",
            "                               onvif.auth=digest, onvif.createdWindowSeconds=5,",
            "                               onvif.discovery=multicast (see the testkit's ONVIF",
            "                               personality document),",
            "                               hikvision.namespace=isapi, hikvision.auth=digestBasic",
            "                               (see the testkit README, Hikvision)",
            "  --fault-rate P               with --faults: each request draws a fault with",
            "                               probability P (0 to 1)",
            "  --faults KIND,KIND...        fault kinds: http-500 (or any http-NNN),",
            "                               reset-before-response, apply-then-drop, malformed-body,",
            "                               slow-body, oversized-body, connection-limit",
            "  --seed N                     seed of the random faults and of fleet identities",
            "                               (default 1); the same seed gives the same run",
            "",
            "Fleet and reset desk:",
            "  --fleet N                    start N devices, each with its own port, serial and",
            "                               device ID; the ready line lists every device",
            "  --reset-desk                 also start a fake vendor reset desk (reset desk",
            "                               protocol v1) that knows every device and grants a",
            "                               temporary password (installed on the device) at once",
            "  --reset-desk-grant-after-seconds N",
            "                               grant N seconds after submission instead",
            "",
            "  --help                       print this help and exit",
            "",
            "Exit status: 0 after --help; 1 for a usage error (bad or missing option);",
            "2 when the fake cannot start (e.g. the port is taken). A running fake runs until",
            "killed.",
            "");

    boolean help;
    PersonalityKind personality;
    String host = "127.0.0.1";
    int port;
    boolean tls;
    final List<String[]> users = new ArrayList<>();
    String model;
    String serial;
    String deviceId;
    String firmware;
    String mac;
    int lockoutThreshold = -1;
    long lockoutSeconds = -1;
    long clockSkewSeconds;
    ZoneId zone = ZoneId.of("America/Toronto");
    long latencyMs;
    int fleet;
    double faultRate = -1;
    final List<Fault> faults = new ArrayList<>();
    final ProfileOptions profiles = new ProfileOptions();
    long seed = 1;
    boolean resetDesk;
    long grantAfterSeconds;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          value = a.substring(eq + 1);
          a = a.substring(0, eq);
        }
        switch (a) {
          case "--help":
          case "-h":
            o.help = true;
            return o;
          case "--tls":
            o.tls = true;
            continue;
          case "--reset-desk":
            o.resetDesk = true;
            continue;
          default:
            break;
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(a + " needs a value");
          }
          value = args[++i];
        }
        switch (a) {
          case "--personality":
            o.personality = personality(value);
            break;
          case "--host":
            o.host = value;
            break;
          case "--port":
            o.port = (int) number(a, value, 0, 65535);
            break;
          case "--user":
            o.users.add(user(value));
            break;
          case "--model":
            o.model = value;
            break;
          case "--serial":
            o.serial = value;
            break;
          case "--device-id":
            o.deviceId = value;
            break;
          case "--firmware":
            o.firmware = value;
            break;
          case "--mac":
            o.mac = value;
            break;
          case "--lockout-threshold":
            o.lockoutThreshold = (int) number(a, value, 0, 1000);
            break;
          case "--lockout-seconds":
            o.lockoutSeconds = number(a, value, 1, 365L * 24 * 3600);
            break;
          case "--clock-skew-seconds":
            o.clockSkewSeconds = number(a, value, -100L * 365 * 24 * 3600, 100L * 365 * 24 * 3600);
            break;
          case "--zone":
            try {
              o.zone = ZoneId.of(value);
            } catch (DateTimeException e) {
              throw new IllegalArgumentException("--zone: unknown time zone " + value);
            }
            break;
          case "--option":
            int sep = value.indexOf('=');
            if (sep <= 0) {
              throw new IllegalArgumentException("--option must be NAME=VALUE");
            }
            o.profiles.apply(value.substring(0, sep), value.substring(sep + 1));
            break;
          case "--latency-ms":
            o.latencyMs = number(a, value, 0, 600_000);
            break;
          case "--fleet":
            o.fleet = (int) number(a, value, 1, 100_000);
            break;
          case "--fault-rate":
            try {
              o.faultRate = Double.parseDouble(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--fault-rate must be a number from 0 to 1");
            }
            if (!(o.faultRate >= 0 && o.faultRate <= 1)) {
              throw new IllegalArgumentException("--fault-rate must be a number from 0 to 1");
            }
            break;
          case "--faults":
            for (String k : value.split(",")) {
              if (k.isBlank()) {
                continue;
              }
              try {
                o.faults.add(Fault.fromName(k.trim()));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                    "--faults: unknown fault kind '" + k.trim() + "'");
              }
            }
            break;
          case "--seed":
            o.seed = number(a, value, Long.MIN_VALUE, Long.MAX_VALUE);
            break;
          case "--reset-desk-grant-after-seconds":
            o.grantAfterSeconds = number(a, value, 0, 7L * 24 * 3600);
            break;
          default:
            throw new IllegalArgumentException("unknown option " + a);
        }
      }
      if (o.help) {
        return o;
      }
      if (o.personality == null) {
        throw new IllegalArgumentException("--personality lorex|onvif|hikvision is required");
      }
      if (o.fleet > 0 && (o.serial != null || o.deviceId != null || o.mac != null)) {
        throw new IllegalArgumentException(
            "--serial, --device-id and --mac name one device; a fleet derives them from --seed");
      }
      if (o.fleet > 0 && o.port > 0 && o.port + o.fleet - 1 > 65535) {
        throw new IllegalArgumentException("--port + --fleet goes past port 65535");
      }
      if (o.faults.isEmpty() != (o.faultRate < 0)) {
        throw new IllegalArgumentException("--fault-rate and --faults go together");
      }
      return o;
    }

    /** Applies the device options to one device's builder. */
    void configure(FakeNvr.Builder b, int index, FakeIdentity base) {
      b.host(host);
      if (port > 0) {
        b.port(port + index);
      }
      FakeIdentity.Builder id = base.toBuilder();
      if (model != null) {
        id.model(model);
      }
      if (serial != null) {
        id.serial(serial);
      }
      if (deviceId != null) {
        id.deviceId(deviceId);
      }
      if (firmware != null) {
        id.firmware(firmware);
      }
      if (mac != null) {
        id.mac(mac);
      }
      b.identity(id.build());
      for (String[] u : users) {
        b.user(u[0], u[1], level(u[2]));
      }
      if (lockoutThreshold >= 0 || lockoutSeconds > 0) {
        Lockout d =
            personality == PersonalityKind.HIKVISION
                ? Lockout.hikvisionDefault()
                : Lockout.dahuaDefault();
        int n = lockoutThreshold < 0 ? d.attempts() : lockoutThreshold;
        Duration t = lockoutSeconds > 0 ? Duration.ofSeconds(lockoutSeconds) : d.lockTime();
        b.lockout(n == 0 ? new Lockout(false, d.attempts(), t) : new Lockout(true, n, t));
      }
      if (latencyMs > 0) {
        b.latency(Duration.ofMillis(latencyMs));
      }
      if (personality == PersonalityKind.ONVIF) {
        b.onvifProfile(profiles.onvifProfile());
      } else if (personality == PersonalityKind.HIKVISION) {
        b.hikvisionProfile(profiles.hikvisionProfile());
      }
      if (!faults.isEmpty() && faultRate > 0) {
        b.faultAtRandom(seed + index, faultRate, faults);
      }
    }

    private static PersonalityKind personality(String v) {
      switch (v.toLowerCase(Locale.ROOT)) {
        case "lorex":
          return PersonalityKind.LOREX;
        case "onvif":
          return PersonalityKind.ONVIF;
        case "hikvision":
          return PersonalityKind.HIKVISION;
        default:
          throw new IllegalArgumentException(
              "--personality must be lorex, onvif or hikvision, not " + v);
      }
    }

    private static String[] user(String v) {
      int c = v.indexOf(':');
      if (c <= 0) {
        throw new IllegalArgumentException("--user must be NAME:PASSWORD[:LEVEL]");
      }
      String name = v.substring(0, c);
      String rest = v.substring(c + 1);
      String level = "admin";
      int last = rest.lastIndexOf(':');
      if (last >= 0 && isLevel(rest.substring(last + 1))) {
        level = rest.substring(last + 1);
        rest = rest.substring(0, last);
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException("--user " + name + ": the password is empty");
      }
      return new String[] {name, rest, level};
    }

    private static boolean isLevel(String s) {
      try {
        level(s);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }

    private static AccountLevel level(String s) {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "admin":
        case "administrator":
          return AccountLevel.ADMINISTRATOR;
        case "operator":
          return AccountLevel.OPERATOR;
        case "user":
          return AccountLevel.USER;
        case "anonymous":
          return AccountLevel.ANONYMOUS;
        default:
          throw new IllegalArgumentException("unknown level " + s);
      }
    }

    private static long number(String option, String v, long min, long max) {
      long n;
      try {
        n = Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " must be a whole number, not " + v);
      }
      if (n < min || n > max) {
        throw new IllegalArgumentException(option + " must be from " + min + " to " + max);
      }
      return n;
    }
  }
}
