package io.nvrkit.core.reset;

import io.nvrkit.core.NvrException;
import java.util.List;
import java.util.stream.Collectors;

/** A {@link ResetRequest} failed validation; {@link #problems()} names every field and reason. */
public class InvalidResetRequestException extends NvrException {
  private static final long serialVersionUID = 1L;

  /** The problems; not serialized. */
  private final transient List<FieldProblem> problems;

  /**
   * Creates the exception.
   *
   * @param problems every problem found (at least one)
   */
  public InvalidResetRequestException(List<FieldProblem> problems) {
    super(
        "invalid reset request: "
            + problems.stream()
                .map(p -> p.field() + ": " + p.reason())
                .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  /**
   * Every field refused, with its reason.
   *
   * @return the problems
   */
  public List<FieldProblem> problems() {
    return problems;
  }
}
