package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.DeviceOperation;
import io.nvrkit.testkit.DevicePasswordRules;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.PersonalityKind;
import io.nvrkit.testkit.internal.engine.DeviceSetup;
import io.nvrkit.testkit.internal.engine.OperationCatalog;
import io.nvrkit.testkit.internal.engine.Personality;
import io.nvrkit.testkit.internal.engine.PersonalityType;
import io.nvrkit.testkit.internal.state.DeviceState;

/** The ONVIF personality's plug-in: Device Management SOAP actions. Stateless. */
public final class OnvifType implements PersonalityType {
  static final OperationCatalog OPERATIONS =
      OperationCatalog.builder("onvif")
          .map(DeviceOperation.IDENTITY, "GetDeviceInformation")
          .map(
              DeviceOperation.CAPABILITIES,
              "GetServices",
              "GetServiceCapabilities",
              "GetCapabilities",
              "GetWsdlUrl",
              "GetEndpointReference")
          .map(DeviceOperation.SETTINGS, "GetHostname", "GetNetworkInterfaces", "GetScopes")
          .map(DeviceOperation.TIME, "GetSystemDateAndTime")
          .map(DeviceOperation.SET_TIME, "SetSystemDateAndTime")
          .map(DeviceOperation.USERS, "GetUsers")
          .map(DeviceOperation.CHANGE_PASSWORD, "SetUser")
          .map(DeviceOperation.CREATE_USER, "CreateUsers")
          .map(DeviceOperation.DELETE_USER, "DeleteUsers")
          .build();

  /** The type. */
  public OnvifType() {}

  @Override
  public PersonalityKind kind() {
    return PersonalityKind.ONVIF;
  }

  @Override
  public OperationCatalog operations() {
    return OPERATIONS;
  }

  @Override
  public FakeIdentity defaultIdentity() {
    return FakeIdentity.onvifDefaults();
  }

  @Override
  public DevicePasswordRules defaultPasswordRules() {
    return DevicePasswordRules.lenient();
  }

  @Override
  public String groupName(AccountLevel level) {
    switch (level) {
      case ADMINISTRATOR:
        return "Administrator";
      case OPERATOR:
        return "Operator";
      case ANONYMOUS:
        return "Anonymous";
      case USER:
        return "User";
      default:
        return "Extended";
    }
  }

  @Override
  public Personality create(DeviceState state, DeviceSetup setup) {
    return new OnvifPersonality(state, setup);
  }
}
