package dev.forecourt.platform.api;

import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;

import java.util.UUID;

/**
 * The paging parameters of every list ({@code ?limit=&cursor=}), taken as text and validated
 * here so a bad value is a 422 naming the parameter rather than JAX-RS's bare 404.
 */
public class PageRequest {

    @QueryParam("limit")
    @DefaultValue("50")
    @Pattern(regexp = "[1-9]|[1-9][0-9]|1[0-9][0-9]|200", message = "must be a whole number from 1 to 200")
    String limit;

    @QueryParam("cursor")
    @Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
            message = "must be the nextCursor of a previous page")
    String cursor;

    public int limit() {
        return Integer.parseInt(limit);
    }

    public UUID cursor() {
        return cursor == null || cursor.isBlank() ? null : UUID.fromString(cursor);
    }
}
