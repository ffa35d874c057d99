package io.nvrkit.core.internal.journal;

import io.nvrkit.core.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the journal knows, folded from its records: for every device its plan entry, its open
 * transaction (if any) and the password that is current to the journal's knowledge. Thread-safe
 * (every method synchronizes on this object).
 */
public final class JournalState {

  /** What the journal knows about one device. Guarded by the enclosing state's lock. */
  public static final class Device {
    private final String key;
    private final String url;
    private final String vendor;
    private final String user;
    private final String tls;
    private Secret planned;
    private Secret known;
    private String txId = "";
    private Secret txOld;
    private Secret txNew;
    private RecordType lastStep;
    private boolean sentSinceConfirm;
    private boolean verified;
    private boolean acked;
    private Map<String, List<Instant>> probes = Map.of();
    private Set<String> refused = Set.of();
    private int intents;
    private int commits;
    private final List<String> newPasswordTxs = new ArrayList<>();
    private String reason = "";
    private boolean stuck;
    private Instant time;

    Device(String key, String url, String vendor, String user, String tls, Secret planned) {
      this.key = key;
      this.tls = tls;
      this.url = url;
      this.vendor = vendor;
      this.user = user;
      this.planned = planned;
      this.known = planned;
    }

    /**
     * The device key.
     *
     * @return {@code url user}
     */
    public String key() {
      return key;
    }

    /**
     * The URL.
     *
     * @return the URL
     */
    public String url() {
      return url;
    }

    /**
     * The vendor id.
     *
     * @return the vendor
     */
    public String vendor() {
      return vendor;
    }

    /**
     * The account.
     *
     * @return the user
     */
    public String user() {
      return user;
    }
  }

  /**
   * A copy of one device's state, safe to read outside the lock. Holds secrets by reference.
   *
   * <p>{@code acked}: the device answered the last change sent with success (ACKED since the last
   * SENT). {@code probes} counts, per candidate ({@code "old"}, {@code "new"}) of the open
   * transaction, the logins tried with it (PROBING records) since the last record that proves a
   * login succeeded or a change was sent (INTENT, SENT, ACKED, VERIFIED, CONFIRMED_OLD): every one,
   * not only the last. Each may have been counted by the device as a failed login, unless it was
   * the password the device accepts (a crash or a lost answer leaves the outcome unknown). {@code
   * refused} names the candidates the device refused since then: trying one again would be a retry
   * of a refused password. A PROBING {@code uncounted:old} or {@code uncounted:new} takes back the
   * latest try of that candidate: the device cannot have counted it as a failed login (nothing
   * credentialed was sent, or the device answered without judging the credentials: busy, 5xx). Each
   * try keeps its record's time, so that a caller can leave out tries older than the device's
   * failure window ({@link #probesSince}).
   */
  public record View(
      String key,
      String url,
      String vendor,
      String user,
      String tls,
      String txId,
      Secret txOld,
      Secret txNew,
      RecordType lastStep,
      boolean sentSinceConfirm,
      boolean verified,
      boolean acked,
      Secret known,
      int intents,
      int commits,
      String reason,
      boolean stuck,
      Map<String, List<Instant>> probes,
      Set<String> refused,
      Instant time) {

    /**
     * Logins tried with a candidate since the last proven login or send.
     *
     * @param candidate {@code "old"} or {@code "new"}
     * @return the count
     */
    public int probes(String candidate) {
      return probes.getOrDefault(candidate, List.of()).size();
    }

    /**
     * Logins tried with a candidate since the last proven login or send, and not before {@code
     * since}.
     *
     * @param candidate {@code "old"} or {@code "new"}
     * @param since the earliest time counted
     * @return the count
     */
    public int probesSince(String candidate, Instant since) {
      int n = 0;
      for (Instant t : probes.getOrDefault(candidate, List.of())) {
        if (!t.isBefore(since)) {
          n++;
        }
      }
      return n;
    }

    /**
     * The times of the logins tried with a candidate since the last proven login or send, oldest
     * first.
     *
     * @param candidate {@code "old"} or {@code "new"}
     * @return the times
     */
    public List<Instant> probeTimes(String candidate) {
      return probes.getOrDefault(candidate, List.of());
    }

    /**
     * Whether a transaction is open.
     *
     * @return true if open
     */
    public boolean open() {
      return !txId.isEmpty();
    }

    /**
     * The password that is current to the journal's knowledge, or null when an open transaction
     * leaves it uncertain (old or new).
     *
     * @return the current password or null
     */
    public Secret current() {
      if (!open()) {
        return known;
      }
      if (verified) {
        return txNew;
      }
      if (!sentSinceConfirm) {
        return txOld;
      }
      return null;
    }

    @Override
    public String toString() {
      return "View[" + key + " tx=" + txId + " step=" + lastStep + "]";
    }
  }

  private final Map<String, Device> devices = new LinkedHashMap<>();
  private int exports;
  private Instant lastExport;

  /**
   * Folds {@code records} into a new state.
   *
   * @param records the records, oldest first
   * @return the state
   */
  public static JournalState of(List<JournalRecord> records) {
    JournalState s = new JournalState();
    for (JournalRecord r : records) {
      s.apply(r);
    }
    return s;
  }

  /**
   * Applies one record.
   *
   * @param r the record
   */
  public synchronized void apply(JournalRecord r) {
    if (r.type() == RecordType.EXPORTED) {
      exports++;
      lastExport = r.time();
      return;
    }
    if (r.type() == RecordType.PLANNED) {
      Device d = devices.get(r.deviceKey());
      if (d == null) {
        devices.put(
            r.deviceKey(),
            new Device(r.deviceKey(), r.url(), r.vendor(), r.user(), r.text(), r.oldSecret()));
      }
      return;
    }
    Device d = devices.get(r.deviceKey());
    if (d == null) {
      return; // a step for an unplanned device cannot be acted on; ignored
    }
    d.time = r.time();
    if (r.type() == RecordType.PROBING) {
      if (r.txId().equals(d.txId)) {
        if (r.text().startsWith("refused:")) {
          d.refused = with(d.refused, r.text().substring("refused:".length()));
        } else if (r.text().startsWith("uncounted:")) {
          // the device cannot have counted the login it follows (nothing credentialed was sent,
          // or it answered without a verdict): the try is taken back
          d.probes = withoutLast(d.probes, r.text().substring("uncounted:".length()));
        } else {
          d.probes = with(d.probes, r.text(), r.time());
        }
      }
      return;
    }
    if (r.type() != RecordType.STUCK) {
      d.probes = Map.of();
      d.refused = Set.of();
    }
    switch (r.type()) {
      case INTENT:
        d.txId = r.txId();
        d.txOld = r.oldSecret();
        d.txNew = r.newSecret();
        d.sentSinceConfirm = false;
        d.verified = false;
        d.acked = false;
        d.stuck = false;
        d.reason = "";
        d.intents++;
        d.newPasswordTxs.add(r.txId());
        d.lastStep = RecordType.INTENT;
        break;
      case SENT:
        if (r.txId().equals(d.txId)) {
          d.sentSinceConfirm = true;
          d.acked = false;
          d.lastStep = RecordType.SENT;
        }
        break;
      case ACKED:
      case VERIFIED:
        if (r.txId().equals(d.txId)) {
          d.lastStep = r.type();
          if (r.type() == RecordType.VERIFIED) {
            d.verified = true;
          } else {
            d.acked = true;
          }
        }
        break;
      case CONFIRMED_OLD:
        if (r.txId().equals(d.txId)) {
          d.sentSinceConfirm = false;
          d.acked = false;
          d.lastStep = RecordType.CONFIRMED_OLD;
          d.reason = r.text();
        }
        break;
      case STUCK:
        d.stuck = true;
        d.reason = r.text();
        if (r.txId().equals(d.txId)) {
          d.lastStep = RecordType.STUCK;
        }
        break;
      case COMMITTED:
        if (r.txId().equals(d.txId)) {
          d.known = d.txNew;
          d.commits++;
          closeTx(d, RecordType.COMMITTED, "");
        }
        break;
      case ABORTED:
        if (r.txId().equals(d.txId)) {
          d.known = d.txOld;
          closeTx(d, RecordType.ABORTED, r.text());
        }
        break;
      default:
        break;
    }
  }

  private static void closeTx(Device d, RecordType step, String reason) {
    d.txId = "";
    d.txOld = null;
    d.txNew = null;
    d.sentSinceConfirm = false;
    d.verified = false;
    d.acked = false;
    d.stuck = false;
    d.probes = Map.of();
    d.refused = Set.of();
    d.lastStep = step;
    d.reason = reason;
  }

  /**
   * Whether the journal holds a plan.
   *
   * @return true if any device is planned
   */
  public synchronized boolean hasPlan() {
    return !devices.isEmpty();
  }

  /**
   * The device with {@code key}, as a copy.
   *
   * @param key the device key
   * @return the view, or null if not planned
   */
  public synchronized View view(String key) {
    Device d = devices.get(key);
    return d == null ? null : view(d);
  }

  /**
   * Every device, in plan order.
   *
   * @return the views
   */
  public synchronized List<View> views() {
    List<View> out = new ArrayList<>(devices.size());
    for (Device d : devices.values()) {
      out.add(view(d));
    }
    return out;
  }

  /**
   * How many exports were recorded.
   *
   * @return the count
   */
  public synchronized int exports() {
    return exports;
  }

  /**
   * When the last export was recorded.
   *
   * @return the time, or null
   */
  public synchronized Instant lastExport() {
    return lastExport;
  }

  /** Wipes every secret the state holds. */
  public synchronized void destroySecrets() {
    for (Device d : devices.values()) {
      destroy(d.planned);
      destroy(d.known);
      destroy(d.txOld);
      destroy(d.txNew);
    }
  }

  private static Map<String, List<Instant>> with(
      Map<String, List<Instant>> map, String candidate, Instant time) {
    Map<String, List<Instant>> m = new TreeMap<>(map);
    List<Instant> times = new ArrayList<>(m.getOrDefault(candidate, List.of()));
    times.add(time);
    m.put(candidate, List.copyOf(times));
    return Map.copyOf(m);
  }

  private static Map<String, List<Instant>> withoutLast(
      Map<String, List<Instant>> map, String candidate) {
    List<Instant> times = map.getOrDefault(candidate, List.of());
    if (times.isEmpty()) {
      return map;
    }
    Map<String, List<Instant>> m = new TreeMap<>(map);
    m.put(candidate, List.copyOf(times.subList(0, times.size() - 1)));
    return Map.copyOf(m);
  }

  private static Set<String> with(Set<String> set, String candidate) {
    if (set.contains(candidate)) {
      return set;
    }
    Set<String> s = new TreeSet<>(set);
    s.add(candidate);
    return Set.copyOf(s);
  }

  private static void destroy(Secret s) {
    if (s != null) {
      s.destroy();
    }
  }

  private static View view(Device d) {
    return new View(
        d.key,
        d.url,
        d.vendor,
        d.user,
        d.tls,
        d.txId,
        d.txOld,
        d.txNew,
        d.lastStep,
        d.sentSinceConfirm,
        d.verified,
        d.acked,
        d.known,
        d.intents,
        d.commits,
        d.reason,
        d.stuck,
        d.probes,
        d.refused,
        d.time);
  }
}
