package io.nvrkit.lorex.internal;

import io.nvrkit.core.FollowUp;
import java.util.List;

/** The places that still hold a Lorex recorder's old password after a change (Lorex KB 3520). */
public final class LorexFollowUps {
  private LorexFollowUps() {}

  /**
   * Follow-ups after {@code user}'s password changed on a Lorex recorder.
   *
   * @param user the account changed
   * @return the follow-ups, in the order a person should do them
   */
  public static List<FollowUp> afterChange(String user) {
    return List.of(
        new FollowUp(
            "Lorex mobile app (Lorex Home, Lorex Cloud or Lorex Pro)",
            "remove and re-add the recorder, or edit its device password, with the new password of '"
                + user
                + "'"),
        new FollowUp(
            "VMS, NVR client software and integrations (ONVIF, RTSP, HTTP)",
            "update the stored password for this recorder"),
        new FollowUp(
            "Cameras connected to the recorder",
            "check they are still online; a camera added with the old password (or one whose"
                + " password is synchronised with the recorder's) needs the new one"),
        new FollowUp(
            "Password vault", "store the new password and retire the old or temporary one"));
  }
}
