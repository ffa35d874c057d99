package io.nvrkit.examples.nvrctl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean …?" for a mistyped command or option name: the known names within a small edit
 * distance (transpositions count once), nearest first. A typed word is shown back to the user only
 * when it is this close to a real name, so a secret typed in its place is never echoed.
 */
final class Suggestions {
  private Suggestions() {}

  /**
   * The names close to what was typed.
   *
   * @param typed what the user typed
   * @param names the known names
   * @return at most three names, nearest first; empty when none is close
   */
  static List<String> near(String typed, Iterable<String> names) {
    if (typed.length() > 64) {
      return List.of();
    }
    String t = typed.toLowerCase(Locale.ROOT);
    int limit = Math.max(1, Math.min(3, t.length() / 3));
    List<String> close = new ArrayList<>();
    for (String n : names) {
      if (distance(t, n.toLowerCase(Locale.ROOT)) <= limit) {
        close.add(n);
      }
    }
    close.sort(Comparator.comparingInt(n -> distance(t, n.toLowerCase(Locale.ROOT))));
    return close.size() > 3 ? close.subList(0, 3) : close;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
