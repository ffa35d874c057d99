package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a user reads in {@code --help}, and what a mistyped command tells them. */
class HelpOutputTest {

  /** Every command's path, such as {@code [reset, complete]}. */
  static List<List<String>> commands() {
    List<List<String>> all = new ArrayList<>();
    collect(
        Nvrctl.commandLine(CliContext.of(Map.of(), java.io.InputStream.nullInputStream())),
        new ArrayList<>(),
        all);
    return all;
  }

  static void collect(CommandLine cl, List<String> path, List<List<String>> all) {
    all.add(List.copyOf(path));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> p = new ArrayList<>(path);
              p.add(name);
              collect(sub, p, all);
            });
  }

  @Test
  void theCommandListShowsWholeSentences() {
    Run r = Run.of("--help");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    int start = lines.indexOf("Commands:");
    assertTrue(start > 0, r.out());
    // an entry starts at column 2 with its name; continuation lines are indented further
    StringBuilder entry = new StringBuilder();
    List<String> entries = new ArrayList<>();
    for (String l : lines.subList(start + 1, lines.size())) {
      if (l.isBlank()) {
        break;
      }
      if (l.startsWith("  ") && !l.startsWith("   ")) {
        if (entry.length() > 0) {
          entries.add(entry.toString());
        }
        entry = new StringBuilder(l.strip());
      } else {
        entry.append(' ').append(l.strip());
      }
    }
    entries.add(entry.toString());
    assertTrue(entries.size() >= 12, entries.toString());
    for (String e : entries) {
      assertTrue(e.endsWith("."), "cut mid-sentence: '" + e + "'");
    }
    assertTrue(r.out().contains("change-password  Change a password"), r.out());
  }

  @Test
  void descriptionsWrapWithoutStrayLineBreaks() {
    for (List<String> command : commands()) {
      List<String> args = new ArrayList<>(command);
      args.add("--help");
      Run r = Run.of(args.toArray(String[]::new));
      assertEquals(0, r.code(), command + ": " + r.err());
      // the description: after the synopsis (which ends at the first line not indented), up to the
      // first option, heading or blank line
      List<String> lines = r.out().lines().toList();
      int i = 1;
      while (i < lines.size() && lines.get(i).startsWith(" ")) {
        i++;
      }
      for (; i + 1 < lines.size(); i++) {
        String line = lines.get(i);
        String next = lines.get(i + 1);
        if (next.isBlank() || next.startsWith(" ") || line.isBlank() || next.endsWith(":")) {
          break;
        }
        if (line.matches(".*[.:!?]")) {
          continue; // a paragraph ends here
        }
        String firstWord = next.split(" ")[0];
        assertTrue(
            line.length() + 1 + firstWord.length() > 79, // picocli fills lines up to 79 columns
            command + ": stray line break after '" + line + "' in\n" + r.out());
      }
    }
  }

  @Test
  void changePasswordHelpReadsAsParagraphs() {
    Run r = Run.of("change-password", "--help");
    String text = String.join(" ", r.out().lines().map(String::strip).toList());
    assertTrue(
        text.contains("the change is done only when a fresh login with it succeeds."), r.out());
    assertTrue(text.contains("--profile=NAME"), r.out());
    assertTrue(text.contains("(default: the policy of the device's driver)"), r.out());
  }

  @Test
  void aMistypedCommandIsNamedWithASuggestion() {
    Run r = Run.of("idnetity", "--url", "http://192.0.2.10", "--user", "admin");
    NvrctlTest.assertUsage(r, "unknown command 'idnetity'; did you mean identity?");
    assertFalse(r.err().contains("unknown option"), r.err());
    Run sub = Run.of("users", "lsit");
    NvrctlTest.assertUsage(sub, "unknown command 'lsit'; did you mean list?");
    assertTrue(sub.err().contains("Try 'nvrctl users --help'"), sub.err());
  }

  @Test
  void aWordFarFromEveryCommandIsNotEchoed() {
    Run r = Run.of("Tr0ub4dor&3", "--url", "http://192.0.2.10");
    NvrctlTest.assertUsage(r, "unknown command (not shown)");
    assertFalse(r.all().contains("Tr0ub4dor"), r.all());
  }

  @Test
  void aMistypedOptionGetsASuggestion() {
    Run r =
        Run.of("identity", "--url", "http://192.0.2.10", "--user", "admin", "--pasword-env", "PW");
    NvrctlTest.assertUsage(r, "unknown option --pasword-env; did you mean --password-env?");
  }

  @Test
  void suggestionsAreCloseNamesOnly() {
    assertEquals(List.of("identity"), Suggestions.near("idnetity", List.of("identity", "demo")));
    assertEquals(List.of(), Suggestions.near("hunter2", List.of("identity", "demo", "users")));
    assertEquals(List.of(), Suggestions.near("x".repeat(100), List.of("identity")));
    assertEquals(1, Suggestions.distance("ab", "ba"));
  }
}
