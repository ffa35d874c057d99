package io.nvrkit.core;

import java.util.Objects;

/**
 * Why one driver could not probe a device, as listed in {@link ProbeResult#problems()}. Holds no
 * secret and nothing the device sent.
 *
 * @param driverId the driver that failed
 * @param kind what kind of failure it was
 * @param exceptionType the simple name of the exception the driver threw, for support
 */
public record ProbeProblem(String driverId, Kind kind, String exceptionType) {

  /** Kinds of probe failure. */
  public enum Kind {
    /** The device could not be reached (refused, timed out, reset). */
    UNREACHABLE,
    /** The device's TLS certificate is not trusted. */
    TLS_UNTRUSTED,
    /** The device answered something the driver could not read. */
    PROTOCOL,
    /** The driver reported another failure. */
    FAILED,
    /** The driver itself failed (a bug in the driver, not a device problem). */
    DRIVER_BUG
  }

  /** Checks the components. */
  public ProbeProblem {
    Objects.requireNonNull(driverId, "driverId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(exceptionType, "exceptionType");
  }

  /**
   * The problem a driver's exception stands for.
   *
   * @param driverId the driver
   * @param failure what it threw
   * @return the problem
   */
  public static ProbeProblem of(String driverId, RuntimeException failure) {
    Kind kind;
    if (failure instanceof DeviceUnreachableException) {
      kind = Kind.UNREACHABLE;
    } else if (failure instanceof TlsTrustException) {
      kind = Kind.TLS_UNTRUSTED;
    } else if (failure instanceof ProtocolException) {
      kind = Kind.PROTOCOL;
    } else if (failure instanceof NvrException) {
      kind = Kind.FAILED;
    } else {
      kind = Kind.DRIVER_BUG;
    }
    return new ProbeProblem(driverId, kind, failure.getClass().getSimpleName());
  }

  @Override
  public String toString() {
    return driverId + ": " + kind + " (" + exceptionType + ")";
  }
}
