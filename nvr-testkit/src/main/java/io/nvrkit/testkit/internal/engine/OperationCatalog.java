package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.DeviceOperation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The protocol operations one personality understands, each with its {@link DeviceOperation}.
 * Validates the protocol names a test scripts faults on: an unknown name fails at once with the
 * nearest valid names first (WireMock's "near miss") and then every valid name. Immutable.
 */
public final class OperationCatalog {
  private final String personality;
  private final Map<String, DeviceOperation> byName;

  private OperationCatalog(String personality, Map<String, DeviceOperation> byName) {
    this.personality = personality;
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
  }

  /**
   * A builder.
   *
   * @param personality the personality's name for messages, e.g. {@code lorex}
   * @return a new builder
   */
  public static Builder builder(String personality) {
    return new Builder(personality);
  }

  /**
   * The neutral operation of a protocol operation.
   *
   * @param protocolOperation the name the personality's {@code operationOf} returned, or null
   * @return its operation; {@link DeviceOperation#OTHER} if unknown or null
   */
  public DeviceOperation operationOf(String protocolOperation) {
    if (protocolOperation == null) {
      return DeviceOperation.OTHER;
    }
    return byName.getOrDefault(protocolOperation, DeviceOperation.OTHER);
  }

  /**
   * Every protocol name, sorted.
   *
   * @return the names
   */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
  }

  /**
   * Checks a protocol name a test wants to script a fault on. Names are case-sensitive, as the
   * protocols are; a Lorex RPC2 name may carry its object prefix ({@code
   * userManager.modifyPassword}).
   *
   * @param protocolOperation the name
   * @return the name, unchanged
   * @throws IllegalArgumentException if the personality has no such operation; the message lists
   *     the nearest names and every valid one
   */
  public String require(String protocolOperation) {
    Objects.requireNonNull(protocolOperation, "protocolOperation");
    if (FaultPlan.ANY.equals(protocolOperation)) {
      return protocolOperation;
    }
    int dot = protocolOperation.lastIndexOf('.');
    String bare = dot >= 0 ? protocolOperation.substring(dot + 1) : protocolOperation;
    if (byName.containsKey(bare)) {
      return protocolOperation;
    }
    List<String> near = nearest(bare);
    StringBuilder m =
        new StringBuilder("the ")
            .append(personality)
            .append(" fake has no operation '")
            .append(protocolOperation)
            .append("'");
    if (!near.isEmpty()) {
      m.append("; did you mean ").append(String.join(" or ", near)).append('?');
    }
    m.append(" Valid operations: ").append(String.join(", ", names()));
    m.append(" (or script a DeviceOperation, which every personality understands)");
    throw new IllegalArgumentException(m.toString());
  }

  private List<String> nearest(String name) {
    List<String> all = new ArrayList<>(byName.keySet());
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    all.sort(
        Comparator.comparingInt((String n) -> distance(lower, n.toLowerCase(java.util.Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()));
    List<String> out = new ArrayList<>();
    for (String n : all) {
      int d = distance(lower, n.toLowerCase(java.util.Locale.ROOT));
      if (d <= Math.max(2, name.length() / 3) && out.size() < 3) {
        out.add(n);
      }
    }
    return out;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Builds a catalog. Not thread-safe. */
  public static final class Builder {
    private final String personality;
    private final Map<String, DeviceOperation> byName = new LinkedHashMap<>();

    private Builder(String personality) {
      this.personality = Objects.requireNonNull(personality, "personality");
    }

    /**
     * Maps protocol names to an operation.
     *
     * @param operation the neutral operation
     * @param protocolOperations the protocol's names for it
     * @return this builder
     */
    public Builder map(DeviceOperation operation, String... protocolOperations) {
      for (String n : protocolOperations) {
        byName.put(n, operation);
      }
      return this;
    }

    /**
     * The catalog.
     *
     * @return the catalog
     */
    public OperationCatalog build() {
      return new OperationCatalog(personality, byName);
    }
  }
}
