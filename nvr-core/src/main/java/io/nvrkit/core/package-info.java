/**
 * The API every user codes against: {@link io.nvrkit.core.Nvr} (entry point), {@link
 * io.nvrkit.core.NvrClient} (a session with one device), {@link io.nvrkit.core.DeviceEndpoint},
 * {@link io.nvrkit.core.Secret}, {@link io.nvrkit.core.DeviceIdentity} and the {@link
 * io.nvrkit.core.NvrException} hierarchy. No vendor knowledge lives here.
 */
package io.nvrkit.core;
