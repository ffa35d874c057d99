/**
 * A teaching example: a deliberately small driver for the Dahua/Lorex HTTP CGI, written only on the
 * public API ({@code io.nvrkit.core}) and the driver SPI ({@code io.nvrkit.core.spi}), as a third
 * party would write one. It passes the testkit's compatibility kit against the Lorex personality of
 * {@code FakeNvr}, and {@code docs/writing-a-driver.md} quotes it.
 *
 * <p>It is not a replacement for {@code nvr-lorex}: no RPC2 fallback, no reading of the device's
 * lockout threshold, no reconciliation of a lost answer to a password change, a three-call
 * identity. It is registered nowhere ({@link java.util.ServiceLoader} does not find it), so it
 * never competes with {@code nvr-lorex} in {@code Nvr.probe}; give it to a kit explicitly: {@code
 * NvrKit.builder().driver(new DahuaCgiExampleDriver()).build()}.
 */
package io.nvrkit.examples.driver;
