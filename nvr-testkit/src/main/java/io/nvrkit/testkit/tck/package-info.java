/**
 * The driver compatibility kit: {@link io.nvrkit.testkit.tck.NvrDriverCompatibilityKit}, the
 * abstract JUnit 5 test class every {@code NvrDriver} runs against its fake personality.
 */
package io.nvrkit.testkit.tck;
