/**
 * JUnit 5 support: {@link io.nvrkit.testkit.junit.FakeNvrTest} for the simple case and {@link
 * io.nvrkit.testkit.junit.FakeNvrExtension} for the programmatic one. Requires {@code
 * junit-jupiter-api} (an optional dependency of the testkit) on the test class path.
 */
package io.nvrkit.testkit.junit;
