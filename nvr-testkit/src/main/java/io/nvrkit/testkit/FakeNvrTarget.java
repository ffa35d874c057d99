package io.nvrkit.testkit;

import io.nvrkit.core.Secret;
import io.nvrkit.testkit.internal.desk.DeskTarget;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/** A {@link FakeNvr} as the {@link FakeResetDesk} sees it. */
final class FakeNvrTarget implements DeskTarget {
  private final FakeNvr nvr;

  private FakeNvrTarget(FakeNvr nvr) {
    this.nvr = nvr;
  }

  static FakeNvrTarget of(FakeNvr nvr) {
    return new FakeNvrTarget(nvr);
  }

  @Override
  public String serial() {
    return nvr.identity().serial();
  }

  @Override
  public String deviceId() {
    return nvr.identity().deviceId();
  }

  @Override
  public LocalDate displayedDate() {
    return nvr.clock().localDateTime().toLocalDate();
  }

  @Override
  public Instant endOfDay() {
    return nvr.clock().endOfDay();
  }

  @Override
  public void installTemporaryPassword(char[] password, Instant validUntil) {
    try (Secret s = Secret.of(password)) {
      nvr.installTemporaryPassword(FakeNvr.DEFAULT_ADMIN, s, validUntil);
    }
  }

  @Override
  public String vendor() {
    return nvr.kind() == PersonalityKind.HIKVISION ? "hikvision" : "lorex";
  }

  @Override
  public Optional<LocalDateTime> startTime() {
    return nvr.hikvisionStartTime();
  }

  /** Hikvision's key or file is valid 48 hours (SADP guide 2024); Lorex's to the end of the day. */
  @Override
  public Instant grantValidUntil(Instant now) {
    return nvr.kind() == PersonalityKind.HIKVISION ? now.plus(Duration.ofHours(48)) : endOfDay();
  }

  @Override
  public boolean sameDevice(DeskTarget o) {
    return o instanceof FakeNvrTarget && ((FakeNvrTarget) o).nvr == nvr;
  }
}
