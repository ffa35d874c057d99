package io.nvrkit.onvif;

import io.nvrkit.core.DeviceEndpoint;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One ONVIF device found by {@link OnvifDiscovery}: its stable endpoint reference, the device
 * service address chosen as reachable, every advertised address, its types and scopes, and what the
 * scopes say about it (model from {@code hardware/}, name, MAC and serial where present). Values
 * come from an unauthenticated UDP answer: use them to find devices, not to trust them.
 *
 * <p>Immutable and thread-safe.
 */
public final class DiscoveredDevice {
  private final String endpointReference;
  private final URI xaddr;
  private final List<URI> xaddrs;
  private final List<String> types;
  private final List<String> scopes;
  private final String hardware;
  private final String name;
  private final String mac;
  private final String serial;

  /**
   * Creates a discovered device.
   *
   * @param endpointReference the WS-Addressing EPR address, usually {@code urn:uuid:...}
   * @param xaddr the device service address chosen as reachable
   * @param xaddrs every advertised device service address
   * @param types the advertised types, as written by the device
   * @param scopes the scope URIs
   * @param hardware the model from the hardware scope, or null
   * @param name the name scope, or null
   * @param mac the MAC from a MAC scope, or null
   * @param serial the serial from a serial scope, or null
   */
  public DiscoveredDevice(
      String endpointReference,
      URI xaddr,
      List<URI> xaddrs,
      List<String> types,
      List<String> scopes,
      String hardware,
      String name,
      String mac,
      String serial) {
    this.endpointReference = Objects.requireNonNull(endpointReference, "endpointReference");
    this.xaddr = Objects.requireNonNull(xaddr, "xaddr");
    this.xaddrs = List.copyOf(xaddrs);
    this.types = List.copyOf(types);
    this.scopes = List.copyOf(scopes);
    this.hardware = hardware;
    this.name = name;
    this.mac = mac;
    this.serial = serial;
  }

  /**
   * The endpoint reference, stable across restarts and network interfaces.
   *
   * @return the EPR address
   */
  public String endpointReference() {
    return endpointReference;
  }

  /**
   * The device service address to use (the advertised one whose host answered the probe, else the
   * first).
   *
   * @return the XAddr
   */
  public URI xaddr() {
    return xaddr;
  }

  /**
   * Every advertised device service address.
   *
   * @return the XAddrs
   */
  public List<URI> xaddrs() {
    return xaddrs;
  }

  /**
   * The endpoint to pass to {@link io.nvrkit.core.Nvr#connect}: {@link #xaddr()} with default
   * settings (system TLS trust, no plaintext secrets).
   *
   * @return the endpoint
   * @throws IllegalArgumentException if the address is not a usable http(s) URL
   */
  public DeviceEndpoint endpoint() {
    return DeviceEndpoint.of(xaddr.toString());
  }

  /**
   * The advertised types, e.g. {@code dn:NetworkVideoTransmitter}.
   *
   * @return the types
   */
  public List<String> types() {
    return types;
  }

  /**
   * The scope URIs.
   *
   * @return the scopes
   */
  public List<String> scopes() {
    return scopes;
  }

  /**
   * The model, from the {@code hardware} scope.
   *
   * @return the model, if advertised
   */
  public Optional<String> hardware() {
    return Optional.ofNullable(hardware);
  }

  /**
   * The name scope (a friendly name or the vendor).
   *
   * @return the name, if advertised
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * The MAC address, lower case with colons.
   *
   * @return the MAC, if advertised
   */
  public Optional<String> mac() {
    return Optional.ofNullable(mac);
  }

  /**
   * The serial number.
   *
   * @return the serial, if advertised
   */
  public Optional<String> serial() {
    return Optional.ofNullable(serial);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DiscoveredDevice
        && endpointReference.equals(((DiscoveredDevice) other).endpointReference)
        && xaddr.equals(((DiscoveredDevice) other).xaddr)
        && xaddrs.equals(((DiscoveredDevice) other).xaddrs)
        && scopes.equals(((DiscoveredDevice) other).scopes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpointReference, xaddr, xaddrs, scopes);
  }

  @Override
  public String toString() {
    return "DiscoveredDevice["
        + endpointReference
        + " at "
        + xaddr
        + (hardware == null ? "" : ", hardware=" + hardware)
        + (name == null ? "" : ", name=" + name)
        + "]";
  }
}
