/**
 * Lorex and Dahua-family recorders: {@link io.nvrkit.lorex.LorexDriver} (identity, accounts and
 * verified password changes over the HTTP CGI or the RPC2 JSON API) and, in {@code
 * io.nvrkit.lorex.reset}, the Lorex password-reset procedure.
 */
@NullMarked
package io.nvrkit.lorex;

import org.jspecify.annotations.NullMarked;
