/**
 * ONVIF device management for NVR Account Kit: {@link io.nvrkit.onvif.OnvifDriver} (identity,
 * users, password changes over SOAP 1.2 with WS-UsernameToken or HTTP Digest) and {@link
 * io.nvrkit.onvif.OnvifDiscovery} (WS-Discovery). Everything else lives in the internal package and
 * is not API.
 */
@NullMarked
package io.nvrkit.onvif;

import org.jspecify.annotations.NullMarked;
