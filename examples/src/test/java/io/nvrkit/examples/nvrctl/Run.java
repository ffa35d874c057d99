package io.nvrkit.examples.nvrctl;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs nvrctl in-process with captured stdout/stderr. */
record Run(int code, String out, String err) {
  static Run of(String... args) {
    return with(Map.of(), "", args);
  }

  static Run stdin(String stdin, String... args) {
    return with(Map.of(), stdin, args);
  }

  static Run with(Map<String, String> env, String stdin, String... args) {
    return with(
        CliContext.of(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
            .withKit(io.nvrkit.examples.TestKits.KIT),
        args);
  }

  static Run with(CliContext ctx, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cl = Nvrctl.commandLine(ctx);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  String all() {
    return out + err;
  }
}
