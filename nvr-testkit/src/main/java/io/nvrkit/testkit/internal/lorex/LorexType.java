package io.nvrkit.testkit.internal.lorex;

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

/**
 * The Lorex personality's plug-in: CGI actions and RPC2 method names (without their object prefix,
 * as {@link LorexPersonality#operationOf} reports them). Stateless.
 */
public final class LorexType implements PersonalityType {
  static final OperationCatalog OPERATIONS =
      OperationCatalog.builder("lorex")
          .map(DeviceOperation.LOGIN, "login")
          .map(DeviceOperation.SESSION, "keepAlive", "logout", "multicall")
          .map(
              DeviceOperation.IDENTITY,
              "getDeviceType",
              "getSerialNo",
              "getSoftwareVersion",
              "getHardwareVersion",
              "getMachineName",
              "getVendor",
              "getDeviceClass",
              "getSystemInfo")
          .map(DeviceOperation.SETTINGS, "getConfig", "setConfig")
          .map(DeviceOperation.TIME, "getCurrentTime")
          .map(DeviceOperation.SET_TIME, "setCurrentTime")
          .map(
              DeviceOperation.USERS,
              "getUserInfoAll",
              "getUserInfo",
              "getActiveUserInfoAll",
              "getGroupInfoAll",
              "getGroupInfo")
          .map(DeviceOperation.CHANGE_PASSWORD, "modifyPassword", "modifyPasswordByManager")
          .map(DeviceOperation.CREATE_USER, "addUser", "addUserPlain")
          .map(DeviceOperation.DELETE_USER, "deleteUser")
          .map(DeviceOperation.MODIFY_USER, "modifyUser")
          // a CGI request without an action is named after its file
          .map(DeviceOperation.OTHER, "magicBox", "global", "configManager", "userManager", "audio")
          .build();

  /** The type. */
  public LorexType() {}

  @Override
  public PersonalityKind kind() {
    return PersonalityKind.LOREX;
  }

  @Override
  public OperationCatalog operations() {
    return OPERATIONS;
  }

  @Override
  public FakeIdentity defaultIdentity() {
    return FakeIdentity.lorexDefaults();
  }

  @Override
  public DevicePasswordRules defaultPasswordRules() {
    return DevicePasswordRules.dahua();
  }

  @Override
  public String groupName(AccountLevel level) {
    return level == AccountLevel.ADMINISTRATOR ? "admin" : "user";
  }

  @Override
  public Personality create(DeviceState state, DeviceSetup setup) {
    return new LorexPersonality(state, setup);
  }
}
