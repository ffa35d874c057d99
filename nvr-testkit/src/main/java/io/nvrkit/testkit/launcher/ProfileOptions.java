package io.nvrkit.testkit.launcher;

import io.nvrkit.testkit.HikvisionProfile;
import io.nvrkit.testkit.OnvifProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The launcher's {@code --option NAME=VALUE} form of the typed profiles: each name is one setter of
 * {@link OnvifProfile.Builder} ({@code onvif.*}) or {@link HikvisionProfile.Builder} ({@code
 * hikvision.*}). Not thread-safe.
 */
final class ProfileOptions {
  private static final List<String> ONVIF =
      List.of(
          "onvif.auth",
          "onvif.digestAlgorithms",
          "onvif.passwordText",
          "onvif.createdWindowSeconds",
          "onvif.digestNonceSeconds",
          "onvif.maxUsers",
          "onvif.maxUserNameLength",
          "onvif.maxPasswordLength",
          "onvif.modifyPassword",
          "onvif.preAuthNeedsAuth",
          "onvif.realm",
          "onvif.discovery",
          "onvif.discoveryMaxDelayMillis");
  private static final List<String> HIKVISION =
      List.of(
          "hikvision.namespace",
          "hikvision.xmlVersion",
          "hikvision.auth",
          "hikvision.singleUseNonces",
          "hikvision.deviceType",
          "hikvision.activated",
          "hikvision.loginPasswordRequired",
          "hikvision.loginPasswordCounts",
          "hikvision.adminLockAttempts",
          "hikvision.sadp",
          "hikvision.uptimeSeconds");

  private final OnvifProfile.Builder onvif = OnvifProfile.builder();
  private final HikvisionProfile.Builder hikvision = HikvisionProfile.builder();

  /**
   * Applies one option.
   *
   * @param name e.g. {@code onvif.auth}
   * @param value e.g. {@code digest}
   * @throws IllegalArgumentException for an unknown name or a malformed value (the message names
   *     the option and what it takes)
   */
  void apply(String name, String value) {
    String v = value.strip();
    try {
      if (name.startsWith("onvif.")) {
        onvif(name, v);
      } else if (name.startsWith("hikvision.")) {
        hikvision(name, v);
      } else {
        throw new IllegalArgumentException(
            "--option " + name + ": unknown option; names start with onvif. or hikvision.");
      }
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("--option")) {
        throw e;
      }
      throw new IllegalArgumentException("--option " + name + ": " + e.getMessage(), e);
    }
  }

  OnvifProfile onvifProfile() {
    return onvif.build();
  }

  HikvisionProfile hikvisionProfile() {
    return hikvision.build();
  }

  private void onvif(String name, String v) {
    switch (name) {
      case "onvif.auth" ->
          onvif.authentication(
              switch (v) {
                case "both" -> OnvifProfile.Authentication.BOTH;
                case "usernameToken" -> OnvifProfile.Authentication.USERNAME_TOKEN;
                case "digest" -> OnvifProfile.Authentication.HTTP_DIGEST;
                default ->
                    throw new IllegalArgumentException("must be both, usernameToken or digest");
              });
      case "onvif.digestAlgorithms" ->
          onvif.digestAlgorithms(
              Arrays.stream(v.split(",")).map(s -> s.strip().toUpperCase(Locale.ROOT)).toList());
      case "onvif.passwordText" -> onvif.passwordText(bool(v));
      case "onvif.createdWindowSeconds" -> onvif.createdWindow(Duration.ofSeconds(number(v)));
      case "onvif.digestNonceSeconds" -> onvif.digestNonceLifetime(Duration.ofSeconds(number(v)));
      case "onvif.maxUsers" -> onvif.maxUsers((int) number(v));
      case "onvif.maxUserNameLength" -> onvif.maxUserNameLength((int) number(v));
      case "onvif.maxPasswordLength" -> onvif.maxPasswordLength((int) number(v));
      case "onvif.modifyPassword" -> onvif.modifyPassword(bool(v));
      case "onvif.preAuthNeedsAuth" -> onvif.preAuthNeedsAuth(bool(v));
      case "onvif.realm" -> onvif.realm(v);
      case "onvif.discovery" ->
          onvif.discovery(
              switch (v.toLowerCase(Locale.ROOT)) {
                case "off" -> OnvifProfile.Discovery.OFF;
                case "unicast" -> OnvifProfile.Discovery.UNICAST;
                case "multicast" -> OnvifProfile.Discovery.MULTICAST;
                default -> throw new IllegalArgumentException("must be off, unicast or multicast");
              });
      case "onvif.discoveryMaxDelayMillis" -> onvif.discoveryMaxDelay(Duration.ofMillis(number(v)));
      default -> throw unknown(name, ONVIF);
    }
  }

  private void hikvision(String name, String v) {
    switch (name) {
      case "hikvision.namespace" ->
          hikvision.namespace(
              switch (v.toLowerCase(Locale.ROOT)) {
                case "hikvision" -> HikvisionProfile.Namespace.HIKVISION_COM;
                case "isapi" -> HikvisionProfile.Namespace.ISAPI_ORG;
                case "stdcgi" -> HikvisionProfile.Namespace.STD_CGI;
                default -> throw new IllegalArgumentException("must be hikvision, isapi or stdcgi");
              });
      case "hikvision.xmlVersion" ->
          hikvision.xmlVersion10(
              switch (v) {
                case "1.0" -> true;
                case "2.0" -> false;
                default -> throw new IllegalArgumentException("must be 1.0 or 2.0");
              });
      case "hikvision.auth" ->
          hikvision.authentication(
              switch (v.toLowerCase(Locale.ROOT)) {
                case "digest" -> HikvisionProfile.Authentication.DIGEST;
                case "digestbasic" -> HikvisionProfile.Authentication.DIGEST_AND_BASIC;
                case "basic" -> HikvisionProfile.Authentication.BASIC;
                default ->
                    throw new IllegalArgumentException("must be digest, digestBasic or basic");
              });
      case "hikvision.singleUseNonces" -> hikvision.singleUseNonces(bool(v));
      case "hikvision.deviceType" ->
          hikvision.deviceType(
              switch (v.toLowerCase(Locale.ROOT)) {
                case "nvr" -> HikvisionProfile.DeviceType.NVR;
                case "ipcamera" -> HikvisionProfile.DeviceType.IP_CAMERA;
                default -> throw new IllegalArgumentException("must be NVR or IPCamera");
              });
      case "hikvision.activated" -> hikvision.activated(bool(v));
      case "hikvision.loginPasswordRequired" -> hikvision.loginPasswordRequired(bool(v));
      case "hikvision.loginPasswordCounts" -> hikvision.wrongLoginPasswordCounts(bool(v));
      case "hikvision.adminLockAttempts" -> hikvision.adminLockAttempts((int) number(v));
      case "hikvision.sadp" ->
          hikvision.sadp(
              switch (v.toLowerCase(Locale.ROOT)) {
                case "unicast" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException("must be unicast or off");
              });
      case "hikvision.uptimeSeconds" -> hikvision.uptime(Duration.ofSeconds(number(v)));
      default -> throw unknown(name, HIKVISION);
    }
  }

  private static IllegalArgumentException unknown(String name, List<String> known) {
    return new IllegalArgumentException(
        "--option " + name + ": unknown option; known: " + String.join(", ", known));
  }

  private static boolean bool(String v) {
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("must be true or false");
    };
  }

  private static long number(String v) {
    try {
      long n = Long.parseLong(v);
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("must be from 0 to " + Integer.MAX_VALUE);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number", e);
    }
  }
}
