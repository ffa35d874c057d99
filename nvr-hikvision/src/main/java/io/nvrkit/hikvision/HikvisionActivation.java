package io.nvrkit.hikvision;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.PolicyViolationException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PolicyReport;
import io.nvrkit.hikvision.internal.IsapiDocs;
import io.nvrkit.hikvision.internal.IsapiErrors;
import io.nvrkit.hikvision.internal.IsapiTransport;
import java.util.Objects;

/**
 * Activation of a new Hikvision device: devices made since about 2016 ship <b>inactive</b>, without
 * a password, and answer nothing but activation until a strong admin password is set.
 *
 * <pre>{@code
 * if (HikvisionActivation.status(endpoint, options) == HikvisionActivation.State.INACTIVE) {
 *   // activate with Hikvision's SADP tool, iVMS-4200 or the recorder's wizard (see activate())
 * }
 * }</pre>
 *
 * <p>What is documented, and implemented: the state, read without a login from {@code GET
 * /SDK/activateStatus} ({@code <ActivateStatus><Activated>true</Activated>}), one request. What is
 * <b>unverified</b>, and therefore not sent: the activation exchange itself. Public clients use
 * {@code /ISAPI/Security/challenge} (the client's RSA public key; the device answers a challenge
 * encrypted with it) and {@code PUT /ISAPI/System/activate} (the password AES-encrypted under the
 * challenge; RSA-3072 and AES-CBC on V5.7 firmware), but their XML was not researched, and a wrong
 * guess could leave a device in a state its owner cannot see. {@link #activate} therefore checks
 * the state and the password and then reports the routes that are documented. Stateless and
 * thread-safe.
 */
public final class HikvisionActivation {
  private HikvisionActivation() {}

  /** The activation state. */
  public enum State {
    /** The device has an admin password. */
    ACTIVATED,
    /** The device waits for its first admin password. */
    INACTIVE
  }

  /**
   * Reads the activation state without credentials: one {@code GET /SDK/activateStatus}.
   *
   * @param endpoint the device
   * @param options timeouts
   * @return the state
   * @throws NotSupportedException if the firmware has no such page (older, always-activated
   *     firmware answers 404)
   * @throws ProtocolException if the answer is not an {@code ActivateStatus}
   * @throws io.nvrkit.core.DeviceUnreachableException if the device cannot be reached
   */
  public static State status(DeviceEndpoint endpoint, ConnectOptions options) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(options, "options");
    try (IsapiTransport t =
        IsapiTransport.Factory.on(Nvr.defaultKit().driverContext()).open(endpoint, options)) {
      IsapiTransport.AnonymousReply r = t.anonymous("activateStatus", "GET", "/SDK/activateStatus");
      if (r.status() != 200) {
        throw IsapiErrors.map(r.status(), r.body(), false, t.device(), "activateStatus");
      }
      try {
        return IsapiDocs.activated(r.body()) ? State.ACTIVATED : State.INACTIVE;
      } catch (IsapiDocs.Malformed e) {
        throw new ProtocolException(
            "the activation state is unreadable: " + e.getMessage(),
            t.device(),
            "activateStatus",
            e);
      }
    }
  }

  /**
   * Checks that the device is inactive and that {@code adminPassword} satisfies {@link
   * HikvisionPasswords#defaultPolicy()}, then refuses to send it: the wire format of activation is
   * unverified (see the class comment). Activate with Hikvision's SADP tool, iVMS-4200 or the
   * recorder's local wizard, using this password; then {@code Nvr.connect} works with it.
   *
   * @param endpoint the device
   * @param adminPassword the first admin password (not sent)
   * @param options timeouts
   * @throws PolicyViolationException if the password would not be accepted or is not strong
   * @throws NotSupportedException always otherwise, naming the state and the documented routes
   */
  public static void activate(
      DeviceEndpoint endpoint, Secret adminPassword, ConnectOptions options) {
    Objects.requireNonNull(adminPassword, "adminPassword");
    PolicyReport report =
        HikvisionPasswords.defaultPolicy()
            .check(adminPassword, PersonalInfo.builder().userName("admin").build());
    if (!report.passed()) {
      throw new PolicyViolationException(report, null, "activate");
    }
    State s = status(endpoint, options);
    throw new NotSupportedException(
        s == State.ACTIVATED
            ? "the device is already activated: log in as admin instead"
            : "activation over ISAPI is not implemented (its message format is unverified);"
                + " activate with Hikvision's SADP tool, iVMS-4200 or the recorder's wizard",
        null,
        "activate",
        null);
  }
}
