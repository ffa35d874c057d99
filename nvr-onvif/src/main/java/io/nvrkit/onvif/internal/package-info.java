/**
 * Internals of the ONVIF adapter: SOAP writer, hardened XML reader, session, discovery. Not API.
 */
package io.nvrkit.onvif.internal;
