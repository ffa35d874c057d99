/** The service-provider interface that vendor adapters implement. */
@NullMarked
package io.nvrkit.core.spi;

import org.jspecify.annotations.NullMarked;
