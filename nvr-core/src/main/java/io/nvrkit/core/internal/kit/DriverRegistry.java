package io.nvrkit.core.internal.kit;

import io.nvrkit.core.UnknownDriverException;
import io.nvrkit.core.spi.NvrDriver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The drivers of one kit, by id (case-insensitive): the explicit ones, then those {@link
 * ServiceLoader} finds once (an explicit driver wins over a discovered one with the same id).
 * Immutable and thread-safe.
 */
public final class DriverRegistry {
  private final List<NvrDriver> drivers;
  private final Map<String, List<NvrDriver>> byId;
  private final List<String> ids;

  /**
   * A registry.
   *
   * @param explicit the drivers given to the kit's builder
   * @param discover whether to add the drivers found with {@link ServiceLoader} (also done when
   *     none are explicit)
   * @param loader the class loader to search
   */
  public DriverRegistry(List<NvrDriver> explicit, boolean discover, ClassLoader loader) {
    List<NvrDriver> all = new ArrayList<>(explicit);
    if (discover || explicit.isEmpty()) {
      for (NvrDriver d : ServiceLoader.load(NvrDriver.class, loader)) {
        boolean given =
            explicit.stream().anyMatch(e -> key(e.driverId()).equals(key(d.driverId())));
        if (!given) {
          all.add(d);
        }
      }
    }
    Map<String, List<NvrDriver>> map = new LinkedHashMap<>();
    for (NvrDriver d : all) {
      map.computeIfAbsent(key(d.driverId()), k -> new ArrayList<>()).add(d);
    }
    map.replaceAll((k, v) -> List.copyOf(v));
    this.byId = Map.copyOf(map);
    List<NvrDriver> unique = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (List<NvrDriver> v : map.values()) {
      unique.add(v.get(0));
      names.add(v.get(0).driverId());
    }
    this.drivers = List.copyOf(unique);
    this.ids = List.copyOf(names);
  }

  private static String key(String driverId) {
    return driverId.toLowerCase(Locale.ROOT);
  }

  /**
   * The driver for an id.
   *
   * @param driverId the id, any case
   * @return the driver
   * @throws UnknownDriverException if none has that id (the message names the installed ones)
   * @throws IllegalStateException if two or more claim it
   */
  public NvrDriver require(String driverId) {
    List<NvrDriver> matches = byId.get(key(driverId));
    if (matches == null) {
      throw new UnknownDriverException(
          "no driver '"
              + driverId
              + "' is installed; installed drivers: "
              + (drivers.isEmpty() ? "none" : String.join(", ", ids)),
          driverId,
          ids);
    }
    if (matches.size() > 1) {
      StringBuilder names = new StringBuilder();
      for (NvrDriver d : matches) {
        names.append(names.length() == 0 ? "" : ", ").append(d.getClass().getName());
      }
      throw new IllegalStateException(
          "two or more drivers claim the id '"
              + driverId
              + "' ("
              + names
              + "); build the kit with one of them explicitly");
    }
    return matches.get(0);
  }

  /**
   * The driver for an id, if exactly one claims it.
   *
   * @param driverId the id, any case
   * @return the driver
   */
  public Optional<NvrDriver> find(String driverId) {
    List<NvrDriver> matches = byId.get(key(driverId));
    return matches == null || matches.size() != 1 ? Optional.empty() : Optional.of(matches.get(0));
  }

  /**
   * One driver per id, in the order given or found.
   *
   * @return the drivers
   */
  public List<NvrDriver> drivers() {
    return drivers;
  }

  /**
   * The ids of {@link #drivers()}.
   *
   * @return the ids
   */
  public List<String> ids() {
    return ids;
  }
}
