package dev.forecourt.gateway.routing;

import dev.forecourt.gateway.config.GatewayConfig;
import dev.forecourt.gateway.idempotency.IdempotentCreates;
import dev.forecourt.platform.api.CorrelationIds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;

/**
 * Forwards {@code /api/<resource>/...} to the service that owns the resource, unchanged:
 * method, path, query, headers (the bearer token included) and body; a POST with an
 * {@code Idempotency-Key} goes through {@link IdempotentCreates}. The token is checked
 * here first (application.properties) and again by the service.
 */
@ApplicationScoped
public class ServiceRoutes {

    private static final Logger LOG = Logger.getLogger(ServiceRoutes.class);

    void register(@Observes Router router, Vertx vertx, GatewayConfig config, IdempotentCreates idempotent) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(64));
        config.routes().forEach((resource, target) -> {
            HttpProxy proxy = proxyTo(client, target).addInterceptor(new ServiceUnavailableAsProblem(resource));
            // A create with an Idempotency-Key is forwarded by IdempotentCreates; everything else streams through.
            router.post("/api/" + resource).handler(ctx -> idempotent.handle(ctx, client, target));
            router.post("/api/" + resource + "/*").handler(ctx -> idempotent.handle(ctx, client, target));
            router.route("/api/" + resource).handler(ctx -> forward(proxy, ctx));
            router.route("/api/" + resource + "/*").handler(ctx -> forward(proxy, ctx));
            LOG.infof("route /api/%s -> %s", resource, target);
        });
        config.openapi().forEach((service, target) -> {
            HttpProxy proxy = proxyTo(client, target).addInterceptor(new ProxyInterceptor() {
                @Override
                public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                    context.request().setURI("/q/openapi?format=json");
                    return context.sendRequest();
                }
            });
            router.get("/openapi/" + service).handler(ctx -> proxy.handle(ctx.request()));
        });
    }

    /** A service that cannot be reached answers 502 problem+json naming it, like every other error. */
    record ServiceUnavailableAsProblem(String resource) implements ProxyInterceptor {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                String correlation = context.request().headers().get(CorrelationIds.HEADER);
                String body = "{\"type\":\"https://forecourt.dev/problems/unavailable\",\"title\":\"Service unavailable\","
                        + "\"status\":502,\"detail\":\"The service behind /api/" + resource + " did not answer; try again shortly\","
                        + "\"instance\":\"" + context.request().getURI().split("\\?")[0] + "\","
                        + "\"correlationId\":\"" + correlation + "\"}";
                LOG.warnf("/api/%s unavailable: %s", resource, failure.getMessage());
                ProxyResponse response = context.request().response()
                        .setStatusCode(502)
                        .putHeader("Content-Type", "application/problem+json")
                        .setBody(Body.body(Buffer.buffer(body)));
                return Future.succeededFuture(response);
            });
        }
    }

    /** Forwards with a correlation id: the caller's, or a new one, which the service echoes back. */
    private static void forward(HttpProxy proxy, RoutingContext ctx) {
        ctx.request().headers().set(CorrelationIds.HEADER,
                CorrelationIds.acceptOrCreate(ctx.request().getHeader(CorrelationIds.HEADER)));
        proxy.handle(ctx.request());
    }

    private static HttpProxy proxyTo(HttpClient client, URI target) {
        int port = target.getPort() > 0 ? target.getPort() : ("https".equals(target.getScheme()) ? 443 : 80);
        return HttpProxy.reverseProxy(client).origin(port, target.getHost());
    }
}
