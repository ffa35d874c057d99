package io.nvrkit.testkit.internal.onvif;

import static io.nvrkit.testkit.internal.onvif.SoapWriter.el;

import io.nvrkit.testkit.internal.engine.FakeRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The ONVIF read answers that describe the device rather than its accounts or clock: services,
 * capabilities, network interfaces and scopes. Thread-safe.
 */
final class OnvifAnswers {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final OnvifDevice device;
  private final OnvifSettings settings;
  private final java.util.function.Supplier<List<String>> scopeItems;

  OnvifAnswers(
      OnvifDevice device,
      OnvifSettings settings,
      java.util.function.Supplier<List<String>> scopeItems) {
    this.device = device;
    this.settings = settings;
    this.scopeItems = scopeItems;
  }

  String serviceCapabilities() {
    StringBuilder sec = new StringBuilder("<tds:Security");
    sec.append(" TLS1.0=\"false\" TLS1.1=\"false\" TLS1.2=\"true\"")
        .append(" OnboardKeyGeneration=\"false\" AccessPolicyConfig=\"false\"")
        .append(" DefaultAccessPolicy=\"true\" Dot1X=\"false\" RemoteUserHandling=\"false\"")
        .append(" X.509Token=\"false\" SAMLToken=\"false\" KerberosToken=\"false\"")
        .append(" UsernameToken=\"")
        .append(settings.usernameToken())
        .append("\" HttpDigest=\"")
        .append(settings.httpDigest())
        .append("\" RELToken=\"false\"")
        .append(" MaxUsers=\"")
        .append(settings.maxUsers())
        .append("\" MaxUserNameLength=\"")
        .append(settings.maxUserNameLength())
        .append("\" MaxPasswordLength=\"")
        .append(settings.maxPasswordLength())
        .append('"');
    if (settings.modifyPassword()) {
      sec.append(" SecurityPolicies=\"ModifyPassword\"");
    }
    if (settings.httpDigest()) {
      sec.append(" HashingAlgorithms=\"")
          .append(String.join(" ", settings.digestAlgorithms()))
          .append('"');
    }
    sec.append("/>");
    return "<tds:Network IPFilter=\"false\" ZeroConfiguration=\"false\" IPVersion6=\"false\""
        + " DynDNS=\"false\" Dot11Configuration=\"false\" HostnameFromDHCP=\"false\" NTP=\"0\"/>"
        + sec
        + "<tds:System DiscoveryResolve=\""
        + !settings.discovery().equals("off")
        + "\" DiscoveryBye=\"false\" RemoteDiscovery=\"false\""
        + " SystemBackup=\"false\" SystemLogging=\"false\" FirmwareUpgrade=\"false\""
        + " HttpFirmwareUpgrade=\"false\" HttpSystemBackup=\"false\" HttpSystemLogging=\"false\""
        + " HttpSupportInformation=\"false\"/>";
  }

  String services(String base, XmlNode op) {
    boolean include =
        op.child(Ns.TDS, "IncludeCapability")
            .map(n -> n.text().strip())
            .map(v -> v.equals("true") || v.equals("1"))
            .orElse(false);
    return "<tds:GetServicesResponse><tds:Service>"
        + el("tds:Namespace", Ns.TDS)
        + el("tds:XAddr", base + OnvifPersonality.DEVICE_PATH)
        + (include
            ? "<tds:Capabilities><tds:Capabilities>"
                + serviceCapabilities()
                + "</tds:Capabilities></tds:Capabilities>"
            : "")
        + "<tds:Version><tt:Major>16</tt:Major><tt:Minor>12</tt:Minor></tds:Version>"
        + "</tds:Service>"
        + otherService(base, Ns.MEDIA)
        + otherService(base, "http://www.onvif.org/ver10/events/wsdl")
        + "</tds:GetServicesResponse>";
  }

  private static String otherService(String base, String namespace) {
    return "<tds:Service>"
        + el("tds:Namespace", namespace)
        + el("tds:XAddr", base + OnvifPersonality.OTHER_SERVICES.get(namespace))
        + "<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>";
  }

  String capabilities(String base, XmlNode op) {
    for (XmlNode c : op.children(Ns.TDS, "Category")) {
      String cat = c.text().strip();
      if (!cat.equals("All") && !cat.equals("Device")) {
        throw SoapFault.receiver(
            "The requested service is not supported", "ActionNotSupported", "NoSuchService");
      }
    }
    return "<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device>"
        + el("tt:XAddr", base + OnvifPersonality.DEVICE_PATH)
        + "<tt:Network><tt:IPFilter>false</tt:IPFilter><tt:ZeroConfiguration>false</tt:ZeroConfiguration>"
        + "<tt:IPVersion6>false</tt:IPVersion6><tt:DynDNS>false</tt:DynDNS></tt:Network>"
        + "<tt:System><tt:DiscoveryResolve>"
        + !settings.discovery().equals("off")
        + "</tt:DiscoveryResolve><tt:DiscoveryBye>false</tt:DiscoveryBye>"
        + "<tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false</tt:SystemBackup>"
        + "<tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>false</tt:FirmwareUpgrade>"
        + "<tt:SupportedVersions><tt:Major>16</tt:Major><tt:Minor>12</tt:Minor></tt:SupportedVersions>"
        + "<tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tt:SupportedVersions>"
        + "</tt:System>"
        + "<tt:Security><tt:TLS1.1>false</tt:TLS1.1><tt:TLS1.2>true</tt:TLS1.2>"
        + "<tt:OnboardKeyGeneration>false</tt:OnboardKeyGeneration><tt:AccessPolicyConfig>false</tt:AccessPolicyConfig>"
        + "<tt:X.509Token>false</tt:X.509Token><tt:SAMLToken>false</tt:SAMLToken>"
        + "<tt:KerberosToken>false</tt:KerberosToken><tt:RELToken>false</tt:RELToken></tt:Security>"
        + "</tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse>";
  }

  String networkInterfaces(FakeRequest request) {
    String host = request.header("host").map(String::strip).orElse("");
    int colon = host.indexOf(':');
    String ip = colon < 0 ? host : host.substring(0, colon);
    if (!IPV4.matcher(ip).matches()) {
      ip = "127.0.0.1";
    }
    return "<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token=\"eth0\">"
        + "<tt:Enabled>true</tt:Enabled><tt:Info><tt:Name>eth0</tt:Name>"
        + el("tt:HwAddress", device.mac())
        + "<tt:MTU>1500</tt:MTU></tt:Info>"
        + "<tt:Link><tt:AdminSettings><tt:AutoNegotiation>true</tt:AutoNegotiation><tt:Speed>100</tt:Speed>"
        + "<tt:Duplex>Full</tt:Duplex></tt:AdminSettings><tt:OperSettings><tt:AutoNegotiation>true</tt:AutoNegotiation>"
        + "<tt:Speed>100</tt:Speed><tt:Duplex>Full</tt:Duplex></tt:OperSettings>"
        + "<tt:InterfaceType>6</tt:InterfaceType></tt:Link>"
        + "<tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config><tt:Manual>"
        + el("tt:Address", ip)
        + "<tt:PrefixLength>24</tt:PrefixLength></tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4>"
        + "</tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>";
  }

  String scopes() {
    StringBuilder sb = new StringBuilder("<tds:GetScopesResponse>");
    List<String> items = scopeItems.get();
    for (int i = 0; i < items.size(); i++) {
      sb.append("<tds:Scopes><tt:ScopeDef>")
          .append(i < OnvifPersonality.FIXED_SCOPES ? "Fixed" : "Configurable")
          .append("</tt:ScopeDef>")
          .append(el("tt:ScopeItem", items.get(i)))
          .append("</tds:Scopes>");
    }
    return sb.append("</tds:GetScopesResponse>").toString();
  }
}
