package io.nvrkit.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      values.put(args[i].substring(2), args[++i]);
    }
  }

  String get(String name, String dflt) {
    String v = values.get(name);
    if (v == null && dflt == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v == null ? dflt : v;
  }

  int integer(String name, String dflt) {
    String v = get(name, dflt);
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " takes a whole number, got " + v, e);
    }
  }
}
