package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.FollowUp;
import io.nvrkit.core.PasswordChangeResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a {@link PasswordChangeResult} (never the password). */
final class ChangeView {
  private ChangeView() {}

  static void print(PrintWriter out, PasswordChangeResult c, Path writtenTo) {
    out.println(
        "Password of '"
            + c.user()
            + "' changed"
            + (c.outcome() == PasswordChangeResult.Outcome.CHANGED_AND_VERIFIED
                ? " and verified with a fresh login"
                : " (not verified)")
            + " in "
            + c.roundTrips()
            + " round trips.");
    if (writtenTo != null) {
      out.println("The new password is in " + writtenTo + " (owner-only); it is not printed.");
    }
    out.println("Still to do:");
    for (FollowUp f : c.followUps()) {
      out.println("  - " + f.where() + ": " + f.action());
    }
    out.flush();
  }

  static Map<String, Object> json(PasswordChangeResult c, Path writtenTo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", true);
    m.put("user", c.user());
    m.put("outcome", c.outcome().name());
    m.put("roundTrips", c.roundTrips());
    m.put("durationMillis", c.duration().toMillis());
    m.put("newPasswordFile", writtenTo == null ? null : writtenTo.toString());
    List<Map<String, String>> fs = new ArrayList<>();
    for (FollowUp f : c.followUps()) {
      Map<String, String> e = new LinkedHashMap<>();
      e.put("where", f.where());
      e.put("action", f.action());
      fs.add(e);
    }
    m.put("followUps", fs);
    return m;
  }
}
