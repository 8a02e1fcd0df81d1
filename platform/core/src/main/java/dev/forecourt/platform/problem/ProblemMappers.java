package dev.forecourt.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.forecourt.platform.api.CorrelationIds;
import dev.forecourt.platform.persistence.SqlStates;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import org.hibernate.exception.JDBCConnectionException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into problem+json: field-level errors for invalid input, 400 for
 * malformed JSON, 404/409/412/503 from {@link ProblemException}, and never a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath()), rule(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem(Problem.type("validation"), "Request is not valid", 422, detail, null, errors, null), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformed(JsonProcessingException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            errors.add(new Problem.FieldError(field, "type", "has the wrong type or format"));
        }
        return respond(new Problem(Problem.type("malformed"), "Malformed JSON", 400,
                e.getOriginalMessage(), null, errors, null), uri);
    }

    /** Jackson's wrong-type errors (an unknown enum value, text for a number): named, not Quarkus's default body. */
    @ServerExceptionMapper(priority = 1)
    public Response wrongType(MismatchedInputException e, UriInfo uri) {
        return malformed(e, uri);
    }

    @ServerExceptionMapper
    public Response staleWrite(OptimisticLockException e, UriInfo uri) {
        return respond(new Problem(Problem.type("conflict"), "Concurrent update", 409,
                "The record was changed by someone else meanwhile: read it again and retry", null, List.of(), null), uri);
    }

    /** The database cannot be reached (down, restarting, pool exhausted): a retryable 503, not a 500. */
    @ServerExceptionMapper
    public Response databaseUnavailable(JDBCConnectionException e, UriInfo uri) {
        LOG.warnf("database unavailable on %s: %s", uri.getPath(), e.getMessage());
        return respond(ProblemException.unavailable("The database", "Try again shortly").problem(), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json, uri); // the body reader wraps unreadable JSON
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request failed";
        return respond(new Problem(Problem.type(slug(title)), title, status, e.getMessage(), null, List.of(), null), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof UnauthorizedException || e instanceof AuthenticationFailedException) {
            return respond(new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                    "A valid bearer token is required", null, List.of(), null), uri);
        }
        if (e instanceof ForbiddenException) {
            return respond(new Problem(Problem.type("forbidden"), "Forbidden", 403,
                    "Your roles do not allow this", null, List.of(), null), uri);
        }
        if (isTransactionConflict(e)) {
            // A deadlock or serialization failure: the database rolled this request back; the same
            // request sent again will most likely go through.
            LOG.infof("transaction conflict on %s, answered 503: %s", uri.getPath(), e.getMessage());
            return Response.fromResponse(respond(new Problem(Problem.type("transaction-conflict"), "Concurrent change", 503,
                    "Another change to the same records got in the way; send the request again", null, List.of(), null),
                    uri)).header("Retry-After", "1").build();
        }
        if (isUniqueViolation(e)) {
            // Two requests raced for the same unique value (one VIN on two orders, one car's slot on two
            // test drives): the loser is told so.
            return respond(new Problem(Problem.type("conflict"), "Conflict", 409,
                    "Another change took this value first; read the record again and retry", null, List.of(), null), uri);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, uri.getPath());
        return respond(new Problem(Problem.type("internal"), "Internal error", 500,
                "Something went wrong on our side; quote error id " + errorId, null, List.of(), null), uri);
    }

    /**
     * A unique-key (SQLSTATE 23505) or exclusion-constraint (23P01) violation anywhere in the cause
     * chain: a flush or a commit wraps it.
     */
    static boolean isUniqueViolation(Throwable e) {
        return SqlStates.has(e, "23505", "23P01");
    }

    /** A deadlock (SQLSTATE 40P01) or serialization failure (40001) anywhere in the cause chain. */
    static boolean isTransactionConflict(Throwable e) {
        return SqlStates.has(e, "40P01", "40001");
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withContext(uri.getPath(), CorrelationIds.current()))
                .build();
    }

    /** The field a violation is about, without the method and (for a body) parameter names. */
    static String field(Path path) {
        List<String> names = new ArrayList<>();
        Iterator<Path.Node> nodes = path.iterator();
        while (nodes.hasNext()) {
            Path.Node node = nodes.next();
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER && nodes.hasNext()) {
                continue; // the request body parameter: name its fields, not it
            }
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT && !names.isEmpty()) {
                // An element of a list or map field: phones[0], not phones.<list element>[0].
                Object at = node.getIndex() != null ? node.getIndex() : node.getKey();
                names.set(names.size() - 1, names.get(names.size() - 1) + (at == null ? "" : "[" + at + "]"));
                continue;
            }
            String name = node.getName() == null ? "" : node.getName();
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            }
            names.add(name);
        }
        return String.join(".", names);
    }

    private static String rule(ConstraintViolation<?> v) {
        return v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
