package dev.forecourt.platform.problem;

import java.util.List;

/**
 * A failure the client should hear about as problem+json: thrown from a service or rule and
 * turned into the response by {@link ProblemMappers}.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(new Problem(Problem.type("not-found"), what + " not found", 404,
                "No " + what + " with id " + id + " is visible to you", null, List.of(), null));
    }

    /** A 422 naming one field and the business rule it broke (for rules checked beyond bean validation). */
    public static ProblemException invalid(String field, String rule, String message) {
        return new ProblemException(new Problem(Problem.type("validation"), "Request is not valid", 422,
                field + ": " + message, null, List.of(new Problem.FieldError(field, rule, message)), null));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(new Problem(Problem.type("conflict"), "Conflict", 409, detail, null, List.of(), null));
    }

    public static ProblemException staleVersion(String expected, long actual) {
        return new ProblemException(new Problem(Problem.type("stale-version"), "Stale version", 412,
                "If-Match " + expected + " does not match the current version \"" + actual
                        + "\": read the record again and retry", null, List.of(), null));
    }

    public static ProblemException unavailable(String dependency, String detail) {
        return new ProblemException(new Problem(Problem.type("unavailable"), dependency + " is unavailable", 503,
                detail, null, List.of(), null));
    }
}
