/**
 * Password policies ({@link io.nvrkit.core.policy.PasswordPolicy}), their reports, and a generator
 * of passwords that satisfy them.
 */
@NullMarked
package io.nvrkit.core.policy;

import org.jspecify.annotations.NullMarked;
