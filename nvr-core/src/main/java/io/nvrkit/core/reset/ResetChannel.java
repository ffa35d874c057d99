package io.nvrkit.core.reset;

import java.util.Optional;

/**
 * How a {@link ResetRequest} reaches the vendor. {@code ResetPackageChannel} writes a
 * self-contained, checksummed package for a person to upload to the vendor's web form; {@code
 * HttpResetChannel} posts it to an integrator's service desk and can poll for the grant.
 *
 * <p>Implementations are thread-safe.
 */
public interface ResetChannel {

  /**
   * Sends (or writes) the request.
   *
   * @param request a validated request
   * @return the ticket
   * @throws io.nvrkit.core.NvrException if it cannot be submitted
   */
  ResetTicket submit(ResetRequest request);

  /**
   * Asks whether the vendor has answered. Channels without a way back (a package) return empty.
   *
   * @param ticket the ticket from {@link #submit}
   * @return the grant, if issued
   * @throws io.nvrkit.core.NvrException if the channel cannot be read, or the request was refused
   */
  default Optional<ResetGrant> poll(ResetTicket ticket) {
    return Optional.empty();
  }
}
