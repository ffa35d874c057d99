package io.nvrkit.hikvision.reset;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.Credentials;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceIdentity;
import io.nvrkit.core.FollowUp;
import io.nvrkit.core.NotSupportedException;
import io.nvrkit.core.Nvr;
import io.nvrkit.core.NvrClient;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.PasswordChangeRequest;
import io.nvrkit.core.PasswordChangeResult;
import io.nvrkit.core.PersonalInfo;
import io.nvrkit.core.Secret;
import io.nvrkit.core.policy.PasswordGenerator;
import io.nvrkit.core.policy.PasswordPolicy;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.hikvision.HikvisionActivation;
import io.nvrkit.hikvision.HikvisionDiscovery;
import io.nvrkit.hikvision.HikvisionDriver;
import io.nvrkit.hikvision.HikvisionPasswords;
import io.nvrkit.hikvision.SadpDevice;
import io.nvrkit.hikvision.internal.HikvisionDriverCore;
import io.nvrkit.hikvision.internal.HikvisionFollowUps;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Hikvision's vendor-mediated password reset (SADP "Forgot Password" through Hikvision support) as
 * the core's request → grant → completion.
 *
 * <pre>{@code
 * // 1. identity before login: SADP (model, full serial, firmware, START TIME) + every driver's probe
 * SadpDevice sadp = HikvisionReset.readSadp(endpoint, Duration.ofSeconds(1)).orElseThrow();
 * ResetRequest request = HikvisionResetForm.create()
 *     .fromDevice(HikvisionReset.readBeforeLogin(endpoint, options)).fromSadp(sadp)
 *     .displayedDate(shownOnScreen, Provenance.INFO_SCREEN)
 *     .requester(requester).infoScreenPhoto(sadpScreenshot).stickerPhoto(labelPhoto)
 *     .build();
 * // 2. request: a package for Hikvision support's form or e-mail, or a service desk
 * ResetTicket ticket = ResetPackageChannel.folder(outDir).submit(request);
 * // ... support answers with a key or temporary password, valid 24-48 hours; do not reboot the
 * //     device in the meantime (the grant is bound to the running device)
 * ResetGrant grant = HikvisionReset.grant(ticket.id(), Secret.of(keyChars), receivedAt);
 * // 3. completion: strong new password, changed with the temporary one as the old, verified
 * Secret next = HikvisionReset.generatePassword(personal);
 * store(next);
 * PasswordChangeResult done = HikvisionReset.complete(endpoint, "admin", grant, next, personal, options);
 * }</pre>
 *
 * <p>Completion, in order: the grant's validity is checked (nothing sent when expired); the
 * activation state is read ({@code GET /SDK/activateStatus}); a device the support key left
 * <b>inactive</b> must be activated with the new password (see {@link HikvisionActivation}:
 * reported, not sent, because the activation exchange is unverified); otherwise the driver logs in
 * with the grant's temporary password, changes the admin password with it as the old one (its
 * {@code <loginPassword>}), and verifies: the temporary password refused once, the new one
 * accepted.
 *
 * <p>Unverified (research note §7): which grant a given model gets (a security code that on old
 * models reset to a default password, an encrypted file imported with the SADP tool, a key for the
 * QR code, or a temporary password); this class supports the grants that end in a password the
 * device accepts over ISAPI. There is deliberately no way to reset a device without the vendor's
 * grant: no computed security code, no exploit. Stateless and thread-safe.
 */
public final class HikvisionReset {
  /**
   * How long a support grant is valid when support did not say: 24 hours, the shorter of the two
   * documented validities (24 h in the 2015 guide, 48 h in the 2024 one).
   */
  public static final Duration DEFAULT_GRANT_VALIDITY = Duration.ofHours(24);

  private HikvisionReset() {}

  /**
   * What every installed driver can read without credentials, merged ({@link Nvr#probe}): from this
   * driver the SADP identity when the device answers it; from the ONVIF driver, when installed, the
   * device's date and time. Never attempts a login.
   *
   * @param endpoint the device
   * @param options timeouts ({@link ConnectOptions#driver()} is ignored: every driver is asked)
   * @return the merged pre-login identity (possibly empty)
   */
  public static DeviceIdentity readBeforeLogin(DeviceEndpoint endpoint, ConnectOptions options) {
    ConnectOptions all = options.toBuilder().driver(null).build();
    return Nvr.probe(endpoint, all).identity();
  }

  /**
   * Asks the device at {@code endpoint}'s host for its SADP answer (unicast, UDP 37020): model,
   * full serial, firmware and the start time support asks for.
   *
   * @param endpoint the device
   * @param timeout how long to wait
   * @return the answer, if the device sent one in time
   * @throws java.io.UncheckedIOException if no UDP socket can be opened
   */
  public static Optional<SadpDevice> readSadp(DeviceEndpoint endpoint, Duration timeout) {
    List<SadpDevice> found =
        HikvisionDiscovery.probe(
            new InetSocketAddress(endpoint.host(), HikvisionDriverCore.SADP_PORT), timeout);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /**
   * Whether the device restarted since the request was made: a grant is bound to the running
   * device, and support's guide says not to reboot before importing it.
   *
   * @param requestedStartTime the start time sent with the request
   * @param now the device's SADP answer now
   * @return true if the start time differs (the grant is then likely void)
   */
  public static boolean rebootedSince(LocalDateTime requestedStartTime, SadpDevice now) {
    Objects.requireNonNull(requestedStartTime, "requestedStartTime");
    return now.startTime() != null && !now.startTime().equals(requestedStartTime);
  }

  /**
   * The grant for support's answer received at {@code receivedAt}, valid {@link
   * #DEFAULT_GRANT_VALIDITY}; use {@link ResetGrant#of} when support states another validity.
   *
   * @param ticketId the ticket
   * @param temporaryPassword the key or temporary password support sent
   * @param receivedAt when it was received
   * @return the grant
   */
  public static ResetGrant grant(String ticketId, Secret temporaryPassword, Instant receivedAt) {
    return ResetGrant.of(ticketId, temporaryPassword, receivedAt.plus(DEFAULT_GRANT_VALIDITY));
  }

  /**
   * The policy a new password must satisfy after a reset: {@link
   * HikvisionPasswords#defaultPolicy()} (strong guidance, the firmware's 8–16 limits and rules,
   * blocklist, strength).
   *
   * @return the policy
   */
  public static PasswordPolicy completionPolicy() {
    return HikvisionPasswords.defaultPolicy();
  }

  /**
   * A random new password satisfying {@link #completionPolicy()} and containing nothing from {@code
   * personal}; 16 characters, all of them in the firmware's character set.
   *
   * @param personal the owner's names, phone, birth dates and the device's identifiers
   * @return the password; the caller stores it before calling {@link #complete}
   */
  public static Secret generatePassword(PersonalInfo personal) {
    return PasswordGenerator.forPolicy(completionPolicy()).generate(personal);
  }

  /**
   * Completes the procedure (see the class comment).
   *
   * @param endpoint the device
   * @param user the account ({@code admin})
   * @param grant the vendor's grant
   * @param newPassword the new password, checked against {@link #completionPolicy()}
   * @param personal what the password must not contain
   * @param options timeouts and limits
   * @return the verified change, with the follow-ups of the procedure
   * @throws NvrException if the grant has expired (nothing sent)
   * @throws io.nvrkit.core.PolicyViolationException if the new password is refused (nothing sent)
   * @throws NotSupportedException if the grant is a {@linkplain ResetGrant.Kind#SECURITY_CODE
   *     security code} (it is entered in the device's reset dialog, not sent over ISAPI; nothing
   *     sent) or the device is inactive (activate it with the new password)
   * @throws io.nvrkit.core.AuthenticationFailedException if the temporary password is refused
   * @throws NvrException for other failures
   */
  public static PasswordChangeResult complete(
      DeviceEndpoint endpoint,
      String user,
      ResetGrant grant,
      Secret newPassword,
      PersonalInfo personal,
      ConnectOptions options) {
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(newPassword, "newPassword");
    if (!grant.isValidAt(Instant.now())) {
      throw new NvrException(
          "the grant of ticket " + grant.ticketId() + " expired at " + grant.validUntil());
    }
    if (grant.kind() == ResetGrant.Kind.SECURITY_CODE) {
      throw new NotSupportedException(
          "ticket "
              + grant.ticketId()
              + " was answered with a security code: enter it in the SADP tool's or the"
              + " recorder's reset dialog with the new password, then log in with it");
    }
    HikvisionActivation.State state;
    try {
      state = HikvisionActivation.status(endpoint, options);
    } catch (NotSupportedException e) {
      state = HikvisionActivation.State.ACTIVATED; // firmware without /SDK/activateStatus
    }
    if (state == HikvisionActivation.State.INACTIVE) {
      throw new NotSupportedException(
          "the device is inactive after the reset: activate it with the new password (SADP"
              + " tool, iVMS-4200 or the recorder's wizard), then log in with it");
    }
    Secret temporary = grant.temporaryPassword();
    try (NvrClient nvr =
        Nvr.connect(HikvisionDriver.create(), endpoint, Credentials.of(user, temporary), options)) {
      return nvr.changePassword(
          PasswordChangeRequest.builder(newPassword)
              .oldPassword(temporary)
              .personalInfo(personal)
              .policy(completionPolicy())
              .build());
    }
  }

  /**
   * Where the old password still lives after the change: the Hik-Connect app, VMS and client
   * software, cameras on the recorder's channels, the password vault.
   *
   * @param user the account changed
   * @return the follow-ups
   */
  public static List<FollowUp> followUps(String user) {
    return HikvisionFollowUps.afterChange(user);
  }
}
