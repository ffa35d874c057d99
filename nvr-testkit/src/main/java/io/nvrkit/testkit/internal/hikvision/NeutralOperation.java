package io.nvrkit.testkit.internal.hikvision;

/**
 * The personality-neutral operations an ISAPI request stands for, for the integrator who wires the
 * testkit's neutral fault type (see {@link HikvisionPersonality#neutralOperationOf}). The names
 * match the neutral set planned for the testkit (LOGIN, IDENTITY, USERS, CHANGE_PASSWORD,
 * CREATE_USER, DELETE_USER, TIME) plus the few Hikvision adds.
 *
 * <table>
 *   <caption>ISAPI request → neutral operation</caption>
 *   <tr><th>request</th><th>operation</th></tr>
 *   <tr><td>{@code GET /ISAPI/Security/userCheck}</td><td>LOGIN</td></tr>
 *   <tr><td>{@code GET /ISAPI/System/deviceInfo}</td><td>IDENTITY</td></tr>
 *   <tr><td>{@code GET /ISAPI/System/status}</td><td>IDENTITY</td></tr>
 *   <tr><td>{@code GET|PUT /ISAPI/System/time}</td><td>TIME</td></tr>
 *   <tr><td>{@code GET /ISAPI/Security/users[/<id>]}</td><td>USERS</td></tr>
 *   <tr><td>{@code POST /ISAPI/Security/users}</td><td>CREATE_USER</td></tr>
 *   <tr><td>{@code PUT /ISAPI/Security/users/<id>} with {@code <password>}</td>
 *       <td>CHANGE_PASSWORD</td></tr>
 *   <tr><td>{@code PUT /ISAPI/Security/users/<id>} without</td><td>MODIFY_USER</td></tr>
 *   <tr><td>{@code DELETE /ISAPI/Security/users/<id>}</td><td>DELETE_USER</td></tr>
 *   <tr><td>{@code GET /SDK/activateStatus}, {@code /ISAPI/Security/activateStatus}</td>
 *       <td>PROBE</td></tr>
 *   <tr><td>SADP {@code Probe} (UDP, not through the engine)</td><td>PROBE</td></tr>
 *   <tr><td>{@code POST /ISAPI/Security/challenge}, {@code PUT /ISAPI/System/activate}</td>
 *       <td>ACTIVATE</td></tr>
 *   <tr><td>{@code GET|PUT /ISAPI/Security/illegalLoginLock}</td><td>LOCKOUT_SETTINGS</td></tr>
 * </table>
 */
public enum NeutralOperation {
  /** Verifying credentials. */
  LOGIN,
  /** Reading the device's identity. */
  IDENTITY,
  /** Reading or setting the device's time and zone. */
  TIME,
  /** Listing or reading accounts. */
  USERS,
  /** Adding an account. */
  CREATE_USER,
  /** Changing an account's password. */
  CHANGE_PASSWORD,
  /** Changing an account without its password (level). */
  MODIFY_USER,
  /** Deleting an account. */
  DELETE_USER,
  /** Pre-login reads (activation state, SADP). */
  PROBE,
  /** Activating a new device. */
  ACTIVATE,
  /** Reading or writing the illegal-login lock settings. */
  LOCKOUT_SETTINGS
}
