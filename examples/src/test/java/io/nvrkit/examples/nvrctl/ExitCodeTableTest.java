package io.nvrkit.examples.nvrctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The README's exit-code table says what {@link ExitCodes} and the help footer say. */
class ExitCodeTableTest {

  /** The table's rows: code to its nvrctl cell. */
  static Map<Integer, String> readmeTable() throws Exception {
    String readme =
        Files.readString(Path.of("..", "README.md").toAbsolutePath(), StandardCharsets.UTF_8);
    int start = readme.indexOf("### Exit codes");
    assertTrue(start >= 0, "README has an exit-code table");
    Map<Integer, String> rows = new TreeMap<>();
    for (String line : readme.substring(start).lines().toList()) {
      if (line.startsWith("## ")) {
        break;
      }
      String[] cells = line.split("\\|");
      if (cells.length >= 4 && cells[1].strip().matches("\\d+")) {
        rows.put(Integer.parseInt(cells[1].strip()), cells[2].strip());
      }
    }
    return rows;
  }

  static Map<Integer, String> exitCodes() throws IllegalAccessException {
    Map<Integer, String> codes = new TreeMap<>();
    for (Field f : ExitCodes.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        codes.put(f.getInt(null), f.getName());
      }
    }
    return codes;
  }

  @Test
  void everyNvrctlCodeIsInTheReadmeAndNothingElse() throws Exception {
    Map<Integer, String> table = readmeTable();
    Map<Integer, String> codes = exitCodes();
    TreeSet<Integer> documented = new TreeSet<>();
    table.forEach(
        (code, cell) -> {
          if (!cell.equals("—")) {
            documented.add(code);
          }
        });
    assertEquals(codes.keySet(), documented, "README rows for nvrctl vs ExitCodes " + codes);
  }

  @Test
  void theNumberingIsTheDocumentedOne() throws Exception {
    Map<Integer, String> codes = exitCodes();
    assertEquals("OK", codes.get(0));
    assertEquals("USAGE", codes.get(1));
    assertEquals("DEVICE", codes.get(2));
    assertEquals("POLICY", codes.get(3));
    assertEquals("AUTH", codes.get(4));
    assertEquals("LOCKED", codes.get(5));
    assertEquals("TLS", codes.get(6));
    assertEquals("JOURNAL", codes.get(7));
    assertEquals("PARTIAL", codes.get(8));
    assertEquals("INTERNAL", codes.get(70));
    Map<Integer, String> table = readmeTable();
    assertTrue(table.get(1).startsWith("usage error"), table.toString());
    assertTrue(table.get(3).contains("policy"), table.toString());
    for (int code : codes.keySet()) {
      if (code != ExitCodes.INTERNAL) {
        assertNotEquals("internal", ExitCodes.name(code), "code " + code + " has a JSON name");
      }
    }
  }

  @Test
  void theHelpFooterListsTheSameCodes() throws Exception {
    Run r = Run.of("--help");
    String footer = r.out().substring(r.out().indexOf("Exit codes:")).replace('\n', ' ');
    for (int code : exitCodes().keySet()) {
      if (code != ExitCodes.INTERNAL) {
        assertTrue(footer.matches(".*\\b" + code + " \\w.*"), code + " in: " + footer);
      }
    }
  }

  @Test
  void aMistypedCommandAndABadValueExitOne() {
    assertEquals(ExitCodes.USAGE, Run.of("idnetity").code());
    assertEquals(ExitCodes.USAGE, Run.of("password", "generate", "--count", "x").code());
  }
}
