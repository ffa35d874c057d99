package io.nvrkit.hikvision.internal;

import io.nvrkit.core.FollowUp;
import java.util.List;

/** The places that still hold a Hikvision device's old password after a change. */
public final class HikvisionFollowUps {
  private HikvisionFollowUps() {}

  /**
   * Follow-ups after {@code user}'s password changed.
   *
   * @param user the account changed
   * @return the follow-ups, in the order a person should do them
   */
  public static List<FollowUp> afterChange(String user) {
    return List.of(
        new FollowUp(
            "Hik-Connect app (or Guarding Vision / iVMS-4500)",
            "edit the device's password (or remove and re-add the device) with the new password"
                + " of '"
                + user
                + "'"),
        new FollowUp(
            "VMS and client software (iVMS-4200, HikCentral, third-party VMS, ONVIF/RTSP/ISAPI"
                + " integrations)",
            "update the stored password for this device"),
        new FollowUp(
            "NVR channels",
            "cameras added to a recorder with this password (or whose password the recorder"
                + " synchronises) need the new one; check every channel is online"),
        new FollowUp(
            "Password vault", "store the new password and retire the old or temporary one"));
  }
}
