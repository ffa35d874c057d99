/**
 * The driver SPI: what a driver (an adapter for one device protocol) implements and uses. A driver
 * implements {@link io.nvrkit.core.spi.NvrDriver}; the {@link io.nvrkit.core.NvrKit} calls it with
 * a {@link io.nvrkit.core.spi.DriverContext} that hands out the kit's shared HTTP transport ({@link
 * io.nvrkit.core.spi.DeviceHttp}), its {@link io.nvrkit.core.spi.LockoutLedger} and its clocks
 * ({@link io.nvrkit.core.spi.DeviceClock}); {@link io.nvrkit.core.spi.SafeXml} reads device XML
 * safely. No type of a third-party library appears here. See {@code docs/writing-a-driver.md}.
 */
@NullMarked
package io.nvrkit.core.spi;

import org.jspecify.annotations.NullMarked;
