package dev.forecourt.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Merges the services' OpenAPI documents into the one document of the gateway's API: the union
 * of their paths, schemas, security schemes and tags. A service whose document could not be
 * read is named in {@code x-forecourt-unavailable} instead of failing the whole document.
 */
public final class OpenApiMerger {

    private final ObjectMapper json;

    public OpenApiMerger(ObjectMapper json) {
        this.json = json;
    }

    /** @param documents service name to its document, or to null when it could not be read */
    public ObjectNode merge(String version, Map<String, JsonNode> documents) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Forecourt API");
        info.put("version", version);
        info.put("description", "Every Forecourt service behind the gateway. Authenticate with a bearer token from "
                + "the Keycloak realm 'forecourt'. Errors are application/problem+json (RFC 9457).");
        merged.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        ArrayNode tags = merged.putArray("tags");
        Set<String> tagNames = new TreeSet<>();
        Set<String> unavailable = new TreeSet<>();

        documents.forEach((service, doc) -> {
            if (doc == null || !doc.has("paths")) {
                unavailable.add(service);
                return;
            }
            doc.path("paths").properties().forEach(p -> paths.set(p.getKey(), p.getValue()));
            doc.path("components").path("schemas").properties().forEach(s -> schemas.putIfAbsent(s.getKey(), s.getValue()));
            doc.path("components").path("securitySchemes").properties()
                    .forEach(s -> securitySchemes.putIfAbsent(s.getKey(), s.getValue()));
            doc.path("tags").forEach(t -> {
                if (tagNames.add(t.path("name").asText())) {
                    tags.add(t);
                }
            });
        });
        if (!unavailable.isEmpty()) {
            ArrayNode missing = merged.putArray("x-forecourt-unavailable");
            unavailable.forEach(missing::add);
        }
        return merged;
    }
}
