package dev.forecourt.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response. {@code errors} names each
 * offending field and the rule it broke, so a client can show the message beside the field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(URI type, String title, int status, String detail, String instance,
                      List<FieldError> errors, String correlationId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://forecourt.dev/problems/";

    /** One field and the rule it broke, e.g. {@code storeId} / {@code NotBlank} / "must not be blank". */
    public record FieldError(String field, String rule, String message) {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    public Problem withContext(String instance, String correlationId) {
        return new Problem(type, title, status, detail, instance, errors, correlationId);
    }
}
