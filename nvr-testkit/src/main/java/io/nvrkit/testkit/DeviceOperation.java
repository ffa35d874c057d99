package io.nvrkit.testkit;

/**
 * What a request asks a device to do, in words that mean the same on every personality: the
 * personality-neutral name of a fake's operations, for scripting faults and reading the journal.
 *
 * <p>A fault script written with these runs unchanged against a Lorex and an ONVIF fake:
 *
 * <pre>{@code
 * nvr.faultOnce(DeviceOperation.CHANGE_PASSWORD, Fault.applyThenDrop());
 * nvr.faultAlways(DeviceOperation.LOGIN, Fault.latency(Duration.ofMillis(40)));
 * ...
 * assertEquals(1, nvr.journal(DeviceOperation.CHANGE_PASSWORD).size());
 * }</pre>
 *
 * <p>Each personality maps its protocol operations onto these (the testkit README has the table);
 * where a protocol name is needed, {@link FakeNvr#faultOnce(String, Fault)} takes it as an escape
 * hatch.
 *
 * <p>{@link #LOGIN} is where the device checks a password. On Lorex RPC2 that is {@code
 * global.login}; the Lorex CGI (HTTP Digest) and ONVIF (WS-UsernameToken or HTTP Digest) have no
 * login operation — every request carries credentials — so there {@code LOGIN} also matches every
 * request that carries credentials, whatever else it asks. A fault on {@code LOGIN} therefore hits
 * the next request on which the device checks a password.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum DeviceOperation {
  /** Every request (for latency, also the anonymous first round of Digest). */
  ANY,
  /** The device checks a password: Lorex {@code global.login}; any request with credentials. */
  LOGIN,
  /** A session ends or is kept alive: Lorex RPC2 {@code global.logout}, {@code keepAlive}. */
  SESSION,
  /**
   * Model, serial, firmware, vendor: Lorex {@code magicBox} reads; ONVIF {@code
   * GetDeviceInformation}.
   */
  IDENTITY,
  /**
   * What the device offers: ONVIF {@code GetServices}, {@code GetServiceCapabilities}, {@code
   * GetCapabilities}, {@code GetWsdlUrl}, {@code GetEndpointReference}.
   */
  CAPABILITIES,
  /**
   * Settings read or written: Lorex {@code configManager} {@code getConfig}/{@code setConfig};
   * ONVIF {@code GetHostname}, {@code GetNetworkInterfaces}, {@code GetScopes}.
   */
  SETTINGS,
  /**
   * The device's clock is read: Lorex {@code getCurrentTime}; ONVIF {@code GetSystemDateAndTime}.
   */
  TIME,
  /**
   * The device's clock is set: Lorex {@code setCurrentTime}; ONVIF {@code SetSystemDateAndTime}.
   */
  SET_TIME,
  /** Accounts are listed: Lorex {@code getUserInfoAll} and friends; ONVIF {@code GetUsers}. */
  USERS,
  /**
   * A password is changed: Lorex {@code modifyPassword}, {@code modifyPasswordByManager}; ONVIF
   * {@code SetUser}.
   */
  CHANGE_PASSWORD,
  /** An account is created: Lorex {@code addUser}; ONVIF {@code CreateUsers}. */
  CREATE_USER,
  /** An account is deleted: Lorex {@code deleteUser}; ONVIF {@code DeleteUsers}. */
  DELETE_USER,
  /** An account's attributes (not its password) are changed: Lorex {@code modifyUser}. */
  MODIFY_USER,
  /** A request the personality answers but that maps to none of the above, or to no operation. */
  OTHER
}
