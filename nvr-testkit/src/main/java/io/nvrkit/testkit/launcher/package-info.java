/**
 * The standalone launcher ({@code java -jar nvr-testkit-<version>-standalone.jar}): the fake as a
 * process for test suites in any language. The only testkit package that writes to standard output.
 */
package io.nvrkit.testkit.launcher;
