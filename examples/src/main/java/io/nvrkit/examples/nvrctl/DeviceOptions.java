package io.nvrkit.examples.nvrctl;

import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.PinStore;
import io.nvrkit.core.TlsTrust;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a device is and how to trust it, as a mixin: {@code --url URL [--vendor ID] [--pin SHA256 |
 * --tofu PINFILE | --insecure] [--allow-plaintext] [--timeout SECONDS] [--attempt-budget N]}.
 * Vendor-generic: the driver is found through the command's {@code NvrKit} / {@code
 * ConnectOptions.driver}, or by probing when no vendor is given.
 */
public final class DeviceOptions {
  @Option(
      names = "--url",
      required = true,
      paramLabel = "URL",
      description = "The device, e.g. https://192.0.2.10 (http:// only on a trusted network).")
  String url;

  @Option(
      names = "--vendor",
      paramLabel = "ID",
      description = "Driver to use (lorex, onvif); default: probe the device and pick.")
  String vendor;

  /** Mutually exclusive TLS trust choices. */
  static final class Trust {
    @Option(
        names = "--pin",
        paramLabel = "SHA256",
        description = "Trust exactly this public key (SHA-256 of its SubjectPublicKeyInfo).")
    String pin;

    @Option(
        names = "--tofu",
        paramLabel = "PINFILE",
        description = "Trust on first use: record the key in PINFILE, enforce it afterwards.")
    Path tofu;

    @Option(
        names = "--insecure",
        description = "Do not verify the certificate at all (lab networks only; warns).")
    boolean insecure;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Trust trust = new Trust();

  @Option(
      names = "--allow-plaintext",
      description =
          "Allow a new password to travel over plain HTTP to a non-loopback device (warns).")
  boolean allowPlaintext;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Response timeout per request (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--attempt-budget",
      paramLabel = "N",
      description =
          "Failed logins this run may have recorded on the account before it refuses to send"
              + " another, instead of the device's budget (for this run only; e.g. to spend the"
              + " last attempt when sure of the password).")
  Integer attemptBudget;

  /**
   * The endpoint.
   *
   * @return the endpoint
   * @throws CliException (usage) for a bad URL or pin
   */
  public DeviceEndpoint endpoint() {
    try {
      DeviceEndpoint.Builder b = DeviceEndpoint.builder(url).allowPlaintextSecrets(allowPlaintext);
      if (trust.pin != null) {
        b.tlsTrust(TlsTrust.pinned(trust.pin));
      } else if (trust.tofu != null) {
        b.tlsTrust(TlsTrust.trustOnFirstUse(PinStore.file(trust.tofu)));
      } else if (trust.insecure) {
        b.tlsTrust(TlsTrust.insecure());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage());
    }
  }

  /**
   * The connect options, with the chosen driver checked against the kit's before anything else is
   * read (a password from the environment, a file): an unknown {@code --vendor} is the usage error
   * a user sees first.
   *
   * @param spec the command, for the invocation's kit
   * @return the options
   * @throws io.nvrkit.core.UnknownDriverException if no installed driver has the id; the message
   *     names the installed ones
   */
  public ConnectOptions checkedOptions(picocli.CommandLine.Model.CommandSpec spec) {
    ConnectOptions o = options();
    o.driver().ifPresent(Nvrctl.kit(spec)::driver);
    return o;
  }

  /**
   * The connect options.
   *
   * @return the options
   */
  public ConnectOptions options() {
    if (timeoutSeconds < 1 || timeoutSeconds > 600) {
      throw CliException.usage("--timeout must be between 1 and 600 seconds");
    }
    if (attemptBudget != null && (attemptBudget < 0 || attemptBudget > 10)) {
      throw CliException.usage("--attempt-budget must be between 0 and 10");
    }
    Duration t = Duration.ofSeconds(timeoutSeconds);
    ConnectOptions.Builder b =
        ConnectOptions.builder().driver(vendor).responseTimeout(t).totalTimeout(t.multipliedBy(3));
    if (attemptBudget != null) {
      b.attemptBudget(attemptBudget);
    }
    return b.build();
  }
}
