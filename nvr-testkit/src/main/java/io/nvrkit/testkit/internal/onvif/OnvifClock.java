package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.internal.onvif.SoapWriter.el;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The ONVIF clock operations ({@code GetSystemDateAndTime}, {@code SetSystemDateAndTime}) over the
 * fake's clock and zone; remembers the POSIX TZ text a client set so it reads back unchanged.
 * Thread-safe.
 */
final class OnvifClock {
  private final OnvifDevice device;
  private volatile Map.Entry<ZoneId, String> clientTz;

  OnvifClock(OnvifDevice device) {
    this.device = device;
  }

  String systemDateAndTime() {
    Instant now = device.now();
    ZoneId zone = device.zone();
    LocalDateTime utc = LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
    LocalDateTime local = LocalDateTime.ofInstant(now, zone);
    return "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
        + "<tt:DateTimeType>Manual</tt:DateTimeType>"
        + el("tt:DaylightSavings", Boolean.toString(zone.getRules().isDaylightSavings(now)))
        + "<tt:TimeZone>"
        + el("tt:TZ", tzText(zone, now))
        + "</tt:TimeZone>"
        + "<tt:UTCDateTime>"
        + dateTime(utc)
        + "</tt:UTCDateTime><tt:LocalDateTime>"
        + dateTime(local)
        + "</tt:LocalDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
  }

  private String tzText(ZoneId zone, Instant now) {
    Map.Entry<ZoneId, String> set = clientTz;
    return set != null && set.getKey().equals(zone) ? set.getValue() : PosixTz.of(zone, now);
  }

  private static String dateTime(LocalDateTime t) {
    return "<tt:Time>"
        + el("tt:Hour", Integer.toString(t.getHour()))
        + el("tt:Minute", Integer.toString(t.getMinute()))
        + el("tt:Second", Integer.toString(t.getSecond()))
        + "</tt:Time><tt:Date>"
        + el("tt:Year", Integer.toString(t.getYear()))
        + el("tt:Month", Integer.toString(t.getMonthValue()))
        + el("tt:Day", Integer.toString(t.getDayOfMonth()))
        + "</tt:Date>";
  }

  /**
   * SetSystemDateAndTime: Manual with UTCDateTime sets the fake clock; a TimeZone changes the zone
   * (a fixed-offset POSIX TZ, or one that names a zone's rules exactly as GetSystemDateAndTime
   * writes them). NTP is refused with {@code ter:NtpServerUndefined} (the fake has no NTP server).
   */
  void setSystemDateAndTime(XmlNode op) {
    String type =
        op.child(Ns.TDS, "DateTimeType")
            .map(n -> n.text().strip())
            .orElseThrow(() -> SoapFault.sender("DateTimeType is required", "InvalidArgs"));
    if (!type.equals("Manual") && !type.equals("NTP")) {
      throw SoapFault.sender("Invalid DateTimeType", "InvalidArgVal");
    }
    Instant now = device.now();
    ZoneId zone = null;
    Optional<XmlNode> tz = op.child(Ns.TDS, "TimeZone").flatMap(t -> t.child(Ns.TT, "TZ"));
    if (tz.isPresent()) {
      zone =
          PosixTz.parse(tz.get().text(), now)
              .orElseThrow(
                  () ->
                      SoapFault.sender(
                          "The suggested time zone is not supported",
                          "InvalidArgVal",
                          "InvalidTimeZone"));
    }
    Instant utc = null;
    if (type.equals("NTP")) {
      throw SoapFault.sender("NTP server is not defined", "InvalidArgVal", "NtpServerUndefined");
    }
    XmlNode dt =
        op.child(Ns.TDS, "UTCDateTime")
            .orElseThrow(
                () ->
                    SoapFault.sender(
                        "UTCDateTime is required for Manual", "InvalidArgVal", "InvalidDateTime"));
    try {
      XmlNode t = dt.child(Ns.TT, "Time").orElseThrow();
      XmlNode d = dt.child(Ns.TT, "Date").orElseThrow();
      utc =
          LocalDateTime.of(
                  intOf(d, "Year"),
                  intOf(d, "Month"),
                  intOf(d, "Day"),
                  intOf(t, "Hour"),
                  intOf(t, "Minute"),
                  intOf(t, "Second"))
              .toInstant(java.time.ZoneOffset.UTC);
    } catch (RuntimeException e) {
      throw SoapFault.sender(
          "An invalid date or time was specified", "InvalidArgVal", "InvalidDateTime");
    }
    if (utc.isBefore(Instant.parse("1970-01-01T00:00:00Z"))
        || utc.isAfter(Instant.parse("2099-12-31T23:59:59Z"))) {
      throw SoapFault.sender(
          "An invalid date or time was specified", "InvalidArgVal", "InvalidDateTime");
    }
    if (zone != null) {
      device.setZone(zone);
      clientTz = Map.entry(zone, tz.get().text().strip());
    }
    device.setTime(utc);
  }

  private static int intOf(XmlNode parent, String local) {
    return Integer.parseInt(parent.child(Ns.TT, local).orElseThrow().text().strip());
  }
}
