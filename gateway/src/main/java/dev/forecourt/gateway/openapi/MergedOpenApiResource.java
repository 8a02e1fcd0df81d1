package dev.forecourt.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forecourt.gateway.config.GatewayConfig;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The one OpenAPI document of the whole API, merged from the services' documents on request. */
@Path("/openapi.json")
public class MergedOpenApiResource {

    private static final Logger LOG = Logger.getLogger(MergedOpenApiResource.class);
    // HTTP/1.1: the JDK client's default h2c upgrade against the services' Vert.x server failed now
    // and then on a large document ("Frame type(32) length(3809371) exceeds MAX_FRAME_SIZE"), and
    // the merged document then silently lacked that service (seen once in CI).
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev")
    String version;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The merged OpenAPI document of every service behind the gateway")
    public ObjectNode document() {
        Map<String, CompletableFuture<JsonNode>> fetches = new LinkedHashMap<>();
        config.openapi().forEach((service, base) -> fetches.put(service, fetch(service, base)));
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        fetches.forEach((service, f) -> documents.put(service, f.join()));
        return new OpenApiMerger(json).merge(version, documents);
    }

    private CompletableFuture<JsonNode> fetch(String service, URI base) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(3)).build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> {
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("status " + r.statusCode());
                    }
                    try {
                        return json.readTree(r.body());
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .exceptionally(e -> {
                    LOG.warnf("OpenAPI of %s unavailable: %s", service, e.getMessage());
                    return null;
                });
    }
}
