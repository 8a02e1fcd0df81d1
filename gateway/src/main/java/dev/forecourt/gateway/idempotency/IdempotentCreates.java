package dev.forecourt.gateway.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.platform.api.CorrelationIds;
import dev.forecourt.platform.problem.Problem;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on creates (ARCHITECTURE.md, REST), for every service at once: a POST
 * carrying the header is forwarded once per caller and key; a retry of the same request gets the
 * first answer again (marked {@code Idempotent-Replayed: true}) instead of a second record. The
 * same key with another request is refused (422), and a retry while the first is still on its way
 * is told to wait (409, {@code Retry-After}). Answers of 5xx, or no answer, are not kept, so a
 * retry goes through again. Keys last 24 hours. Bodies up to {@link #MAX_BODY} only: the request
 * is read whole to compare it with the first (a bulk import file is not a create to repeat).
 */
@ApplicationScoped
public class IdempotentCreates {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_BODY = 1024 * 1024;
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    /** Headers of an answer worth repeating; the rest (Date, connection handling) belong to the moment. */
    private static final List<String> KEPT_HEADERS = List.of("content-type", "location", "etag");
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade", "content-length", "proxy-connection");
    private static final Logger LOG = Logger.getLogger(IdempotentCreates.class);

    @Inject
    IdempotencyRecords records;

    @Inject
    ObjectMapper json;

    /** Handles a POST with the header; passes any other request on to the plain forwarding route. */
    public void handle(RoutingContext ctx, HttpClient client, URI target) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null || !(ctx.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
            ctx.next();
            return;
        }
        String correlation = CorrelationIds.acceptOrCreate(ctx.request().getHeader(CorrelationIds.HEADER));
        ctx.request().headers().set(CorrelationIds.HEADER, correlation);
        if (!VALID_KEY.matcher(key).matches()) {
            problem(ctx, 400, "idempotency-key-invalid", "Idempotency-Key is not valid",
                    "an Idempotency-Key is 1 to 200 visible ASCII characters, e.g. a UUID", "Pattern");
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !length.matches("\\d{1,9}") || Integer.parseInt(length) > MAX_BODY) {
            problem(ctx, 413, "idempotency-key-body-too-large", "Request too large for an Idempotency-Key",
                    "an Idempotency-Key is honoured on requests with a Content-Length of at most " + MAX_BODY
                            + " bytes; send this one without the header", "MaxBody");
            return;
        }
        String principal = user.getSecurityIdentity().getPrincipal().getName();
        String method = ctx.request().method().name();
        String path = ctx.request().uri();
        Future<Buffer> read = ctx.request().body();
        ctx.request().resume(); // paused while the token was checked; plain forwarding resumes it by piping
        read
                .compose(body -> ctx.vertx().executeBlocking(() ->
                                records.claim(principal, key, method, path, hash(method, path, body)), false)
                        .compose(claim -> switch (claim) {
                            case IdempotencyRecords.Claimed c -> forward(ctx, client, target, body)
                                    .compose(live -> keep(ctx.vertx(), principal, key, live.answer()).map(live))
                                    .recover(failure -> release(ctx.vertx(), principal, key)
                                            .compose(v -> Future.failedFuture(failure)))
                                    .onSuccess(live -> {
                                        // The first answer passes with all its headers (Retry-After, the
                                        // correlation id, ...); a replay repeats the kept ones.
                                        live.headers().forEach(h -> {
                                            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                                                ctx.response().headers().add(h.getKey(), h.getValue());
                                            }
                                        });
                                        ctx.response().setStatusCode(live.answer().status()).putHeader(REPLAYED, "false")
                                                .end(Buffer.buffer(live.answer().body()));
                                    })
                                    .mapEmpty();
                            case IdempotencyRecords.Answered a -> {
                                replay(ctx, a.answer());
                                yield Future.<Void>succeededFuture();
                            }
                            case IdempotencyRecords.InFlight f -> {
                                ctx.response().putHeader("Retry-After", "1");
                                problem(ctx, 409, "idempotency-key-in-flight", "Request still in progress",
                                        "a request with this Idempotency-Key is still being processed; retry shortly",
                                        "InFlight");
                                yield Future.<Void>succeededFuture();
                            }
                            case IdempotencyRecords.UsedElsewhere u -> {
                                problem(ctx, 422, "idempotency-key-reused", "Idempotency-Key already used",
                                        "this Idempotency-Key was used within 24 hours for a different request ("
                                                + u.method() + " " + u.path() + ", or another body); use a new key for a"
                                                + " new request", "SameRequest");
                                yield Future.<Void>succeededFuture();
                            }
                        }))
                .onFailure(failure -> {
                    LOG.warnf("idempotent %s %s failed: %s", method, path, failure.getMessage());
                    if (!ctx.response().headWritten()) {
                        problem(ctx, 502, "unavailable", "Service unavailable",
                                "the service behind " + path.split("\\?")[0] + " (or the gateway's record of"
                                        + " Idempotency-Keys) did not answer; retry with the same Idempotency-Key", null);
                    }
                });
    }

    /** The service's answer, and all the headers it came with. */
    private record Live(IdempotencyRecords.Answer answer, MultiMap headers) {
    }

    private Future<Live> forward(RoutingContext ctx, HttpClient client, URI target, Buffer body) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        ctx.request().headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(target.getHost())
                .setPort(target.getPort() > 0 ? target.getPort() : 80).setURI(ctx.request().uri()).setHeaders(headers);
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(answer -> {
                    StringBuilder kept = new StringBuilder();
                    for (String name : KEPT_HEADERS) {
                        String value = response.getHeader(name);
                        if (value != null) {
                            kept.append(name).append(": ").append(value).append('\n');
                        }
                    }
                    return new Live(new IdempotencyRecords.Answer(response.statusCode(), kept.toString(), answer.getBytes()),
                            response.headers());
                }));
    }

    /** Keeps an answer below 500; a server error is given up so that a retry is forwarded again. */
    private Future<Void> keep(Vertx vertx, String principal, String key, IdempotencyRecords.Answer answer) {
        if (answer.status() >= 500) {
            return release(vertx, principal, key);
        }
        return vertx.executeBlocking(() -> {
            records.answer(principal, key, answer);
            return null;
        }, false);
    }

    private Future<Void> release(Vertx vertx, String principal, String key) {
        return vertx.executeBlocking(() -> {
            records.release(principal, key);
            return null;
        }, false);
    }

    private static void replay(RoutingContext ctx, IdempotencyRecords.Answer answer) {
        var response = ctx.response().setStatusCode(answer.status());
        if (answer.headers() != null) {
            answer.headers().lines().forEach(line -> {
                int colon = line.indexOf(':');
                response.putHeader(line.substring(0, colon), line.substring(colon + 1).strip());
            });
        }
        response.putHeader(REPLAYED, "true").putHeader(CorrelationIds.HEADER, ctx.request().getHeader(CorrelationIds.HEADER));
        response.end(Buffer.buffer(answer.body() == null ? new byte[0] : answer.body()));
    }

    private void problem(RoutingContext ctx, int status, String slug, String title, String detail, String rule) {
        Problem p = new Problem(Problem.type(slug), title, status, detail, ctx.request().path(),
                rule == null ? List.of() : List.of(new Problem.FieldError(HEADER, rule, detail)),
                ctx.request().getHeader(CorrelationIds.HEADER));
        String body;
        try {
            body = json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }

    /** The request as compared with a retry: method, path with query, and body. */
    static String hash(String method, String path, Buffer body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(body.getBytes());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
