/** The service-provider interface that vendor adapters implement. */
package io.nvrkit.core.spi;
