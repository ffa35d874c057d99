package io.nvrkit.core.internal.journal;

import io.nvrkit.core.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * One decrypted journal record. Secrets are held as {@link Secret}s and never shown by {@link
 * #toString()}. Immutable apart from the secrets' own lifecycle.
 */
public final class JournalRecord {
  private final RecordType type;
  private final Instant time;
  private final String deviceKey;
  private final String txId;
  private final String url;
  private final String vendor;
  private final String user;
  private final Secret oldSecret;
  private final Secret newSecret;
  private final String text;

  private JournalRecord(
      RecordType type,
      Instant time,
      String deviceKey,
      String txId,
      String url,
      String vendor,
      String user,
      Secret oldSecret,
      Secret newSecret,
      String text) {
    this.type = Objects.requireNonNull(type);
    this.time = Objects.requireNonNull(time);
    this.deviceKey = nz(deviceKey);
    this.txId = nz(txId);
    this.url = nz(url);
    this.vendor = nz(vendor);
    this.user = nz(user);
    this.oldSecret = oldSecret;
    this.newSecret = newSecret;
    this.text = nz(text);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /**
   * A device of the plan with its inventory password.
   *
   * @param time when
   * @param deviceKey the device key
   * @param url the device URL
   * @param vendor the vendor id
   * @param user the account
   * @param password the inventory password
   * @param endpointOptions how to reach it (TLS trust, plaintext permission), never a secret
   * @return the record
   */
  public static JournalRecord planned(
      Instant time,
      String deviceKey,
      String url,
      String vendor,
      String user,
      Secret password,
      String endpointOptions) {
    return new JournalRecord(
        RecordType.PLANNED,
        time,
        deviceKey,
        "",
        url,
        vendor,
        user,
        Objects.requireNonNull(password),
        null,
        endpointOptions);
  }

  /**
   * The intent to change {@code oldSecret} into {@code newSecret}.
   *
   * @param time when
   * @param deviceKey the device key
   * @param txId the transaction
   * @param oldSecret the current password
   * @param newSecret the new password
   * @return the record
   */
  public static JournalRecord intent(
      Instant time, String deviceKey, String txId, Secret oldSecret, Secret newSecret) {
    return new JournalRecord(
        RecordType.INTENT,
        time,
        deviceKey,
        txId,
        "",
        "",
        "",
        Objects.requireNonNull(oldSecret),
        Objects.requireNonNull(newSecret),
        "");
  }

  /**
   * A step of a transaction without secrets.
   *
   * @param type the step
   * @param time when
   * @param deviceKey the device key
   * @param txId the transaction
   * @param text a reason or note (never a secret), may be empty
   * @return the record
   */
  public static JournalRecord step(
      RecordType type, Instant time, String deviceKey, String txId, String text) {
    if (type == RecordType.PLANNED || type == RecordType.INTENT) {
      throw new IllegalArgumentException(type + " carries secrets");
    }
    return new JournalRecord(type, time, deviceKey, txId, "", "", "", null, null, text);
  }

  static JournalRecord decoded(
      RecordType type,
      Instant time,
      String deviceKey,
      String txId,
      String url,
      String vendor,
      String user,
      Secret oldSecret,
      Secret newSecret,
      String text) {
    return new JournalRecord(
        type, time, deviceKey, txId, url, vendor, user, oldSecret, newSecret, text);
  }

  /**
   * The record type.
   *
   * @return the type
   */
  public RecordType type() {
    return type;
  }

  /**
   * When the record was written.
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  /**
   * The device key ({@code url user}); empty for journal-wide records.
   *
   * @return the key
   */
  public String deviceKey() {
    return deviceKey;
  }

  /**
   * The transaction id; empty where none.
   *
   * @return the id
   */
  public String txId() {
    return txId;
  }

  /**
   * The device URL (PLANNED only).
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * The vendor id (PLANNED only).
   *
   * @return the vendor
   */
  public String vendor() {
    return vendor;
  }

  /**
   * The account (PLANNED only).
   *
   * @return the user
   */
  public String user() {
    return user;
  }

  /**
   * PLANNED: the inventory password; INTENT: the old password.
   *
   * @return the secret, or null
   */
  public Secret oldSecret() {
    return oldSecret;
  }

  /**
   * INTENT: the new password.
   *
   * @return the secret, or null
   */
  public Secret newSecret() {
    return newSecret;
  }

  /**
   * A reason or note; never a secret.
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  @Override
  public String toString() {
    return "JournalRecord[" + type + " " + deviceKey + (txId.isEmpty() ? "" : " tx=" + txId) + "]";
  }
}
