package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a secret comes from. A secret is never a plain argument value: it comes from {@code
 * --NAME-env VAR}, {@code --NAME-file FILE}, {@code --NAME-stdin} (one line), or, when none is
 * given and a terminal is attached, an echo-off prompt.
 *
 * <p>To add a secret to a command, subclass with the three options under your name and use it as an
 * exclusive group (see {@link PasswordInput}):
 *
 * <pre>{@code
 * @ArgGroup(exclusive = true, multiplicity = "0..1")
 * PasswordInput password = new PasswordInput();
 * ...
 * try (Secret pw = password.read(spec)) { ... }
 * }</pre>
 *
 * <p>Files and stdin are read as UTF-8, at most {@value #MAX_BYTES} bytes, and one trailing line
 * break is removed. Error messages name the source, never the content.
 */
public abstract class SecretInput {
  /** The most a secret file or stdin line may hold. */
  public static final int MAX_BYTES = 64 * 1024;

  /** Set by the subclass's {@code --NAME-env} option. */
  protected String env;

  /** Set by the subclass's {@code --NAME-file} option. */
  protected Path file;

  /** Set by the subclass's {@code --NAME-stdin} option. */
  protected boolean stdin;

  private final String name;
  private final String label;

  /**
   * Creates the input.
   *
   * @param name the option stem, such as {@code password} for {@code --password-env}
   * @param label how to ask for it in a prompt, such as {@code Password}
   */
  protected SecretInput(String name, String label) {
    this.name = name;
    this.label = label;
  }

  /**
   * Reads the secret from the chosen source, or prompts for it.
   *
   * @param spec the running command's spec (for the context)
   * @return the secret; the caller closes it
   * @throws CliException (usage) if no source was given and no terminal is attached, or the source
   *     cannot be read
   */
  public Secret read(CommandSpec spec) {
    CliContext ctx = Nvrctl.context(spec);
    if (env != null) {
      return fromEnv(ctx);
    }
    if (file != null) {
      return fromFile();
    }
    if (stdin) {
      return fromStdin(ctx);
    }
    CliContext.Prompt prompt = ctx.prompt();
    if (prompt == null) {
      throw CliException.usage(
          "no "
              + name
              + " given: use --"
              + name
              + "-stdin, --"
              + name
              + "-env VAR or --"
              + name
              + "-file FILE (or run in a terminal to be asked)");
    }
    char[] typed = prompt.readPassword(label);
    if (typed == null || typed.length == 0) {
      throw CliException.usage("no " + name + " typed");
    }
    return Secret.wrap(typed);
  }

  private Secret fromEnv(CliContext ctx) {
    String v = ctx.env(env);
    if (v == null) {
      throw CliException.usage("environment variable " + env + " is not set");
    }
    if (v.isEmpty()) {
      throw CliException.usage("environment variable " + env + " is empty");
    }
    return Secret.of(v);
  }

  private Secret fromFile() {
    byte[] bytes;
    try {
      if (Files.isDirectory(file)) {
        throw CliException.usage("cannot read the " + name + " file " + file + ": a directory");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw CliException.usage(
            "the " + name + " file " + file + " is larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw CliException.usage("cannot read the " + name + " file " + file + ": no such file");
    } catch (AccessDeniedException e) {
      throw CliException.usage("cannot read the " + name + " file " + file + ": permission denied");
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.USAGE,
          "cannot read the " + name + " file " + file + ": " + e.getClass().getSimpleName(),
          e);
    }
    try {
      return decode(bytes, "the " + name + " file " + file);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private Secret fromStdin(CliContext ctx) {
    InputStream in = ctx.claimStdin("--" + name + "-stdin");
    byte[] buf = new byte[MAX_BYTES + 1];
    int n = 0;
    try {
      int b;
      while (n < buf.length && (b = in.read()) >= 0 && b != '\n') {
        buf[n++] = (byte) b;
      }
      if (n > MAX_BYTES) {
        throw CliException.usage(
            "the " + name + " on stdin is longer than " + MAX_BYTES + " bytes");
      }
      return decode(Arrays.copyOf(buf, n), "stdin");
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read stdin", e);
    } finally {
      Arrays.fill(buf, (byte) 0);
    }
  }

  /** Strict UTF-8, one trailing line break removed; wipes its intermediate copies. */
  private Secret decode(byte[] bytes, String source) {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer cb;
    try {
      cb = dec.decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw CliException.usage("the " + name + " in " + source + " is not valid UTF-8");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    int len = cb.remaining();
    if (len > 0 && cb.get(len - 1) == '\n') {
      len--;
    }
    if (len > 0 && cb.get(len - 1) == '\r') {
      len--;
    }
    char[] out = new char[len];
    cb.get(out, 0, len);
    if (cb.hasArray()) {
      Arrays.fill(cb.array(), '\0');
    }
    if (len == 0) {
      throw CliException.usage("the " + name + " in " + source + " is empty");
    }
    return Secret.wrap(out);
  }
}
