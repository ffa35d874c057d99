/**
 * Fake network video recorders for tests: {@link io.nvrkit.testkit.FakeNvr} (one device, Lorex or
 * ONVIF personality, a real HTTP(S) server on loopback) and {@link io.nvrkit.testkit.FakeNvrFleet}
 * (thousands of them in one JVM).
 *
 * <p>The recipe: script the fake (identity, accounts, lockout, {@link io.nvrkit.testkit.FakeClock},
 * {@link io.nvrkit.testkit.Fault}s), run the code under test against {@link
 * io.nvrkit.testkit.FakeNvr#endpoint()}, then verify what the device received ({@link
 * io.nvrkit.testkit.FakeNvr#journal()}) and what state it is in ({@link
 * io.nvrkit.testkit.FakeNvr#accepts}, {@link io.nvrkit.testkit.FakeNvr#isLocked}).
 */
package io.nvrkit.testkit;
