/**
 * Internals of the Hikvision adapter: hardened XML reading, ISAPI documents, the SADP codec, error
 * mapping, the session. Not API. Only {@code IsapiTransport} and {@code IsapiLockout} touch the
 * core's transport and lockout types.
 */
package io.nvrkit.hikvision.internal;
