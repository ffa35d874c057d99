package io.nvrkit.core.internal.rotation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.Secret;
import io.nvrkit.core.TlsTrust;
import io.nvrkit.core.rotation.InventoryException;
import io.nvrkit.core.rotation.RotationTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads an inventory (CSV or JSON) into {@link RotationTarget}s. Passwords go from the file's bytes
 * into {@link Secret}s without becoming Strings (CSV); every buffer is wiped. Never puts a password
 * into an exception message.
 */
public final class InventoryReader {
  private static final long MAX_BYTES = 64L * 1024 * 1024;

  private InventoryReader() {}

  /**
   * Reads {@code file}.
   *
   * @param file CSV, or JSON if the name ends in {@code .json}
   * @param env variable look-up for {@code env:NAME}
   * @return the targets
   */
  public static List<RotationTarget> read(Path file, Function<String, String> env) {
    checkPermissions(file);
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InventoryException(file + ": inventory larger than 64 MiB", null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InventoryException(file + ": no such inventory file", null);
    } catch (IOException e) {
      throw new InventoryException(file + ": cannot read inventory", e);
    }
    try {
      return parse(file, bytes, env);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Parses inventory bytes already read from {@code file} (which names the format and appears in
   * messages; it is not read). Every failure is an {@link InventoryException}.
   *
   * @param file the file the bytes came from: JSON if the name ends in {@code .json}, else CSV
   * @param bytes the content; not modified
   * @param env variable look-up for {@code env:NAME}
   * @return the targets
   * @throws InventoryException if the content is not a valid inventory
   */
  public static List<RotationTarget> parse(Path file, byte[] bytes, Function<String, String> env) {
    if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      return readJson(file, bytes, env);
    }
    char[] chars = decode(file, bytes);
    try {
      return readCsv(file, chars, env);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Refuses a file readable (or writable) by group or others where permissions are POSIX.
   *
   * @param file the file
   */
  public static void checkPermissions(Path file) {
    PosixFileAttributeView view =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return;
    }
    Set<PosixFilePermission> perms;
    try {
      perms = view.readAttributes().permissions();
    } catch (NoSuchFileException e) {
      throw new InventoryException(file + ": no such inventory file", null);
    } catch (IOException e) {
      throw new InventoryException(file + ": cannot read permissions", e);
    }
    for (PosixFilePermission p : perms) {
      String n = p.name();
      if (n.startsWith("GROUP_") || n.startsWith("OTHERS_")) {
        throw new InventoryException(
            file
                + ": inventory holds passwords but is accessible by group or others ("
                + java.nio.file.attribute.PosixFilePermissions.toString(perms)
                + "); run: chmod 600 "
                + file,
            null);
      }
    }
  }

  private static char[] decode(Path file, byte[] bytes) {
    try {
      CharBuffer cb =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      char[] c = new char[cb.remaining()];
      cb.get(c);
      if (cb.hasArray()) {
        Arrays.fill(cb.array(), '\0');
      }
      return c;
    } catch (CharacterCodingException e) {
      throw new InventoryException(file + ": inventory is not valid UTF-8", null);
    }
  }

  private static List<RotationTarget> readCsv(Path file, char[] c, Function<String, String> env) {
    List<RotationTarget> out = new ArrayList<>();
    Map<String, Integer> columns = null;
    int pos = 0;
    int line = 0;
    if (c.length > 0 && c[0] == '\uFEFF') {
      pos = 1;
    }
    while (pos < c.length) {
      line++;
      List<char[]> fields = new ArrayList<>();
      pos = parseLine(file, line, c, pos, fields);
      try {
        if (fields.isEmpty()
            || (fields.size() == 1 && fields.get(0).length == 0)
            || (fields.get(0).length > 0 && fields.get(0)[0] == '#')) {
          continue;
        }
        if (columns == null) {
          columns = new HashMap<>();
          for (int i = 0; i < fields.size(); i++) {
            columns.put(new String(fields.get(i)).trim().toLowerCase(Locale.ROOT), i);
          }
          for (String req : List.of("url", "vendor", "user", "password")) {
            if (!columns.containsKey(req)) {
              throw new InventoryException(
                  file + ": header line must name the columns url,vendor,user,password", null);
            }
          }
          continue;
        }
        out.add(target(file, line, fields, columns, env));
      } finally {
        for (char[] f : fields) {
          Arrays.fill(f, '\0');
        }
      }
    }
    if (columns == null) {
      throw new InventoryException(file + ": empty inventory", null);
    }
    return out;
  }

  private static RotationTarget target(
      Path file,
      int line,
      List<char[]> fields,
      Map<String, Integer> columns,
      Function<String, String> env) {
    String where = file + " line " + line;
    String url = text(fields, columns, "url");
    String vendor = text(fields, columns, "vendor");
    String user = text(fields, columns, "user");
    String tls = text(fields, columns, "tls");
    Integer pi = columns.get("password");
    char[] pw = pi < fields.size() ? fields.get(pi) : new char[0];
    return build(where, url, vendor, user, tls, pw, env);
  }

  private static RotationTarget build(
      String where,
      String url,
      String vendor,
      String user,
      String tls,
      char[] password,
      Function<String, String> env) {
    if (url.isEmpty() || vendor.isEmpty() || user.isEmpty()) {
      throw new InventoryException(where + ": url, vendor and user are required", null);
    }
    if (password.length == 0) {
      throw new InventoryException(where + ": password is empty", null);
    }
    DeviceEndpoint.Builder eb;
    try {
      eb = DeviceEndpoint.builder(url);
    } catch (IllegalArgumentException e) {
      throw new InventoryException(where + ": " + e.getMessage(), null);
    }
    eb.tlsTrust(trust(where, tls));
    Secret secret;
    if (startsWith(password, "env:")) {
      String name = new String(password, 4, password.length - 4).trim();
      String value = env.apply(name);
      if (value == null || value.isEmpty()) {
        throw new InventoryException(
            where + ": environment variable " + name + " is not set or empty", null);
      }
      secret = Secret.of(value);
    } else {
      secret = Secret.of(password);
    }
    try {
      return RotationTarget.of(eb.build(), vendor, user, secret);
    } catch (IllegalArgumentException e) {
      throw new InventoryException(where + ": " + e.getMessage(), null);
    }
  }

  /**
   * Parses a {@code tls} inventory value.
   *
   * @param where for messages
   * @param tls {@code system}, {@code insecure}, {@code pin:BASE64} or empty
   * @return the trust
   */
  public static TlsTrust trust(String where, String tls) {
    String t = tls == null ? "" : tls.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("system")) {
      return TlsTrust.system();
    }
    if (t.equalsIgnoreCase("insecure")) {
      return TlsTrust.insecure();
    }
    if (t.regionMatches(true, 0, "pin:", 0, 4)) {
      try {
        return TlsTrust.pinned(t.substring(4).trim());
      } catch (IllegalArgumentException e) {
        throw new InventoryException(where + ": bad tls pin: " + e.getMessage(), null);
      }
    }
    throw new InventoryException(
        where + ": tls must be system, insecure or pin:<sha256 base64>", null);
  }

  /**
   * The inventory spelling of a trust, for the journal.
   *
   * @param t the trust
   * @return {@code system}, {@code insecure} or {@code pin:...}
   */
  public static String trustText(TlsTrust t) {
    if (t instanceof TlsTrust.Pinned) {
      return "pin:" + ((TlsTrust.Pinned) t).sha256Base64();
    }
    if (t instanceof TlsTrust.Insecure) {
      return "insecure";
    }
    return "system";
  }

  private static boolean startsWith(char[] c, String prefix) {
    if (c.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (c[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String text(List<char[]> fields, Map<String, Integer> columns, String name) {
    Integer i = columns.get(name);
    if (i == null || i >= fields.size()) {
      return "";
    }
    return new String(fields.get(i)).trim();
  }

  /**
   * Parses one CSV record (RFC 4180 quoting) starting at {@code pos}; returns the next position.
   */
  private static int parseLine(Path file, int line, char[] c, int pos, List<char[]> fields) {
    char[] cur = new char[64];
    int len = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    int i = pos;
    while (i < c.length) {
      char ch = c[i];
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < c.length && c[i + 1] == '"') {
            cur = put(cur, len++, '"');
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        cur = put(cur, len++, ch);
        i++;
        continue;
      }
      if (ch == '"' && len == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
        i++;
        continue;
      }
      if (ch == ',') {
        fields.add(Arrays.copyOf(cur, len));
        Arrays.fill(cur, '\0');
        len = 0;
        wasQuoted = false;
        i++;
        continue;
      }
      if (ch == '\r' || ch == '\n') {
        i++;
        if (ch == '\r' && i < c.length && c[i] == '\n') {
          i++;
        }
        break;
      }
      cur = put(cur, len++, ch);
      i++;
    }
    if (quoted) {
      Arrays.fill(cur, '\0');
      throw new InventoryException(file + " line " + line + ": unterminated quote", null);
    }
    fields.add(Arrays.copyOf(cur, len));
    Arrays.fill(cur, '\0');
    return i;
  }

  private static char[] put(char[] buf, int at, char ch) {
    char[] b = buf;
    if (at >= b.length) {
      b = Arrays.copyOf(buf, buf.length * 2);
      Arrays.fill(buf, '\0');
    }
    b[at] = ch;
    return b;
  }

  private static List<RotationTarget> readJson(
      Path file, byte[] bytes, Function<String, String> env) {
    List<RotationTarget> out = new ArrayList<>();
    JsonFactory f = new JsonFactory();
    try (JsonParser p = f.createParser(bytes)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT) {
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if ("devices".equals(name)) {
            found = true;
            break;
          }
          p.skipChildren();
        }
        if (!found) {
          throw new InventoryException(file + ": JSON inventory has no \"devices\" array", null);
        }
        t = p.currentToken();
      }
      if (t != JsonToken.START_ARRAY) {
        throw new InventoryException(
            file + ": JSON inventory must be an array of devices or {\"devices\": [...]}", null);
      }
      int index = 0;
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String where =
            file + " device #" + index++ + " (line " + p.currentLocation().getLineNr() + ")";
        Map<String, String> values = new HashMap<>();
        char[] password = new char[0];
        try {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName().toLowerCase(Locale.ROOT);
            JsonToken v = p.nextToken();
            if (v != JsonToken.VALUE_STRING) {
              if (v.isStructStart()) {
                p.skipChildren();
              }
              continue;
            }
            if ("password".equals(name)) {
              Arrays.fill(password, '\0');
              password =
                  Arrays.copyOfRange(
                      p.getTextCharacters(),
                      p.getTextOffset(),
                      p.getTextOffset() + p.getTextLength());
            } else {
              values.put(name, p.getText());
            }
          }
          out.add(
              build(
                  where,
                  values.getOrDefault("url", "").trim(),
                  values.getOrDefault("vendor", "").trim(),
                  values.getOrDefault("user", "").trim(),
                  values.getOrDefault("tls", ""),
                  password,
                  env));
        } finally {
          Arrays.fill(password, '\0');
        }
      }
    } catch (IOException e) {
      throw new InventoryException(file + ": malformed JSON inventory at line " + lineOf(e), null);
    }
    return out;
  }

  private static int lineOf(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
      com.fasterxml.jackson.core.JsonLocation l =
          ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation();
      return l == null ? -1 : l.getLineNr();
    }
    return -1;
  }
}
