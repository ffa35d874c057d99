package io.nvrkit.examples.nvrctl;

import picocli.CommandLine.Option;

/**
 * The {@code --json} convention, as a mixin: {@code @Mixin JsonOption json;}. With {@code --json} a
 * command writes exactly one JSON document to stdout (also on failure: {@code {"ok": false,
 * "exitCode": N, "error": "...", "message": "..."}}); without it, text for people. Human messages
 * and errors always go to stderr as well.
 */
public final class JsonOption {
  @Option(names = "--json", description = "Write machine-readable JSON to stdout instead of text.")
  boolean json;

  /**
   * Whether JSON output was asked for.
   *
   * @return true with {@code --json}
   */
  public boolean enabled() {
    return json;
  }
}
