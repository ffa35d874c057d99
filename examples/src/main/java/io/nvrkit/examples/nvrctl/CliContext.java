package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrKit;
import java.io.Console;
import java.io.InputStream;
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
  private boolean stdinUsed;

  private CliContext(Function<String, String> env, InputStream stdin, Prompt prompt, NvrKit kit) {
    this.env = env;
    this.stdin = stdin;
    this.prompt = prompt;
    this.kit = kit;
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
    return new CliContext(System::getenv, System.in, p, null);
  }

  /**
   * A context for tests and embedding: no terminal.
   *
   * @param env the environment variables
   * @param stdin what stdin holds
   * @return the context
   */
  public static CliContext of(Map<String, String> env, InputStream stdin) {
    Map<String, String> copy = Map.copyOf(env);
    return new CliContext(copy::get, Objects.requireNonNull(stdin, "stdin"), null, null);
  }

  /**
   * The same context with a prompt (as if a terminal were attached).
   *
   * @param prompt the prompt
   * @return a new context
   */
  public CliContext withPrompt(Prompt prompt) {
    return new CliContext(env, stdin, prompt, kit);
  }

  /**
   * The same context with another kit (tests: cheap journal keys, a step hook, their own ledger).
   *
   * @param nvrKit the kit the commands use
   * @return a new context
   */
  public CliContext withKit(NvrKit nvrKit) {
    return new CliContext(env, stdin, prompt, Objects.requireNonNull(nvrKit, "nvrKit"));
  }

  /**
   * The kit the commands use: the one given with {@link #withKit}, else the default kit.
   *
   * @return the kit
   */
  public NvrKit kit() {
    return kit != null ? kit : Nvr.defaultKit();
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
