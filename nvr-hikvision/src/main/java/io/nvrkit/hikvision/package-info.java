/**
 * Hikvision recorders and cameras: {@link io.nvrkit.hikvision.HikvisionDriver} (identity, accounts
 * and verified password changes over ISAPI), {@link io.nvrkit.hikvision.HikvisionDiscovery} (SADP),
 * {@link io.nvrkit.hikvision.HikvisionPasswords} (the firmware's password rules) and, in {@code
 * io.nvrkit.hikvision.reset}, the Hikvision password-reset procedure.
 */
package io.nvrkit.hikvision;
