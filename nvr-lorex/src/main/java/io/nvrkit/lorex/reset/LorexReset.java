package io.nvrkit.lorex.reset;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.FollowUp;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrKit;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.lorex.LorexDriver;
import io.nvrkit.lorex.LorexPasswordPolicies;
import io.nvrkit.lorex.internal.LorexFollowUps;
import java.util.List;
import java.util.Objects;

/**
 * Lorex's published password-reset procedure (KB 3520/3840) as three calls: gather the identity,
 * request a temporary password, complete with it.
 *
 * <pre>{@code
 * // 1. identity: what the network tells before login, plus what a person reads off the recorder
 * DeviceIdentity seen = LorexReset.readBeforeLogin(endpoint, ConnectOptions.defaults());
 * ResetRequest request = LorexResetForm.create().fromDevice(seen)
 *     .deviceId("ABCD1234EFGH", Provenance.INFO_SCREEN)
 *     .model("N841A8", Provenance.STICKER)
 *     .requester(Requester.of("Jane", "Doe", "+1 416 555 0100"))
 *     .infoScreenPhoto(infoJpg).stickerPhoto(stickerPng)
 *     .build();
 * // 2. request: a package for the vendor's web form, or a service desk
 * ResetTicket ticket = ResetPackageChannel.folder(outDir).submit(request);
 * // ... the vendor answers with a temporary password, valid until the end of the device's day
 * ResetGrant grant = ResetGrant.of(ticket.id(), Secret.of(temporaryChars), endOfDay);
 * // 3. completion: temporary password as the old one, a strong new one, verified
 * Secret next = LorexReset.generatePassword(PersonalInfo.builder().name("Jane Doe").build());
 * store(next);                                   // keep it before it is set
 * PasswordChangeResult done = LorexReset.complete(
 *     LorexResetCompletion.builder(endpoint, grant, next).user("admin").build());
 * done.followUps().forEach(f -> System.out.println(f.where() + ": " + f.action()));
 * }</pre>
 *
 * <p>There is deliberately no way to reset a recorder without the vendor's grant: no derived
 * temporary password, no master password, no exploit. Stateless and thread-safe.
 */
public final class LorexReset {
  private LorexReset() {}

  /**
   * What every installed driver can read without credentials, merged ({@link Nvr#probe}): from this
   * driver the serial (in the Digest realm) and the note that the Device ID is not readable; from
   * the ONVIF driver, when installed, the device's date and time and often the model. Never
   * attempts a login.
   *
   * @param endpoint the recorder
   * @param options timeouts ({@link ConnectOptions#driver()} is ignored: every driver is asked)
   * @return the merged pre-login identity (possibly empty)
   */
  public static DeviceIdentity readBeforeLogin(DeviceEndpoint endpoint, ConnectOptions options) {
    return readBeforeLogin(Nvr.defaultKit(), endpoint, options);
  }

  /**
   * What every driver of {@code kit} can read without credentials, merged; see {@link
   * #readBeforeLogin(DeviceEndpoint, ConnectOptions)}.
   *
   * @param kit the kit whose drivers, ledger and transport are used
   * @param endpoint the recorder
   * @param options timeouts ({@link ConnectOptions#driver()} is ignored: every driver is asked)
   * @return the merged pre-login identity (possibly empty)
   */
  public static DeviceIdentity readBeforeLogin(
      NvrKit kit, DeviceEndpoint endpoint, ConnectOptions options) {
    ConnectOptions all = options.toBuilder().driver(null).build();
    return Objects.requireNonNull(kit, "kit").probe(endpoint, all).identity();
  }

  /**
   * The policy a new password must satisfy after a reset: Lorex's guidance (12+ characters, upper
   * and lower case, digits, symbols, nothing personal) and the firmware's limits.
   *
   * @return {@code LorexPasswordPolicies.guidance() ∧ LorexPasswordPolicies.firmwareLimits()}
   */
  public static PasswordPolicy completionPolicy() {
    return LorexPasswordPolicies.guidance().and(LorexPasswordPolicies.firmwareLimits());
  }

  /**
   * A random new password satisfying {@link #completionPolicy()} and containing nothing from {@code
   * personal}.
   *
   * @param personal the owner's names, phone, birth dates and the device's identifiers
   * @return the password; the caller stores it before calling {@link
   *     #complete(LorexResetCompletion)}
   */
  public static Secret generatePassword(PersonalInfo personal) {
    return PasswordGenerator.forPolicy(completionPolicy()).generate(personal);
  }

  /**
   * Completes the procedure: logs in as {@link LorexResetCompletion#user()} with the temporary
   * password, changes the password with the temporary password as the old one, and verifies with a
   * fresh login.
   *
   * @param completion the recorder, the grant, the new password (checked against {@link
   *     #completionPolicy()} and, for a password a person chose, {@link
   *     LorexPasswordPolicies#defaults()}' blocklist and strength), and what it must not contain
   * @return the verified change, with the follow-ups of the procedure
   * @throws io.nvrkit.core.NvrException if the grant has expired (nothing is sent)
   * @throws io.nvrkit.core.PolicyViolationException if the new password is refused (nothing sent)
   * @throws io.nvrkit.core.AuthenticationFailedException if the temporary password is refused
   * @throws io.nvrkit.core.NvrException for other failures
   */
  public static PasswordChangeResult complete(LorexResetCompletion completion) {
    return complete(Nvr.defaultKit(), completion);
  }

  /**
   * Completes the procedure through {@code kit} (its lockout ledger, clock and transport); see
   * {@link #complete(LorexResetCompletion)}. The grant's expiry is checked on the kit's clock.
   *
   * @param kit the kit
   * @param completion the recorder, the grant, the new password and what it must not contain
   * @return the verified change, with the follow-ups of the procedure
   * @throws io.nvrkit.core.NvrException if the grant has expired (nothing is sent)
   * @throws io.nvrkit.core.PolicyViolationException if the new password is refused (nothing sent)
   * @throws io.nvrkit.core.AuthenticationFailedException if the temporary password is refused
   * @throws io.nvrkit.core.NvrException for other failures
   */
  public static PasswordChangeResult complete(NvrKit kit, LorexResetCompletion completion) {
    Objects.requireNonNull(kit, "kit");
    Objects.requireNonNull(completion, "completion");
    ResetGrant grant = completion.grant();
    if (!grant.isValidAt(kit.clock().instant())) {
      throw new io.nvrkit.core.NvrException(
          "the temporary password of ticket "
              + grant.ticketId()
              + " expired at "
              + grant.validUntil());
    }
    Secret temporary = grant.temporaryPassword();
    try (NvrClient nvr =
        kit.connect(
            LorexDriver.create(),
            completion.endpoint(),
            Credentials.of(completion.user(), temporary),
            completion.options())) {
      return nvr.changePassword(
          PasswordChangeRequest.builder(completion.newPassword())
              .oldPassword(temporary)
              .personalInfo(completion.personalInfo())
              .policy(LorexPasswordPolicies.defaults())
              .build());
    }
  }

  /**
   * Where the old password still lives after the change, as the procedure says: the Lorex mobile
   * app, any VMS, cameras connected to the recorder, the password vault.
   *
   * @param user the account changed
   * @return the follow-ups
   */
  public static List<FollowUp> followUps(String user) {
    return LorexFollowUps.afterChange(user);
  }
}
