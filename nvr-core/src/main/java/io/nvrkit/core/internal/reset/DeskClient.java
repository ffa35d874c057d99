package io.nvrkit.core.internal.reset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvrkit.core.AuthenticationFailedException;
import io.nvrkit.core.ConnectOptions;
import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.DeviceRejectedException;
import io.nvrkit.core.NvrException;
import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.Secret;
import io.nvrkit.core.reset.EvidencePhoto;
import io.nvrkit.core.reset.FieldProblem;
import io.nvrkit.core.reset.InvalidResetRequestException;
import io.nvrkit.core.reset.ResetGrant;
import io.nvrkit.core.reset.ResetRequest;
import io.nvrkit.core.reset.ResetTicket;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.io.IOException;
import java.nio.CharBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the reset-desk protocol behind {@link io.nvrkit.core.reset.HttpResetChannel}:
 * builds the multipart submission, polls and completes tickets, and parses the desk's answers with
 * bounded, hardened JSON reading (the temporary password never becomes a {@code String}). Immutable
 * and thread-safe.
 */
public final class DeskClient {
  private static final Logger LOG =
      LoggerFactory.getLogger(io.nvrkit.core.reset.HttpResetChannel.class);
  private static final String PATH = "/v1/reset-requests";

  /** The largest answer read from a desk. */
  public static final long MAX_ANSWER_BYTES = 64 * 1024;

  private static final JsonFactory STREAMING =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxDocumentLength(MAX_ANSWER_BYTES)
                  .maxNestingDepth(8)
                  .maxStringLength(8 * 1024)
                  .maxNumberLength(32)
                  .build())
          .build();

  private final DeviceEndpoint desk;
  private final Secret bearerToken;
  private final ConnectOptions options;
  private final BiFunction<DeviceEndpoint, ConnectOptions, DeviceHttp> transport;

  /**
   * A client of the desk.
   *
   * @param desk the desk's base endpoint
   * @param bearerToken the token, or null for none
   * @param options timeouts and the answer size limit
   * @param transport the transport factory
   */
  public DeskClient(
      DeviceEndpoint desk,
      Secret bearerToken,
      ConnectOptions options,
      BiFunction<DeviceEndpoint, ConnectOptions, DeviceHttp> transport) {
    this.desk = desk;
    this.bearerToken = bearerToken;
    this.options = options;
    this.transport = transport;
  }

  /**
   * Posts the request. The ticket's location is the URL of the ticket on the desk.
   *
   * @param request a validated request
   * @return the ticket, status {@link ResetTicket.Status#SUBMITTED}
   * @throws InvalidResetRequestException if the desk refused fields (400), with the desk's problems
   * @throws AuthenticationFailedException if the desk refused the bearer token (401)
   * @throws DeviceRejectedException for any other refusal (e.g. 413, 5xx), with the status as code
   * @throws ProtocolException if the answer is malformed
   * @throws io.nvrkit.core.DeviceUnreachableException if the desk cannot be reached
   * @throws io.nvrkit.core.TlsTrustException if its certificate is not trusted
   */
  public ResetTicket submit(ResetRequest request) {
    Objects.requireNonNull(request, "request");
    Multipart body = new Multipart();
    body.text(ResetForm.VENDOR, request.vendor());
    for (ResetForm.Field f : ResetForm.fields(request)) {
      if (f.value().isEmpty()) {
        continue; // only e-mail is optional
      }
      body.text(f.name(), f.value());
      if (f.sourceField() != null) {
        body.text(f.sourceField(), f.provenance().name());
      }
    }
    for (EvidencePhoto p : ResetForm.photos(request)) {
      String field = EvidencePhoto.fieldName(p.kind());
      body.file(field, p.fileName(), p.mediaType(), p.bytes());
      body.text(field + "Sha256", p.sha256());
    }
    DeviceHttpRequest.Builder rb =
        DeviceHttpRequest.post("submitResetRequest", PATH, body.contentType(), body.finish())
            .header("Accept", "application/json");
    DeviceHttpResponse r = exchange(rb, "submitResetRequest");
    switch (r.status()) {
      case 201:
      case 200:
        return ticketFrom(r);
      case 400:
        throw new InvalidResetRequestException(problems(r));
      default:
        throw refusal(r, "submitResetRequest", "the desk refused the reset request");
    }
  }

  /**
   * Asks the desk whether it has answered.
   *
   * @param ticket a ticket from {@link #submit(ResetRequest)}
   * @return the grant when the desk has issued a temporary password; empty while the request is
   *     still {@link ResetTicket.Status#SUBMITTED}
   * @throws DeviceRejectedException if the desk rejected the request (code {@code REJECTED}, with
   *     the desk's reason), the request expired ({@code EXPIRED}) or was completed ({@code
   *     COMPLETED}), or the ticket is unknown ({@code 404})
   * @throws AuthenticationFailedException if the desk refused the bearer token (401)
   * @throws ProtocolException if the answer is malformed
   * @throws io.nvrkit.core.DeviceUnreachableException if the desk cannot be reached
   */
  public Optional<ResetGrant> poll(ResetTicket ticket) {
    Objects.requireNonNull(ticket, "ticket");
    String id = checkTicketId(ticket.id());
    DeviceHttpResponse r =
        exchange(
            DeviceHttpRequest.get("pollResetRequest", PATH + "/" + id)
                .header("Accept", "application/json"),
            "pollResetRequest");
    try {
      if (r.status() != 200) {
        if (r.status() == 404) {
          throw new DeviceRejectedException(
              "the desk does not know ticket " + id,
              desk.toString(),
              "pollResetRequest",
              "404",
              null);
        }
        throw refusal(r, "pollResetRequest", "the desk refused to report on ticket " + id);
      }
      return parsePoll(id, r.body());
    } finally {
      Arrays.fill(r.body(), (byte) 0);
    }
  }

  /**
   * Tells the desk that the temporary password was replaced (optional in the protocol; the desk may
   * then mark the ticket completed).
   *
   * @param ticket the granted ticket
   * @throws DeviceRejectedException if the desk refuses (code: the HTTP status)
   * @throws AuthenticationFailedException if the desk refused the bearer token (401)
   * @throws io.nvrkit.core.DeviceUnreachableException if the desk cannot be reached
   */
  public void complete(ResetTicket ticket) {
    Objects.requireNonNull(ticket, "ticket");
    String id = checkTicketId(ticket.id());
    DeviceHttpResponse r =
        exchange(
            DeviceHttpRequest.post(
                "completeResetRequest", PATH + "/" + id + "/completion", null, new byte[0]),
            "completeResetRequest");
    if (r.status() != 204 && r.status() != 200) {
      throw refusal(r, "completeResetRequest", "the desk refused the completion of ticket " + id);
    }
  }

  // ------------------------------------------------------------------ exchange

  private DeviceHttpResponse exchange(DeviceHttpRequest.Builder rb, String operation) {
    if (!desk.isTls() && !desk.isLoopback() && !desk.allowPlaintextSecrets()) {
      throw new io.nvrkit.core.PlaintextRefusedException(
          "refusing plain HTTP to a non-loopback reset desk: it carries a bearer token and"
              + " temporary passwords; use https or allow plaintext secrets on the endpoint",
          desk.toString(),
          operation);
    }
    char[] auth = null;
    try {
      if (bearerToken != null) {
        char[] t = bearerToken.copyChars();
        auth = new char[7 + t.length];
        "Bearer ".getChars(0, 7, auth, 0);
        System.arraycopy(t, 0, auth, 7, t.length);
        Arrays.fill(t, '\0');
        rb.header("Authorization", new String(auth));
      }
      long start = System.nanoTime();
      try (DeviceHttp http = transport.apply(desk, options)) {
        DeviceHttpResponse r = http.execute(rb.build());
        if (LOG.isDebugEnabled()) {
          LOG.debug(
              "{} {} -> {} in {} ms",
              operation,
              desk,
              r.status(),
              (System.nanoTime() - start) / 1_000_000);
        }
        return r;
      }
    } finally {
      if (auth != null) {
        Arrays.fill(auth, '\0');
      }
    }
  }

  private NvrException refusal(DeviceHttpResponse r, String operation, String what) {
    if (r.status() == 401) {
      return new AuthenticationFailedException(
          "the reset desk refused the bearer token (401)", desk.toString(), operation, -1, null);
    }
    String hint = r.status() == 413 ? " (the request is larger than the desk accepts)" : "";
    return new DeviceRejectedException(
        what + ": HTTP " + r.status() + hint,
        desk.toString(),
        operation,
        Integer.toString(r.status()),
        null);
  }

  private ProtocolException malformed(String operation, String what, Throwable cause) {
    return new ProtocolException(
        "malformed answer from the reset desk: " + what, desk.toString(), operation, cause);
  }

  // ------------------------------------------------------------------ parsing

  private ResetTicket ticketFrom(DeviceHttpResponse r) {
    ObjectNode o;
    try {
      o = BoundedJson.parseObject(r.body());
      String id = checkTicketIdFromDesk(BoundedJson.text(o, "ticket"));
      String status = BoundedJson.text(o, "status");
      if (!"SUBMITTED".equals(status)) {
        throw malformed("submitResetRequest", "a new ticket has status " + clip(status), null);
      }
      Instant at = Instant.parse(BoundedJson.text(o, "submittedAt"));
      return new ResetTicket(
          id, ResetTicket.Status.SUBMITTED, at, desk.resolve(PATH + "/" + id).toString());
    } catch (IOException | DateTimeParseException e) {
      throw malformed("submitResetRequest", "not a ticket", e);
    }
  }

  private List<FieldProblem> problems(DeviceHttpResponse r) {
    try {
      ObjectNode o = BoundedJson.parseObject(r.body());
      JsonNode ps = o.get("problems");
      if (ps == null || !ps.isArray() || ps.isEmpty()) {
        throw malformed("submitResetRequest", "a 400 answer without problems", null);
      }
      List<FieldProblem> out = new ArrayList<>();
      for (JsonNode p : ps) {
        if (out.size() == 50) {
          break;
        }
        out.add(
            new FieldProblem(
                clip(BoundedJson.text(p, "field")), clip(BoundedJson.text(p, "reason"))));
      }
      return out;
    } catch (IOException e) {
      throw malformed("submitResetRequest", "a 400 answer that is not a problem list", e);
    }
  }

  /** {@code grantKind}: absent means a temporary password (protocol v1 before grant kinds). */
  private ResetGrant.Kind grantKind(String wire) {
    if (wire == null) {
      return ResetGrant.Kind.TEMPORARY_PASSWORD;
    }
    for (ResetGrant.Kind k : ResetGrant.Kind.values()) {
      if (k.name().equals(wire)) {
        return k;
      }
    }
    throw malformed("pollResetRequest", "unknown grantKind", null);
  }

  private Optional<ResetGrant> parsePoll(String expectedId, byte[] body) {
    String ticket = null;
    String status = null;
    String validUntil = null;
    String reason = null;
    String grantKind = null;
    char[] password = null;
    try (JsonParser p = STREAMING.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw malformed("pollResetRequest", "not a JSON object", null);
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        if (v != JsonToken.VALUE_STRING) {
          if (v != JsonToken.VALUE_NULL && isKnown(name)) {
            throw malformed("pollResetRequest", "member '" + name + "' is not a string", null);
          }
          continue;
        }
        switch (name) {
          case "ticket":
            ticket = p.getText();
            break;
          case "status":
            status = p.getText();
            break;
          case "validUntil":
            validUntil = p.getText();
            break;
          case "reason":
            reason = p.getText();
            break;
          case "grantKind":
            grantKind = p.getText();
            break;
          case "temporaryPassword":
            if (password != null) {
              Arrays.fill(password, '\0');
            }
            password =
                Arrays.copyOfRange(
                    p.getTextCharacters(),
                    p.getTextOffset(),
                    p.getTextOffset() + p.getTextLength());
            break;
          default:
            break;
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw malformed("pollResetRequest", "trailing content after the JSON object", null);
      }
      if (ticket == null || status == null) {
        throw malformed("pollResetRequest", "ticket or status missing", null);
      }
      if (!ticket.equals(expectedId)) {
        throw malformed("pollResetRequest", "the answer is about another ticket", null);
      }
      switch (status) {
        case "SUBMITTED":
          return Optional.empty();
        case "GRANTED":
          if (password == null || password.length == 0 || validUntil == null) {
            throw malformed(
                "pollResetRequest",
                "a granted ticket without temporary password or validity",
                null);
          }
          Instant until = Instant.parse(validUntil);
          ResetGrant.Kind kind = grantKind(grantKind);
          Secret secret = Secret.wrap(password);
          password = null; // now owned by the secret
          LOG.debug("reset ticket {} granted, valid until {}", expectedId, until);
          return Optional.of(ResetGrant.of(expectedId, kind, secret, until));
        case "REJECTED":
          throw new DeviceRejectedException(
              "the desk rejected reset request "
                  + expectedId
                  + (reason == null ? "" : ": " + clip(reason)),
              desk.toString(),
              "pollResetRequest",
              "REJECTED",
              null);
        case "EXPIRED":
          throw new DeviceRejectedException(
              "reset request " + expectedId + " expired; submit a new one",
              desk.toString(),
              "pollResetRequest",
              "EXPIRED",
              null);
        case "COMPLETED":
          throw new DeviceRejectedException(
              "reset request "
                  + expectedId
                  + " is already completed; its temporary password was"
                  + " used",
              desk.toString(),
              "pollResetRequest",
              "COMPLETED",
              null);
        default:
          throw malformed("pollResetRequest", "unknown status " + clip(status), null);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Jackson's message may quote the offending token, which may be the password: keep only
      // the position, and drop the cause
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw malformed(
          "pollResetRequest",
          "not valid JSON"
              + (at == null ? "" : " near offset " + at.getByteOffset() + " of the body"),
          null);
    } catch (IOException | DateTimeParseException e) {
      throw malformed("pollResetRequest", "not a ticket status", null);
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private static boolean isKnown(String name) {
    switch (name) {
      case "ticket":
      case "status":
      case "validUntil":
      case "reason":
      case "temporaryPassword":
        return true;
      default:
        return false;
    }
  }

  private static String checkTicketId(String id) {
    if (!id.matches("[A-Za-z0-9._~-]{1,128}") || id.equals(".") || id.equals("..")) {
      throw new IllegalArgumentException("not a reset-desk ticket id");
    }
    return id;
  }

  private String checkTicketIdFromDesk(String id) {
    try {
      return checkTicketId(id);
    } catch (IllegalArgumentException e) {
      throw malformed("submitResetRequest", "ticket id has characters outside [A-Za-z0-9._~-]", e);
    }
  }

  /** Free text from the desk, for a message: control characters removed, at most 200 chars. */
  private static String clip(String s) {
    StringBuilder sb = new StringBuilder();
    CharBuffer.wrap(s)
        .chars()
        .filter(c -> !Character.isISOControl(c))
        .limit(200)
        .forEach(c -> sb.append((char) c));
    return sb.toString();
  }
}
