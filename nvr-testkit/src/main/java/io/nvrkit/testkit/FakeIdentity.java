package io.nvrkit.testkit;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * Who a fake device says it is: the values its identity endpoints return.
 *
 * <pre>{@code
 * FakeIdentity id = FakeIdentity.lorexDefaults().toBuilder()
 *     .model("N841A8").serial("ND021811019863").deviceId("8L0A3B7PAZ5C2E1").build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FakeIdentity {
  private final String vendor;
  private final String model;
  private final String deviceId;
  private final String serial;
  private final String firmware;
  private final LocalDate firmwareBuild;
  private final String hardwareVersion;
  private final String mac;
  private final String machineName;

  private FakeIdentity(Builder b) {
    this.vendor = b.vendor;
    this.model = b.model;
    this.deviceId = b.deviceId;
    this.serial = b.serial;
    this.firmware = b.firmware;
    this.firmwareBuild = b.firmwareBuild;
    this.hardwareVersion = b.hardwareVersion;
    this.mac = b.mac;
    this.machineName = b.machineName;
  }

  /**
   * A Lorex NVR: vendor {@code Lorex}, model {@code N841A8}, serial {@code ND021811019863}, device
   * ID {@code 8L0A3B7PAZ5C2E1}, firmware {@code 3.216.00LR035.0} built 2023-05-10, hardware {@code
   * 1.00}, MAC {@code 3c:ef:8c:61:01:c0}, machine name {@code NVR}.
   *
   * @return the default Lorex identity
   */
  public static FakeIdentity lorexDefaults() {
    return new Builder().build();
  }

  /**
   * A generic ONVIF recorder, the ONVIF fake's default: vendor {@code ExampleVendor}, model {@code
   * NVR-1608}, serial {@code EV1608-2311-0042}, device ID {@code EV16082311C0042}, firmware {@code
   * V4.2.1} built 2023-11-02, hardware {@code 1.0}, MAC {@code 00:1f:54:2a:0c:42}, machine name
   * {@code NVR-1608}.
   *
   * @return the default ONVIF identity
   */
  public static FakeIdentity onvifDefaults() {
    return new Builder()
        .vendor("ExampleVendor")
        .model("NVR-1608")
        .serial("EV1608-2311-0042")
        .deviceId("EV16082311C0042")
        .firmware("V4.2.1")
        .firmwareBuild(LocalDate.of(2023, 11, 2))
        .hardwareVersion("1.0")
        .mac("00:1f:54:2a:0c:42")
        .machineName("NVR-1608")
        .build();
  }

  /**
   * A Hikvision NVR: vendor {@code Hikvision}, model {@code DS-7608NI-K2/8P}, serial {@code
   * DS-7608NI-K2/8P20210813CCRRG12345678WCVU}, device ID {@code
   * 484a3831-3130-3030-3030-c42f90e1a2b3}, firmware {@code V4.62.210} built 2021-08-13, hardware
   * {@code 0x0}, MAC {@code c4:2f:90:e1:a2:b3}, device name {@code Network Video Recorder}.
   *
   * @return the default Hikvision identity
   */
  public static FakeIdentity hikvisionDefaults() {
    return new Builder()
        .vendor("Hikvision")
        .model("DS-7608NI-K2/8P")
        .serial("DS-7608NI-K2/8P20210813CCRRG12345678WCVU")
        .deviceId("484a3831-3130-3030-3030-c42f90e1a2b3")
        .firmware("V4.62.210")
        .firmwareBuild(LocalDate.of(2021, 8, 13))
        .hardwareVersion("0x0")
        .mac("c4:2f:90:e1:a2:b3")
        .machineName("Network Video Recorder")
        .build();
  }

  /**
   * The identity a fake of {@code kind} reports by default.
   *
   * @param kind the personality
   * @return {@link #lorexDefaults()}, {@link #onvifDefaults()} or {@link #hikvisionDefaults()}
   * @throws UnsupportedOperationException if that personality is not part of this build
   */
  public static FakeIdentity defaults(PersonalityKind kind) {
    return io.nvrkit.testkit.internal.engine.Personalities.of(kind).defaultIdentity();
  }

  /**
   * A builder with the {@link #lorexDefaults()} values.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this identity's values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder()
        .vendor(vendor)
        .model(model)
        .deviceId(deviceId)
        .serial(serial)
        .firmware(firmware)
        .firmwareBuild(firmwareBuild)
        .hardwareVersion(hardwareVersion)
        .mac(mac)
        .machineName(machineName);
  }

  /**
   * The vendor or brand ({@code getVendor}, ONVIF {@code Manufacturer}).
   *
   * @return the vendor
   */
  public String vendor() {
    return vendor;
  }

  /**
   * The model number ({@code getDeviceType}, ONVIF {@code Model}).
   *
   * @return the model
   */
  public String model() {
    return model;
  }

  /**
   * The device ID printed on the label next to the QR code; never the serial number.
   *
   * @return the device ID
   */
  public String deviceId() {
    return deviceId;
  }

  /**
   * The serial number ({@code getSerialNo}, the Digest realm {@code Login to <serial>}).
   *
   * @return the serial
   */
  public String serial() {
    return serial;
  }

  /**
   * The firmware version, e.g. {@code 3.216.00LR035.0}.
   *
   * @return the firmware
   */
  public String firmware() {
    return firmware;
  }

  /**
   * The firmware build date.
   *
   * @return the build date
   */
  public LocalDate firmwareBuild() {
    return firmwareBuild;
  }

  /**
   * The hardware version, e.g. {@code 1.00}.
   *
   * @return the hardware version
   */
  public String hardwareVersion() {
    return hardwareVersion;
  }

  /**
   * The MAC address, lower case with colons.
   *
   * @return the MAC
   */
  public String mac() {
    return mac;
  }

  /**
   * The machine (host) name.
   *
   * @return the machine name
   */
  public String machineName() {
    return machineName;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FakeIdentity)) {
      return false;
    }
    FakeIdentity i = (FakeIdentity) o;
    return vendor.equals(i.vendor)
        && model.equals(i.model)
        && deviceId.equals(i.deviceId)
        && serial.equals(i.serial)
        && firmware.equals(i.firmware)
        && firmwareBuild.equals(i.firmwareBuild)
        && hardwareVersion.equals(i.hardwareVersion)
        && mac.equals(i.mac)
        && machineName.equals(i.machineName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(serial, deviceId, mac);
  }

  /** All values (none is secret). */
  @Override
  public String toString() {
    return "FakeIdentity[vendor="
        + vendor
        + ", model="
        + model
        + ", deviceId="
        + deviceId
        + ", serial="
        + serial
        + ", firmware="
        + firmware
        + ", build="
        + firmwareBuild
        + ", hardware="
        + hardwareVersion
        + ", mac="
        + mac
        + ", machineName="
        + machineName
        + "]";
  }

  /** Builds a {@link FakeIdentity}; starts from the Lorex defaults. Not thread-safe. */
  public static final class Builder {
    private String vendor = "Lorex";
    private String model = "N841A8";
    private String deviceId = "8L0A3B7PAZ5C2E1";
    private String serial = "ND021811019863";
    private String firmware = "3.216.00LR035.0";
    private LocalDate firmwareBuild = LocalDate.of(2023, 5, 10);
    private String hardwareVersion = "1.00";
    private String mac = "3c:ef:8c:61:01:c0";
    private String machineName = "NVR";

    private Builder() {}

    /**
     * The vendor. Default {@code Lorex}.
     *
     * @param vendor the vendor
     * @return this builder
     */
    public Builder vendor(String vendor) {
      this.vendor = text(vendor, "vendor");
      return this;
    }

    /**
     * The model. Default {@code N841A8}.
     *
     * @param model the model
     * @return this builder
     */
    public Builder model(String model) {
      this.model = text(model, "model");
      return this;
    }

    /**
     * The device ID. Default {@code 8L0A3B7PAZ5C2E1}.
     *
     * @param deviceId the device ID
     * @return this builder
     */
    public Builder deviceId(String deviceId) {
      this.deviceId = text(deviceId, "deviceId");
      return this;
    }

    /**
     * The serial number. Default {@code ND021811019863}.
     *
     * @param serial the serial
     * @return this builder
     */
    public Builder serial(String serial) {
      this.serial = text(serial, "serial");
      return this;
    }

    /**
     * The firmware version. Default {@code 3.216.00LR035.0}.
     *
     * @param firmware the firmware
     * @return this builder
     */
    public Builder firmware(String firmware) {
      this.firmware = text(firmware, "firmware");
      return this;
    }

    /**
     * The firmware build date. Default 2023-05-10.
     *
     * @param firmwareBuild the date
     * @return this builder
     */
    public Builder firmwareBuild(LocalDate firmwareBuild) {
      this.firmwareBuild = Objects.requireNonNull(firmwareBuild, "firmwareBuild");
      return this;
    }

    /**
     * The hardware version. Default {@code 1.00}.
     *
     * @param hardwareVersion the version
     * @return this builder
     */
    public Builder hardwareVersion(String hardwareVersion) {
      this.hardwareVersion = text(hardwareVersion, "hardwareVersion");
      return this;
    }

    /**
     * The MAC address; stored lower case. Default {@code 3c:ef:8c:61:01:c0}.
     *
     * @param mac six hex pairs separated by colons or dashes
     * @return this builder
     * @throws IllegalArgumentException if not a MAC address
     */
    public Builder mac(String mac) {
      String m = text(mac, "mac").toLowerCase(Locale.ROOT).replace('-', ':');
      if (!m.matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
        throw new IllegalArgumentException("not a MAC address: " + mac);
      }
      this.mac = m;
      return this;
    }

    /**
     * The machine name. Default {@code NVR}.
     *
     * @param machineName the name
     * @return this builder
     */
    public Builder machineName(String machineName) {
      this.machineName = text(machineName, "machineName");
      return this;
    }

    /**
     * Builds the identity.
     *
     * @return the identity
     * @throws IllegalArgumentException if the device ID equals the serial number
     */
    public FakeIdentity build() {
      if (deviceId.equals(serial)) {
        throw new IllegalArgumentException("a device ID is never the serial number");
      }
      return new FakeIdentity(this);
    }

    private static String text(String v, String what) {
      Objects.requireNonNull(v, what);
      if (v.isBlank() || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
        throw new IllegalArgumentException(what + " must be a non-blank single line");
      }
      return v;
    }
  }
}
