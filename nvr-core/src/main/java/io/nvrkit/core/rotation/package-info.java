/** Fleet password rotation with an encrypted journal. */
@NullMarked
package io.nvrkit.core.rotation;

import org.jspecify.annotations.NullMarked;
