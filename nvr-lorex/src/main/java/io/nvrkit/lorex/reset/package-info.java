/**
 * The Lorex password-reset procedure: {@link io.nvrkit.lorex.reset.LorexResetForm} builds the
 * vendor's request from the device's identity and typed values, {@link
 * io.nvrkit.lorex.reset.LorexReset} reads what is readable before login and completes the procedure
 * with the vendor's temporary password.
 */
@NullMarked
package io.nvrkit.lorex.reset;

import org.jspecify.annotations.NullMarked;
