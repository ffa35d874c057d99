package io.nvrkit.testkit.internal.onvif;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ONVIF access classes (CORE "Access classes for service requests") of the device service. */
enum OnvifAccess {
  PRE_AUTH,
  READ_SYSTEM,
  READ_SYSTEM_SENSITIVE,
  READ_SYSTEM_SECRET,
  WRITE_SYSTEM,
  UNRECOVERABLE,
  READ_MEDIA,
  ACTUATE;

  private static final Map<String, OnvifAccess> ACCESS = accessTable();

  private static final Set<String> IMPLEMENTED =
      Set.of(
          "GetSystemDateAndTime",
          "GetHostname",
          "GetServices",
          "GetServiceCapabilities",
          "GetCapabilities",
          "GetWsdlUrl",
          "GetEndpointReference",
          "GetDeviceInformation",
          "GetNetworkInterfaces",
          "GetScopes",
          "GetUsers",
          "CreateUsers",
          "SetUser",
          "DeleteUsers",
          "SetSystemDateAndTime");

  /**
   * The access class of a device-service operation; an unknown one is READ_SYSTEM if it reads
   * ({@code Get…}), WRITE_SYSTEM otherwise.
   */
  static OnvifAccess of(String operation) {
    return ACCESS.getOrDefault(operation, operation.startsWith("Get") ? READ_SYSTEM : WRITE_SYSTEM);
  }

  /** Whether the fake answers {@code operation} (others get ActionNotSupported). */
  static boolean implemented(String operation) {
    return IMPLEMENTED.contains(operation);
  }

  private static Map<String, OnvifAccess> accessTable() {
    Map<String, OnvifAccess> access = new HashMap<>();
    for (String op :
        List.of(
            "GetSystemDateAndTime",
            "GetHostname",
            "GetServices",
            "GetServiceCapabilities",
            "GetCapabilities",
            "GetWsdlUrl",
            "GetEndpointReference")) {
      access.put(op, OnvifAccess.PRE_AUTH);
    }
    for (String op :
        List.of(
            "GetDeviceInformation",
            "GetNetworkInterfaces",
            "GetScopes",
            "GetDNS",
            "GetNTP",
            "GetNetworkProtocols",
            "GetNetworkDefaultGateway",
            "GetDiscoveryMode",
            "GetZeroConfiguration",
            "GetRelayOutputs",
            "GetDynamicDNS",
            "GetIPAddressFilter")) {
      access.put(op, OnvifAccess.READ_SYSTEM);
    }
    for (String op :
        List.of("GetUsers", "GetSystemLog", "GetSystemSupportInformation", "GetSystemBackup")) {
      access.put(op, OnvifAccess.READ_SYSTEM_SECRET);
    }
    access.put("SetSystemDateAndTime", OnvifAccess.WRITE_SYSTEM);
    for (String op : List.of("SetRelayOutputState", "SendAuxiliaryCommand")) {
      access.put(op, OnvifAccess.ACTUATE);
    }
    for (String op :
        List.of(
            "SystemReboot",
            "SetSystemFactoryDefault",
            "UpgradeSystemFirmware",
            "StartFirmwareUpgrade",
            "RestoreSystem",
            "StartSystemRestore")) {
      access.put(op, OnvifAccess.UNRECOVERABLE);
    }
    return Map.copyOf(access);
  }
}
