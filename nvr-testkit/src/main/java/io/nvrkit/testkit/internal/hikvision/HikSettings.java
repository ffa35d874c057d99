package io.nvrkit.testkit.internal.hikvision;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The Hikvision personality's settings, read from the {@code hikvision.*} options that {@code
 * HikvisionProfile} (or the launcher's {@code --option}) writes. Unknown values fall back to the
 * defaults documented there. Immutable.
 *
 * @param namespace the default namespace URI of answers
 * @param xmlVersion {@code 2.0} or {@code 1.0}
 * @param digest whether Digest is accepted
 * @param basic whether Basic is accepted
 * @param singleUseNonces whether a nonce is good for one request only
 * @param nvr true for a recorder, false for a camera
 * @param activated whether the device starts activated
 * @param loginPasswordRequired whether user writes need {@code loginPassword}
 * @param loginPasswordCounts whether a wrong {@code loginPassword} is an illegal login
 * @param adminLockAttempts a separate threshold for {@code admin}, 0 for none
 * @param sadp whether the SADP responder runs
 * @param sadpMulticast whether it also joins 239.255.255.250:37020 on loopback (where allowed)
 * @param uptime how long the device has run when the fake starts
 * @param successResetsFailures whether a success clears the IP's failure count
 * @param htmlUnauthorized whether a 401 carries the 2017 firmware's HTML page instead of {@code
 *     userCheck}
 */
record HikSettings(
    String namespace,
    String xmlVersion,
    boolean digest,
    boolean basic,
    boolean singleUseNonces,
    boolean nvr,
    boolean activated,
    boolean loginPasswordRequired,
    boolean loginPasswordCounts,
    int adminLockAttempts,
    boolean sadp,
    boolean sadpMulticast,
    Duration uptime,
    boolean successResetsFailures,
    boolean htmlUnauthorized) {

  static final String NS_HIKVISION = "http://www.hikvision.com/ver20/XMLSchema";
  static final String NS_ISAPI = "http://www.isapi.org/ver20/XMLSchema";
  static final String NS_STD_CGI = "http://www.std-cgi.org/ver20/XMLSchema";

  static HikSettings of(Map<String, String> o) {
    String ns =
        switch (o.getOrDefault("hikvision.namespace", "hikvision").toLowerCase(Locale.ROOT)) {
          case "isapi" -> NS_ISAPI;
          case "stdcgi" -> NS_STD_CGI;
          default -> NS_HIKVISION;
        };
    String auth = o.getOrDefault("hikvision.auth", "digest").toLowerCase(Locale.ROOT);
    boolean digest = !auth.equals("basic");
    boolean basic = auth.equals("basic") || auth.equals("digestbasic");
    long up = 3 * 86_400L + 4 * 3600L;
    try {
      up =
          Math.max(0, Long.parseLong(o.getOrDefault("hikvision.uptimeSeconds", Long.toString(up))));
    } catch (NumberFormatException e) {
      // keep the default
    }
    int adminAttempts = 0;
    try {
      adminAttempts =
          Math.max(0, Integer.parseInt(o.getOrDefault("hikvision.adminLockAttempts", "0")));
    } catch (NumberFormatException e) {
      // keep none
    }
    String sadp = o.getOrDefault("hikvision.sadp", "multicast").toLowerCase(Locale.ROOT);
    return new HikSettings(
        ns,
        o.getOrDefault("hikvision.xmlVersion", "2.0").equals("1.0") ? "1.0" : "2.0",
        digest,
        basic,
        flag(o, "hikvision.singleUseNonces", false),
        !o.getOrDefault("hikvision.deviceType", "NVR").equalsIgnoreCase("IPCamera"),
        flag(o, "hikvision.activated", true),
        flag(o, "hikvision.loginPasswordRequired", true),
        flag(o, "hikvision.loginPasswordCounts", true),
        adminAttempts,
        !sadp.equals("off"),
        sadp.equals("multicast"),
        Duration.ofSeconds(up),
        flag(o, "hikvision.successResetsFailures", true),
        o.getOrDefault("hikvision.unauthorizedBody", "userCheck").equalsIgnoreCase("html"));
  }

  private static boolean flag(Map<String, String> o, String name, boolean dflt) {
    String v = o.get(name);
    return v == null ? dflt : Boolean.parseBoolean(v.trim());
  }
}
