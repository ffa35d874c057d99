package io.nvrkit.examples.nvrctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code nvrctl}: the command line of NVR Account Kit.
 *
 * <p>Conventions every command follows:
 *
 * <ul>
 *   <li>a secret is never a plain argument value: see {@link SecretInput};
 *   <li>{@code --json} writes one JSON document to stdout: see {@link JsonOption};
 *   <li>exit codes come from one place, {@link ExitCodes}: 0 success, 1 usage error, 2 device or
 *       network failure, 3 policy violation, 4 authentication failed, 5 account locked, 6 TLS trust
 *       failure, 7 journal error, 8 partly done;
 *   <li>{@code --help} on every command; errors are one line on stderr, without a stack trace
 *       unless {@code --verbose}.
 * </ul>
 *
 * <p>To add a command: write it in its own class ({@code @Command}, {@code Callable<Integer>},
 * {@code @Spec CommandSpec spec}, write to {@code spec.commandLine().getOut()}), then add one line
 * to the {@code subcommands} list below (or to its group's list).
 */
@Command(
    name = "nvrctl",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = Nvrctl.Version.class,
    description = "Identity, password reset and safe password changes for network video recorders.",
    synopsisSubcommandLabel = "COMMAND",
    footer = {
      "",
      "Exit codes: 0 success, 1 usage error, 2 device or network failure,",
      "3 policy violation, 4 authentication failed, 5 account locked,",
      "6 TLS trust failure, 7 journal error, 8 partly done."
    },
    subcommands = {
      // One line per command (or command group); keep each command in its own class.
      PolicyCommand.class,
      PasswordCommand.class,
      ProbeCommand.class,
      IdentityCommand.class,
      UsersCommand.class,
      ChangePasswordCommand.class,
      ResetCommand.class,
      DemoCommand.class,
      DiscoverCommand.class,
      RotateCommand.class,
      JournalCommand.class,
      HelpCommand.class,
    })
public final class Nvrctl {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description =
          "Log the library's DEBUG lines to stderr and show stack traces. Wire and header logs"
              + " stay off.")
  boolean verbose;

  private final CliContext context;

  /**
   * The top command with the process's real context; picocli's generators (shell completion, man
   * pages) instantiate it this way.
   */
  public Nvrctl() {
    this(CliContext.system());
  }

  /**
   * The top command for a context.
   *
   * @param context where secrets and input come from
   */
  public Nvrctl(CliContext context) {
    this.context = context;
  }

  /**
   * Runs nvrctl and exits with its exit code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    if (Arrays.asList(args).contains("--verbose")) {
      // before the first logger is created; wire/header loggers stay off (simplelogger.properties)
      System.setProperty("org.slf4j.simpleLogger.log.io.nvrkit", "debug");
    }
    int code = commandLine(CliContext.system()).execute(args);
    System.exit(code);
  }

  /**
   * A configured command line: exception handlers, exit codes, output conventions. Tests call
   * {@code execute} on it with their own {@code setOut/setErr}.
   *
   * @param context where secrets and input come from
   * @return the command line
   */
  public static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new Nvrctl(context));
    cl.setParameterExceptionHandler(Nvrctl::onParameterException);
    cl.setExecutionExceptionHandler(Nvrctl::onExecutionException);
    cl.setExitCodeExceptionMapper(ExitCodes::of);
    return cl;
  }

  /**
   * The context of the running invocation.
   *
   * @param spec any command's spec
   * @return the context
   */
  public static CliContext context(CommandSpec spec) {
    return ((Nvrctl) spec.root().userObject()).context;
  }

  /**
   * Writes {@code value} (maps, lists, strings, numbers) as JSON to the command's stdout.
   *
   * @param spec the command
   * @param value the document
   */
  public static void printJson(CommandSpec spec, Object value) {
    PrintWriter out = spec.commandLine().getOut();
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.flush();
  }

  private static int onParameterException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = ex.getMessage();
    boolean secretHint = false;
    if (ex instanceof CommandLine.UnmatchedArgumentException u) {
      CommandSpec spec = cmd.getCommandSpec();
      List<String> unmatched = u.getUnmatched();
      String first = unmatched.isEmpty() ? "" : unmatched.get(0);
      if (!first.isEmpty() && !first.startsWith("-") && !spec.subcommands().isEmpty()) {
        // a mistyped command: shown back only when it is close to a real one (never a secret)
        List<String> near = Suggestions.near(first, visibleSubcommands(spec));
        message =
            near.isEmpty()
                ? "unknown command (not shown)"
                : "unknown command '"
                    + first
                    + "'; did you mean "
                    + String.join(" or ", near)
                    + "?";
      } else {
        // never echo unmatched values: a user may have typed a secret as an argument
        List<String> shown =
            unmatched.stream()
                .filter(a -> a.startsWith("-"))
                .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) : a)
                .toList();
        List<String> labels =
            unmatched.stream()
                .filter(a -> a.startsWith("-"))
                .map(a -> a.contains("=") ? a.substring(0, a.indexOf('=')) + "=..." : a)
                .toList();
        message =
            shown.isEmpty()
                ? "unexpected argument (not shown)"
                : "unknown option " + String.join(", ", labels);
        if (!shown.isEmpty()) {
          List<String> near = Suggestions.near(shown.get(0), spec.optionsMap().keySet());
          if (!near.isEmpty()) {
            message += "; did you mean " + String.join(" or ", near) + "?";
          }
        }
        secretHint =
            shown.stream()
                .map(s -> s.toLowerCase(Locale.ROOT))
                .anyMatch(
                    s -> s.contains("password") || s.contains("secret") || s.contains("pass"));
      }
    }
    err.println("nvrctl: " + message);
    if (secretHint) {
      err.println(
          "Secrets are never given as argument values: use --NAME-stdin, --NAME-env VAR or"
              + " --NAME-file FILE, or run in a terminal to be asked.");
    }
    err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    if (Arrays.asList(args).contains("--json")) {
      jsonError(cmd.getOut(), ExitCodes.USAGE, message);
    }
    return ExitCodes.USAGE;
  }

  private static List<String> visibleSubcommands(CommandSpec spec) {
    List<String> names = new java.util.ArrayList<>();
    spec.subcommands()
        .forEach(
            (name, sub) -> {
              if (!sub.getCommandSpec().usageMessage().hidden()) {
                names.add(name);
              }
            });
    return names;
  }

  private static int onExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    int code = ExitCodes.of(ex);
    String message;
    if (code == ExitCodes.INTERNAL) {
      message = "internal error: " + ex.getClass().getName() + ": " + ex.getMessage();
    } else {
      message = ex.getMessage();
    }
    PrintWriter err = cmd.getErr();
    err.println("nvrctl: " + message);
    Nvrctl root = (Nvrctl) cmd.getCommandSpec().root().userObject();
    if (root.verbose) {
      ex.printStackTrace(err);
    } else if (code == ExitCodes.INTERNAL) {
      err.println("Run again with --verbose for the stack trace.");
    }
    err.flush();
    if (jsonRequested(parseResult)) {
      jsonError(cmd.getOut(), code, message);
    }
    return code;
  }

  private static boolean jsonRequested(ParseResult pr) {
    for (ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--json")) {
        return true;
      }
    }
    return false;
  }

  private static void jsonError(PrintWriter out, int code, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", false);
    m.put("exitCode", code);
    m.put("error", ExitCodes.name(code));
    m.put("message", message);
    try {
      out.println(JSON.writeValueAsString(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.flush();
  }

  /**
   * The version and the git commit the build recorded ({@code build.properties} next to this
   * class), such as {@code nvrctl 0.1.0 (commit 0123456789ab)}; {@code dev} and {@code unknown}
   * when run from classes the build did not prepare or from sources without git.
   */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      java.util.Properties p = new java.util.Properties();
      try (java.io.InputStream in = Nvrctl.class.getResourceAsStream("build.properties")) {
        if (in != null) {
          p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
      } catch (java.io.IOException e) {
        // shown as unknown below
      }
      String manifest = Nvrctl.class.getPackage().getImplementationVersion();
      String version = p.getProperty("version", manifest == null ? "dev" : manifest);
      String commit = p.getProperty("commit", "").strip();
      return new String[] {
        "nvrctl " + version + " (commit " + (commit.isEmpty() ? "unknown" : commit) + ")"
      };
    }
  }
}
