package io.nvrkit.onvif.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Device answers for tests, written after onvif-schemas/samples/*.xml (the same content; the
 * samples validate against the official schemas).
 */
public final class Fixtures {
  private Fixtures() {}

  /** Wraps body content in an envelope declaring env, tds, tt and ter. */
  public static String envelope(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
        + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\""
        + " xmlns:tt=\"http://www.onvif.org/ver10/schema\""
        + " xmlns:ter=\"http://www.onvif.org/ver10/error\">"
        + "<env:Body>"
        + body
        + "</env:Body></env:Envelope>";
  }

  /** A fault: Code value and subcode values such as {@code ter:NotAuthorized}. */
  public static String fault(String code, String... subcodes) {
    StringBuilder sb =
        new StringBuilder("<env:Fault><env:Code><env:Value>" + code + "</env:Value>");
    for (String s : subcodes) {
      sb.append("<env:Subcode><env:Value>").append(s).append("</env:Value>");
    }
    sb.append("</env:Subcode>".repeat(subcodes.length));
    sb.append("</env:Code><env:Reason><env:Text xml:lang=\"en\">fault</env:Text></env:Reason>");
    sb.append("</env:Fault>");
    return envelope(sb.toString());
  }

  /** GetSystemDateAndTimeResponse for a UTC instant (local = UTC+8, TZ CST-8). */
  public static String systemDateAndTime(Instant utc) {
    ZonedDateTime u = utc.atZone(ZoneOffset.UTC);
    ZonedDateTime l = utc.atZone(ZoneOffset.ofHours(8));
    return envelope(
        "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
            + "<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>"
            + "<tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone>"
            + "<tt:UTCDateTime>"
            + dt(u)
            + "</tt:UTCDateTime><tt:LocalDateTime>"
            + dt(l)
            + "</tt:LocalDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>");
  }

  private static String dt(ZonedDateTime t) {
    return "<tt:Time><tt:Hour>"
        + t.getHour()
        + "</tt:Hour><tt:Minute>"
        + t.getMinute()
        + "</tt:Minute><tt:Second>"
        + t.getSecond()
        + "</tt:Second></tt:Time><tt:Date><tt:Year>"
        + t.getYear()
        + "</tt:Year><tt:Month>"
        + t.getMonthValue()
        + "</tt:Month><tt:Day>"
        + t.getDayOfMonth()
        + "</tt:Day></tt:Date>";
  }

  public static final String GET_SYSTEM_DATE_AND_TIME =
      systemDateAndTime(Instant.parse("2024-05-01T04:00:07Z"));

  public static final String GET_DEVICE_INFORMATION =
      envelope(
          "<tds:GetDeviceInformationResponse><tds:Manufacturer>ExampleVendor</tds:Manufacturer>"
              + "<tds:Model>NVR-1608</tds:Model>"
              + "<tds:FirmwareVersion>V4.30.085 build 210816</tds:FirmwareVersion>"
              + "<tds:SerialNumber>NVR16082021CCRRF12345678</tds:SerialNumber>"
              + "<tds:HardwareId>0x88</tds:HardwareId></tds:GetDeviceInformationResponse>");

  public static final String GET_NETWORK_INTERFACES =
      envelope(
          "<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token=\"eth0\">"
              + "<tt:Enabled>true</tt:Enabled><tt:Info><tt:Name>eth0</tt:Name>"
              + "<tt:HwAddress>44:19:b6:12:34:56</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info>"
              + "<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual>"
              + "<tt:Address>192.0.2.64</tt:Address><tt:PrefixLength>24</tt:PrefixLength>"
              + "</tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4>"
              + "</tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>");

  public static final String GET_HOSTNAME =
      envelope(
          "<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP>"
              + "<tt:Name>nvr-lobby</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>");

  public static final String GET_SCOPES =
      envelope(
          "<tds:GetScopesResponse>"
              + "<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef>"
              + "<tt:ScopeItem>onvif://www.onvif.org/hardware/NVR-1608</tt:ScopeItem></tds:Scopes>"
              + "<tds:Scopes><tt:ScopeDef>Configurable</tt:ScopeDef>"
              + "<tt:ScopeItem>onvif://www.onvif.org/name/ExampleVendor</tt:ScopeItem></tds:Scopes>"
              + "</tds:GetScopesResponse>");

  /** GetServicesResponse with the given Security attributes. */
  public static String getServices(String securityAttributes) {
    return envelope(
        "<tds:GetServicesResponse><tds:Service>"
            + "<tds:Namespace>http://www.onvif.org/ver10/device/wsdl</tds:Namespace>"
            + "<tds:XAddr>http://192.0.2.64/onvif/device_service</tds:XAddr>"
            + "<tds:Capabilities><tds:Capabilities>"
            + "<tds:Network IPFilter=\"false\" ZeroConfiguration=\"false\" IPVersion6=\"false\""
            + " DynDNS=\"false\"/>"
            + "<tds:Security "
            + securityAttributes
            + "/>"
            + "<tds:System DiscoveryResolve=\"true\" DiscoveryBye=\"true\""
            + " RemoteDiscovery=\"false\" SystemBackup=\"false\" SystemLogging=\"false\""
            + " HttpFirmwareUpgrade=\"false\"/>"
            + "</tds:Capabilities></tds:Capabilities>"
            + "<tds:Version><tt:Major>19</tt:Major><tt:Minor>6</tt:Minor></tds:Version>"
            + "</tds:Service><tds:Service>"
            + "<tds:Namespace>http://www.onvif.org/ver10/media/wsdl</tds:Namespace>"
            + "<tds:XAddr>http://192.0.2.64/onvif/Media</tds:XAddr>"
            + "<tds:Version><tt:Major>18</tt:Major><tt:Minor>12</tt:Minor></tds:Version>"
            + "</tds:Service></tds:GetServicesResponse>");
  }

  public static final String GET_SERVICES =
      getServices(
          "UsernameToken=\"true\" HttpDigest=\"true\" MaxUsers=\"16\" MaxUserNameLength=\"32\""
              + " MaxPasswordLength=\"16\" SecurityPolicies=\"ModifyPassword\"");

  public static final String GET_USERS =
      envelope(
          "<tds:GetUsersResponse>"
              + "<tds:User><tt:Username>admin</tt:Username>"
              + "<tt:UserLevel>Administrator</tt:UserLevel></tds:User>"
              + "<tds:User><tt:Username>operator1</tt:Username>"
              + "<tt:UserLevel>Operator</tt:UserLevel></tds:User>"
              + "<tds:User><tt:Username>viewer</tt:Username><tt:UserLevel>User</tt:UserLevel>"
              + "</tds:User></tds:GetUsersResponse>");

  public static final String NOT_AUTHORIZED = fault("env:Sender", "ter:NotAuthorized");
}
