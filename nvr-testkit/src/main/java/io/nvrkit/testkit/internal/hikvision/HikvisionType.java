package io.nvrkit.testkit.internal.hikvision;

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
 * The Hikvision personality's plug-in: the ISAPI operation names {@link
 * HikvisionPersonality#operationOf} reports, each mapped to its {@link DeviceOperation}. Stateless.
 *
 * <table>
 *   <caption>ISAPI request → operation name → device operation</caption>
 *   <tr><th>request</th><th>name</th><th>operation</th></tr>
 *   <tr><td>{@code GET /ISAPI/Security/userCheck}</td><td>userCheck</td><td>LOGIN</td></tr>
 *   <tr><td>{@code GET /ISAPI/System/deviceInfo}, {@code /status}</td>
 *       <td>deviceInfo, status</td><td>IDENTITY</td></tr>
 *   <tr><td>{@code GET /ISAPI/System/time}</td><td>time</td><td>TIME</td></tr>
 *   <tr><td>{@code PUT /ISAPI/System/time}</td><td>setTime</td><td>SET_TIME</td></tr>
 *   <tr><td>{@code GET /ISAPI/Security/users[/<id>]}</td><td>users, user</td><td>USERS</td></tr>
 *   <tr><td>{@code POST /ISAPI/Security/users}</td><td>createUser</td><td>CREATE_USER</td></tr>
 *   <tr><td>{@code PUT /ISAPI/Security/users/<id>} with {@code <password>}</td>
 *       <td>changePassword</td><td>CHANGE_PASSWORD</td></tr>
 *   <tr><td>{@code PUT /ISAPI/Security/users/<id>} without</td><td>modifyUser</td>
 *       <td>MODIFY_USER</td></tr>
 *   <tr><td>{@code DELETE /ISAPI/Security/users/<id>}</td><td>deleteUser</td>
 *       <td>DELETE_USER</td></tr>
 *   <tr><td>{@code GET|PUT /ISAPI/Security/illegalLoginLock}</td>
 *       <td>illegalLoginLock, setIllegalLoginLock</td><td>SETTINGS</td></tr>
 *   <tr><td>{@code GET /SDK/activateStatus}, {@code POST /ISAPI/Security/challenge}, {@code PUT
 *       /ISAPI/System/activate}</td><td>activateStatus, challenge, activate</td><td>OTHER</td></tr>
 * </table>
 */
public final class HikvisionType implements PersonalityType {
  static final OperationCatalog OPERATIONS =
      OperationCatalog.builder("hikvision")
          .map(DeviceOperation.LOGIN, "userCheck")
          .map(DeviceOperation.IDENTITY, "deviceInfo", "status")
          .map(DeviceOperation.TIME, "time")
          .map(DeviceOperation.SET_TIME, "setTime")
          .map(DeviceOperation.USERS, "users", "user")
          .map(DeviceOperation.CREATE_USER, "createUser")
          .map(DeviceOperation.CHANGE_PASSWORD, "changePassword")
          .map(DeviceOperation.MODIFY_USER, "modifyUser")
          .map(DeviceOperation.DELETE_USER, "deleteUser")
          .map(DeviceOperation.SETTINGS, "illegalLoginLock", "setIllegalLoginLock")
          .map(DeviceOperation.OTHER, "activateStatus", "challenge", "activate")
          .build();

  /** The type. */
  public HikvisionType() {}

  @Override
  public PersonalityKind kind() {
    return PersonalityKind.HIKVISION;
  }

  @Override
  public OperationCatalog operations() {
    return OPERATIONS;
  }

  @Override
  public FakeIdentity defaultIdentity() {
    return FakeIdentity.hikvisionDefaults();
  }

  @Override
  public DevicePasswordRules defaultPasswordRules() {
    return DevicePasswordRules.hikvision();
  }

  @Override
  public String groupName(AccountLevel level) {
    return level == AccountLevel.ADMINISTRATOR
        ? "Administrator"
        : level == AccountLevel.OPERATOR ? "Operator" : "Viewer";
  }

  @Override
  public Personality create(DeviceState state, DeviceSetup setup) {
    return new HikvisionPersonality(state, setup);
  }
}
