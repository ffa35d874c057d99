package io.nvrkit.core.reset;

import java.util.Objects;

/**
 * Why one field of a {@link ResetRequest} was refused.
 *
 * @param field the field, e.g. {@code deviceId} or {@code infoScreenPhoto}
 * @param reason what is wrong, for a person
 */
public record FieldProblem(String field, String reason) {
  /** Checks the components. */
  public FieldProblem {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
  }
}
