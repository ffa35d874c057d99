package io.nvrkit.hikvision.internal;

import java.nio.charset.StandardCharsets;

/**
 * Device bodies: real ones from the research note (marked "real") and hand-written ones in the same
 * shape. Lines end in CRLF as the firmware's do.
 */
final class Bodies {
  private Bodies() {}

  static final String ISAPI_NS = "http://www.isapi.org/ver20/XMLSchema";
  static final String HIK_NS = "http://www.hikvision.com/ver20/XMLSchema";

  static final String NVR_SERIAL = "DS-7608NXI-I2/8P/S20210101CCRRJ00000000WCVU";

  /** An NVR's deviceInfo, element order of the real NVR fixtures (isapi.org namespace). */
  static final String NVR_DEVICE_INFO =
      crlf(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
          "<DeviceInfo version=\"2.0\" xmlns=\"" + ISAPI_NS + "\">",
          "<deviceName>Network Video Recorder</deviceName>",
          "<deviceID>484a3831-3130-0000-0000-000c0000f00e</deviceID>",
          "<model>DS-7608NXI-I2/8P/S</model>",
          "<serialNumber>" + NVR_SERIAL + "</serialNumber>",
          "<macAddress>a6:63:9e:f8:01:09</macAddress>",
          "<firmwareVersion>V4.62.210</firmwareVersion>",
          "<firmwareReleasedDate>build 240826</firmwareReleasedDate>",
          "<encoderVersion>V5.0</encoderVersion>",
          "<encoderReleasedDate>build 240801</encoderReleasedDate>",
          "<deviceType>NVR</deviceType>",
          "<telecontrolID>255</telecontrolID>",
          "<decordChannelNums>0</decordChannelNums>",
          "<VGANums>1</VGANums>",
          "<USBNums>2</USBNums>",
          "<auxoutNums>0</auxoutNums>",
          "<regionVersion>basic</regionVersion>",
          "</DeviceInfo>");

  /** A camera's deviceInfo (hikvision.com namespace, camera element set). */
  static final String CAMERA_DEVICE_INFO =
      crlf(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
          "<DeviceInfo version=\"2.0\" xmlns=\"" + HIK_NS + "\">",
          "<deviceName>IP CAMERA</deviceName>",
          "<deviceID>6aff4000-1f90-00b0-0000-000c00000000</deviceID>",
          "<deviceDescription>IPCamera</deviceDescription>",
          "<deviceLocation>hangzhou</deviceLocation>",
          "<systemContact>Hikvision.China</systemContact>",
          "<model>DS-2CD2386G2-IU</model>",
          "<serialNumber>DS-2CD2386G2-IU20210101AAWRJ12345678</serialNumber>",
          "<macAddress>a6:63:9e:f8:01:09</macAddress>",
          "<firmwareVersion>V5.7.18</firmwareVersion>",
          "<firmwareReleasedDate>build 240826</firmwareReleasedDate>",
          "<encoderVersion>V7.3</encoderVersion>",
          "<encoderReleasedDate>build 240801</encoderReleasedDate>",
          "<bootVersion>V1.3.4</bootVersion>",
          "<bootReleasedDate>100316</bootReleasedDate>",
          "<hardwareVersion>0x0</hardwareVersion>",
          "<deviceType>IPCamera</deviceType>",
          "<telecontrolID>88</telecontrolID>",
          "<supportBeep>false</supportBeep>",
          "<supportVideoLoss>false</supportVideoLoss>",
          "<firmwareVersionInfo>B-R-G5-0</firmwareVersionInfo>",
          "<manufacturer>hikvision</manufacturer>",
          "<subSerialNumber>J12345678</subSerialNumber>",
          "<OEMCode>1</OEMCode>",
          "</DeviceInfo>");

  /** The time document many clients agree on. */
  static final String TIME_CST8 =
      crlf(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
          "<Time version=\"2.0\" xmlns=\"" + HIK_NS + "\">",
          "<timeMode>NTP</timeMode>",
          "<localTime>2026-07-01T08:10:11+08:00</localTime>",
          "<timeZone>CST-8:00:00</timeZone>",
          "</Time>");

  /** US Eastern in July: DST in force, the offset in localTime is -04:00. */
  static final String TIME_US_EASTERN =
      crlf(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
          "<Time version=\"2.0\" xmlns=\"" + ISAPI_NS + "\">",
          "<timeMode>manual</timeMode>",
          "<localTime>2026-07-01T08:10:11-04:00</localTime>",
          "<timeZone>CST+5:00:00DST01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00</timeZone>",
          "</Time>");

  /** The captured 401 body (CAP401), verbatim order, no namespace: real. */
  static final String USERCHECK_401_LOCKED =
      crlf(
          "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
          "<userCheck>",
          "<statusValue>401</statusValue>",
          "<statusString>Unauthorized</statusString>",
          "<lockStatus>lock</lockStatus>",
          "<unlockTime>210</unlockTime>",
          "<retryLoginTime>0</retryLoginTime>",
          "</userCheck>");

  /** A 401 body before the lock, with {@code retries} attempts left. */
  static String userCheck401(int retries) {
    return crlf(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
        "<userCheck>",
        "<statusValue>401</statusValue>",
        "<statusString>Unauthorized</statusString>",
        "<lockStatus>unlock</lockStatus>",
        "<unlockTime>0</unlockTime>",
        "<retryLoginTime>" + retries + "</retryLoginTime>",
        "</userCheck>");
  }

  /** The 200 userCheck of an access terminal (TERM): real as reported. */
  static final String USERCHECK_200 =
      "<userCheck version=\"2.0\" xmlns=\""
          + ISAPI_NS
          + "\"><statusValue>200</statusValue><statusString>OK</statusString>"
          + "<isDefaultPassword>false</isDefaultPassword><isRiskPassword>false</isRiskPassword>"
          + "<isActivated>true</isActivated></userCheck>";

  /** TERM's lock settings: real as reported. */
  static final String ILLEGAL_LOGIN_LOCK =
      "<IllegalLoginLock version=\"2.0\" xmlns=\""
          + ISAPI_NS
          + "\"><enabled>true</enabled><maxIllegalLoginTimes>5</maxIllegalLoginTimes>"
          + "<maxIllegalLoginLockTime>1800</maxIllegalLoginLockTime></IllegalLoginLock>";

  /** TERM's user list plus an Operator and a Viewer. */
  static final String USER_LIST =
      crlf(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
          "<UserList version=\"2.0\" xmlns=\"" + ISAPI_NS + "\">",
          "<User><id>1</id><userName>admin</userName><userLevel>Administrator</userLevel></User>",
          "<User><id>2</id><userName>ops</userName><userLevel>Operator</userLevel></User>",
          "<User><id>3</id><userName>guard</userName><userLevel>Viewer</userLevel>"
              + "<attribute><inherent>false</inherent></attribute></User>",
          "</UserList>");

  static final String OK =
      crlf(
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
          "<ResponseStatus version=\"2.0\" xmlns=\"" + ISAPI_NS + "\">",
          "<requestURL>/ISAPI/Security/users/1</requestURL>",
          "<statusCode>1</statusCode>",
          "<statusString>OK</statusString>",
          "<subStatusCode>ok</subStatusCode>",
          "</ResponseStatus>");

  static String status(int code, String words, String sub) {
    return crlf(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
        "<ResponseStatus version=\"1.0\" xmlns=\"http://www.std-cgi.org/ver20/XMLSchema\">",
        "<requestURL>/ISAPI/Security/users/1</requestURL>",
        "<statusCode>" + code + "</statusCode>",
        "<statusString>" + words + "</statusString>",
        "<subStatusCode>" + sub + "</subStatusCode>",
        "</ResponseStatus>");
  }

  static final String ACTIVATED =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<ActivateStatus version=\"2.0\" xmlns=\""
          + HIK_NS
          + "\">\r\n<Activated>true</Activated>\r\n</ActivateStatus>\r\n";

  /** The captured ProbeMatch of a DS-2CD2385G1-I (SADPCAP), field order as captured: real. */
  static final String PROBE_MATCH =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ProbeMatch><Uuid>%s</Uuid><Types>inquiry</Types>"
          + "<DeviceType>141945</DeviceType><DeviceDescription>DS-2CD2385G1-I</DeviceDescription>"
          + "<DeviceSN>DS-2CD2385G1-I20200414AAWRE33842150</DeviceSN><CommandPort>8000</CommandPort>"
          + "<HttpPort>80</HttpPort><MAC>58-50-ed-1f-e3-85</MAC><IPv4Address>192.168.1.64"
          + "</IPv4Address><IPv4SubnetMask>255.255.255.0</IPv4SubnetMask><IPv4Gateway>192.168.1.1"
          + "</IPv4Gateway><IPv6Address>::</IPv6Address><IPv6Gateway>::</IPv6Gateway><IPv6MaskLen>64"
          + "</IPv6MaskLen><DHCP>false</DHCP><AnalogChannelNum>0</AnalogChannelNum>"
          + "<DigitalChannelNum>1</DigitalChannelNum><SoftwareVersion>V5.6.2build 190701"
          + "</SoftwareVersion><DSPVersion>V7.3 build 190626</DSPVersion><BootTime>1970-01-15"
          + " 02:44:11</BootTime><Encrypt>true</Encrypt><ResetAbility>false</ResetAbility>"
          + "<DiskNumber>0</DiskNumber><Activated>true</Activated><PasswordResetAbility>true"
          + "</PasswordResetAbility><PasswordResetModeSecond>true</PasswordResetModeSecond>"
          + "<DetailOEMCode>1</DetailOEMCode><SupportSecurityQuestion>true</SupportSecurityQuestion>"
          + "<SupportHCPlatform>true</SupportHCPlatform><HCPlatformEnable>flase</HCPlatformEnable>"
          + "<IsModifyVerificationCode>flase</IsModifyVerificationCode><Salt>"
          + "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90</Salt>"
          + "<DeviceLock>flase</DeviceLock><SDKOverTLSPort>8443</SDKOverTLSPort>"
          + "<SDKServerStatus>true</SDKServerStatus><SDKOverTLSServerStatus>false"
          + "</SDKOverTLSServerStatus><SupportMailBox>true</SupportMailBox></ProbeMatch>";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String crlf(String... lines) {
    return String.join("\r\n", lines) + "\r\n";
  }
}
