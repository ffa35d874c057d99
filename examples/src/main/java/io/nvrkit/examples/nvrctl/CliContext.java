package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.LockoutLedgers;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrKit;
import java.io.Console;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What nvrctl reads from its surroundings: environment variables, stdin and the terminal. Tests
 * supply their own with {@link #of(Map, InputStream)}; {@link #system()} is the real one.
 *
 * <p>Not thread-safe: one instance serves one command execution.
 */
public final class CliContext {
  /** Reads a password from a terminal with echo off; null when no terminal is attached. */
  @FunctionalInterface
  public interface Prompt {
    /**
     * Asks for a secret.
     *
     * @param label what to ask for, such as {@code Password}
     * @return the characters typed, or null at end of input
     */
    char[] readPassword(String label);
  }

  private final Function<String, String> env;
  private final InputStream stdin;
  private final Prompt prompt;
  private final NvrKit kit;
  private final Path defaultLedger;
  private boolean stdinUsed;

  private CliContext(
      Function<String, String> env,
      InputStream stdin,
      Prompt prompt,
      NvrKit kit,
      Path defaultLedger) {
    this.env = env;
    this.stdin = stdin;
    this.prompt = prompt;
    this.kit = kit;
    this.defaultLedger = defaultLedger;
  }

  /**
   * The process's environment, {@code System.in}, and {@link System#console()} for prompts (only
   * when a console is attached).
   *
   * @return the real context
   */
  public static CliContext system() {
    Console console = System.console();
    Prompt p = console == null ? null : label -> console.readPassword("%s: ", label);
    return new CliContext(System::getenv, System.in, p, null, LockoutLedgers.defaultFile());
  }

  /**
   * A context for tests and embedding: no terminal. Its default lockout ledger is {@code
   * $XDG_STATE_HOME/nvrkit/lockout-ledger} if {@code env} sets an absolute {@code XDG_STATE_HOME},
   * else none (a test never writes to the user's home).
   *
   * @param env the environment variables
   * @param stdin what stdin holds
   * @return the context
   */
  public static CliContext of(Map<String, String> env, InputStream stdin) {
    Map<String, String> copy = Map.copyOf(env);
    String xdg = copy.get("XDG_STATE_HOME");
    Path ledger =
        xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
            ? LockoutLedgers.defaultFile(copy, Path.of(xdg))
            : null;
    return new CliContext(copy::get, Objects.requireNonNull(stdin, "stdin"), null, null, ledger);
  }

  /**
   * The same context with a prompt (as if a terminal were attached).
   *
   * @param prompt the prompt
   * @return a new context
   */
  public CliContext withPrompt(Prompt prompt) {
    return new CliContext(env, stdin, prompt, kit, defaultLedger);
  }

  /**
   * The same context with another kit (tests: cheap journal keys, a step hook, their own ledger).
   * The kit's own lockout ledger is used; {@code --lockout-ledger} and {@code --no-lockout-ledger}
   * do not apply.
   *
   * @param nvrKit the kit the commands use
   * @return a new context
   */
  public CliContext withKit(NvrKit nvrKit) {
    return new CliContext(
        env, stdin, prompt, Objects.requireNonNull(nvrKit, "nvrKit"), defaultLedger);
  }

  /**
   * The kit the commands use: the one given with {@link #withKit}, else the default kit (with an
   * in-memory lockout ledger).
   *
   * @return the kit
   */
  public NvrKit kit() {
    return kit != null ? kit : Nvr.defaultKit();
  }

  /**
   * Whether a kit was given with {@link #withKit}.
   *
   * @return true for a given kit
   */
  public boolean hasOwnKit() {
    return kit != null;
  }

  /**
   * The lockout ledger file nvrctl uses when no {@code --lockout-ledger} is given.
   *
   * @return the file, or null when this context has none
   */
  public Path defaultLockoutLedger() {
    return defaultLedger;
  }

  /**
   * An environment variable.
   *
   * @param name its name
   * @return the value, or null if unset
   */
  public String env(String name) {
    return env.apply(name);
  }

  /**
   * Standard input; only one secret per invocation may be read from it.
   *
   * @param option the option asking for it, for the error message
   * @return the stream
   * @throws CliException if stdin was already used for another secret
   */
  public InputStream claimStdin(String option) {
    if (stdinUsed) {
      throw CliException.usage(
          "only one secret can be read from stdin; " + option + " cannot use it as well");
    }
    stdinUsed = true;
    return stdin;
  }

  /**
   * The terminal prompt.
   *
   * @return the prompt, or null when no terminal is attached
   */
  public Prompt prompt() {
    return prompt;
  }
}
