package io.nvrkit.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} arguments, and {@code --flag} switches without a value. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || args[i].length() < 3) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      String name = args[i].substring(2);
      boolean switchOnly = i + 1 >= args.length || args[i + 1].startsWith("--");
      values.put(name, switchOnly ? "" : args[++i]);
    }
  }

  String get(String name, String dflt) {
    String v = values.get(name);
    if (v != null && v.isEmpty()) {
      throw new IllegalArgumentException("--" + name + " takes a value");
    }
    if (v == null && dflt == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v == null ? dflt : v;
  }

  /** Whether the switch {@code --name} was given (without a value). */
  boolean flag(String name) {
    String v = values.get(name);
    if (v != null && !v.isEmpty()) {
      throw new IllegalArgumentException("--" + name + " takes no value, got " + v);
    }
    return v != null;
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
