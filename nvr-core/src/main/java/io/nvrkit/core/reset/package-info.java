/**
 * The vendor password-reset procedure: request → grant → completion. A {@link
 * io.nvrkit.core.reset.ResetRequest} is sent through a {@link io.nvrkit.core.reset.ResetChannel},
 * which returns a {@link io.nvrkit.core.reset.ResetTicket}; the vendor's answer is a {@link
 * io.nvrkit.core.reset.ResetGrant} carrying a temporary password that an adapter then replaces.
 */
package io.nvrkit.core.reset;
