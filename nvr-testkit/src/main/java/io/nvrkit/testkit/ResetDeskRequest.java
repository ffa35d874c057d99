package io.nvrkit.testkit;

import io.nvrkit.core.reset.FieldProblem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One submission a {@link FakeResetDesk} received, for assertions: the text fields as sent, the
 * photos' media types, sizes and checksums (the photo bytes are not kept), what the desk answered
 * (status, ticket, problems) and whether a bearer token was presented and accepted.
 *
 * <pre>{@code
 * ResetDeskRequest r = desk.requests().get(0);
 * assertEquals(201, r.status());
 * assertEquals(Optional.of("9F3KQ2"), r.field("deviceId"));
 * }</pre>
 *
 * <p>{@link #toString()} shows the device fields and the outcome, never the requester's phone,
 * e-mail or names, nor the token. Immutable and thread-safe.
 */
public final class ResetDeskRequest {
  private final Instant received;
  private final Map<String, String> fields;
  private final Map<String, Photo> photos;
  private final int status;
  private final String ticket;
  private final List<FieldProblem> problems;
  private final boolean tokenPresented;

  /**
   * A photo part as received.
   *
   * @param fileName the part's file name, or empty
   * @param declaredType the part's Content-Type, or empty
   * @param detectedType {@code image/jpeg} or {@code image/png} by magic bytes, or empty
   * @param size its size in bytes
   * @param sha256 its SHA-256, lower-case hex
   */
  public record Photo(
      String fileName, String declaredType, String detectedType, long size, String sha256) {}

  /**
   * A recorded submission (the desk creates them; public for tests of code that consumes them).
   *
   * @param received when it arrived, on the desk's clock
   * @param fields the text fields, trimmed
   * @param photos the photos sent
   * @param status the HTTP status answered
   * @param ticket the ticket opened, or null
   * @param problems the problems answered in a 400
   * @param tokenPresented whether a bearer token was sent
   */
  public ResetDeskRequest(
      Instant received,
      Map<String, String> fields,
      Map<String, Photo> photos,
      int status,
      String ticket,
      List<FieldProblem> problems,
      boolean tokenPresented) {
    this.received = Objects.requireNonNull(received, "received");
    this.fields = Map.copyOf(fields);
    this.photos = Map.copyOf(photos);
    this.status = status;
    this.ticket = ticket;
    this.problems = List.copyOf(problems);
    this.tokenPresented = tokenPresented;
  }

  /**
   * When the desk received it, on the desk's clock.
   *
   * @return the instant
   */
  public Instant received() {
    return received;
  }

  /**
   * A text field as sent ({@code firstName}, {@code deviceId}, {@code displayedDate}, …).
   *
   * @param name the protocol's field name
   * @return its value, if sent
   */
  public Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /**
   * Every text field as sent.
   *
   * @return the fields by name
   */
  public Map<String, String> fields() {
    return fields;
  }

  /**
   * A photo part ({@code infoScreenPhoto} or {@code stickerPhoto}).
   *
   * @param name the part name
   * @return the photo, if sent
   */
  public Optional<Photo> photo(String name) {
    return Optional.ofNullable(photos.get(name));
  }

  /**
   * The HTTP status the desk answered: 201, 400, 401, 413, 415.
   *
   * @return the status
   */
  public int status() {
    return status;
  }

  /**
   * The ticket the desk opened.
   *
   * @return the ticket id, if the request was accepted
   */
  public Optional<String> ticket() {
    return Optional.ofNullable(ticket);
  }

  /**
   * The problems the desk reported (empty unless the status is 400).
   *
   * @return the problems
   */
  public List<FieldProblem> problems() {
    return problems;
  }

  /**
   * Whether an {@code Authorization: Bearer} header was sent.
   *
   * @return true if a token was presented
   */
  public boolean tokenPresented() {
    return tokenPresented;
  }

  /** Device fields and outcome; personal data and tokens are left out. */
  @Override
  public String toString() {
    return "ResetDeskRequest["
        + status
        + (ticket == null ? "" : " " + ticket)
        + ", model="
        + fields.get("model")
        + ", deviceId="
        + fields.get("deviceId")
        + ", serial="
        + fields.get("serial")
        + ", displayedDate="
        + fields.get("displayedDate")
        + ", photos="
        + photos.keySet().stream().sorted().toList()
        + (problems.isEmpty() ? "" : ", problems=" + problems)
        + ", requester=***]";
  }
}
