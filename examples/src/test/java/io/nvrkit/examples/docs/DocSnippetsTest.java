package io.nvrkit.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of every Markdown file in the repository is a copy of a tagged region
 * of a test source, so the build compiles and runs it.
 *
 * <p>In Markdown, the line before the block names the region: {@code <!-- snippet: NAME -->}. In
 * any module's {@code src/test/java}, the region is the lines between {@code // tag::NAME[]} and
 * {@code // end::NAME[]}, inside a test that runs it (see {@code ReadmeSnippetsTest}, {@code
 * TestkitSnippetsTest} and others in this package). The block must equal the region, common
 * indentation removed.
 *
 * <p>To change a snippet, change the test source, then rewrite the Markdown from the sources:
 *
 * <pre>
 * mvn -B -o -pl examples -am verify -Dtest=DocSnippetsTest -Dsurefire.failIfNoSpecifiedTests=false -Dnvrkit.docs.update=true
 * </pre>
 */
class DocSnippetsTest {
  private static final String FENCE = "```";
  private static final String MARKER_START = "<!-- snippet:";
  private static final String MARKER_END = "-->";
  private static final String TAG = "// tag::";
  private static final String END = "// end::";

  private static Path root() {
    return Path.of(System.getProperty("nvrkit.repo.root", "..")).toAbsolutePath().normalize();
  }

  @Test
  void everyJavaBlockInTheDocsIsATestedRegion() throws IOException {
    Path root = root();
    Map<String, Region> regions = new LinkedHashMap<>();
    for (Path source : files(root, ".java")) {
      if (source.toString().replace(File.separatorChar, '/').contains("/src/test/java/")) {
        for (Region r : regions(source, read(source))) {
          Region before = regions.putIfAbsent(r.name, r);
          if (before != null) {
            fail("region " + r.name + " is tagged in " + before.file + " and " + r.file);
          }
        }
      }
    }
    boolean update = Boolean.getBoolean("nvrkit.docs.update");
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path doc : files(root, ".md")) {
      List<String> lines = read(doc);
      List<Block> blocks = blocks(lines);
      boolean changed = false;
      for (int i = blocks.size() - 1; i >= 0; i--) {
        Block b = blocks.get(i);
        String where = root.relativize(doc) + ":" + (b.fenceLine + 1);
        checked++;
        if (b.name == null) {
          problems.add(
              where
                  + ": a java block without a '<!-- snippet: NAME -->' line before it; put the code"
                  + " in a test between '// tag::NAME[]' and '// end::NAME[]'");
          continue;
        }
        Region r = regions.get(b.name);
        if (r == null) {
          problems.add(where + ": no test source has the region '" + b.name + "'");
          continue;
        }
        List<String> expected = dedent(r.lines);
        if (!expected.equals(dedent(b.lines))) {
          if (update) {
            lines.subList(b.fenceLine + 1, b.fenceLine + 1 + b.lines.size()).clear();
            lines.addAll(b.fenceLine + 1, expected);
            changed = true;
          } else {
            problems.add(
                where
                    + ": differs from region '"
                    + b.name
                    + "' in "
                    + r.file
                    + difference(expected, dedent(b.lines)));
          }
        }
      }
      if (changed) {
        Files.writeString(doc, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
      }
    }
    assertTrue(checked > 0, "no java block found under " + root);
    if (!problems.isEmpty()) {
      fail(
          problems.size()
              + " documented snippet(s) are not the tested code (rewrite the docs from the tests"
              + " with -Dnvrkit.docs.update=true):\n"
              + String.join("\n", problems));
    }
  }

  @Test
  void aBlockThatIsNotItsRegionIsFoundAndRewritten() {
    List<String> source =
        List.of(
            "class T {",
            "  void t() {",
            "    // tag::count[]",
            "    assertEquals(1, nvr.journal(\"modifyPassword\").size());",
            "    // end::count[]",
            "  }",
            "}");
    List<Region> regions = regions(Path.of("T.java"), source);
    assertEquals(1, regions.size());
    List<String> doc =
        List.of(
            "Text.",
            "",
            "<!-- snippet: count -->",
            "```java",
            "assertEquals(1, nvr.journal(\"modifyPassword\").stream().filter(r -> r.status() == 200).count());",
            "```",
            "```java",
            "no marker",
            "```");
    List<Block> blocks = blocks(doc);
    assertEquals(2, blocks.size());
    assertEquals("count", blocks.get(0).name);
    assertEquals(null, blocks.get(1).name);
    assertTrue(!dedent(regions.get(0).lines).equals(dedent(blocks.get(0).lines)));
    assertEquals(
        List.of("assertEquals(1, nvr.journal(\"modifyPassword\").size());"),
        dedent(regions.get(0).lines));
  }

  private static String difference(List<String> expected, List<String> actual) {
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      String e = i < expected.size() ? expected.get(i) : "<end>";
      String a = i < actual.size() ? actual.get(i) : "<end>";
      if (!e.equals(a)) {
        return "\n    line " + (i + 1) + " of the block\n    test: " + e + "\n    doc:  " + a;
      }
    }
    return "";
  }

  private static List<Path> files(Path root, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(suffix))
          .filter(p -> !skipped(root.relativize(p)))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static boolean skipped(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> read(Path file) {
    try {
      return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tagged regions of one source file. */
  static List<Region> regions(Path file, List<String> lines) {
    List<Region> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith(TAG) && line.endsWith("[]")) {
        String name = line.substring(TAG.length(), line.length() - 2);
        int end = i + 1;
        while (end < lines.size() && !lines.get(end).strip().equals(END + name + "[]")) {
          end++;
        }
        if (end == lines.size()) {
          fail(file + ":" + (i + 1) + ": region " + name + " has no '" + END + name + "[]'");
        }
        Region part = new Region(name, file, new ArrayList<>(lines.subList(i + 1, end)));
        // the parts of a region with the same name in one file are one region, in order (the
        // lines between them, such as assertions, are not shown)
        Region first = found.stream().filter(r -> r.name.equals(name)).findFirst().orElse(null);
        if (first == null) {
          found.add(part);
        } else {
          first.lines.addAll(part.lines);
        }
        i = end;
      }
    }
    return found;
  }

  /** The java blocks of one Markdown file, each with the region its marker line names. */
  static List<Block> blocks(List<String> lines) {
    List<Block> found = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).strip().equals(FENCE + "java")) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).strip().equals(FENCE)) {
        end++;
      }
      String name = null;
      int previous = i - 1;
      while (previous >= 0 && lines.get(previous).isBlank()) {
        previous--;
      }
      if (previous >= 0) {
        String marker = lines.get(previous).strip();
        if (marker.startsWith(MARKER_START) && marker.endsWith(MARKER_END)) {
          name =
              marker
                  .substring(MARKER_START.length(), marker.length() - MARKER_END.length())
                  .strip();
        }
      }
      found.add(new Block(name, i, new ArrayList<>(lines.subList(i + 1, end))));
      i = end;
    }
    return found;
  }

  /** The lines without trailing blanks and without the indentation they all share. */
  static List<String> dedent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
    }
    return out;
  }

  record Region(String name, Path file, List<String> lines) {}

  record Block(String name, int fenceLine, List<String> lines) {}
}
