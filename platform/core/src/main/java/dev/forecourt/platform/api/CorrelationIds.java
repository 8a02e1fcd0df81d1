package dev.forecourt.platform.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Carries the {@code X-Correlation-Id} the gateway set (or makes one) through the request: into
 * the log context, into events written meanwhile (CloudEvent extension {@code correlationid}),
 * and back to the caller.
 */
public class CorrelationIds {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** The correlation id of the request being served on this thread, or null outside a request. */
    public static String current() {
        Object id = MDC.get(MDC_KEY);
        return id == null ? null : id.toString();
    }

    /** The caller's id when it is a safe token (no log injection), else a new one. */
    public static String acceptOrCreate(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    @ServerRequestFilter(preMatching = true)
    public void in(ContainerRequestContext request) {
        MDC.put(MDC_KEY, acceptOrCreate(request.getHeaderString(HEADER)));
    }

    @ServerResponseFilter
    public void out(ContainerResponseContext response) {
        String id = current();
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove(MDC_KEY);
    }
}
