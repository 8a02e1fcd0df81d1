package dev.forecourt.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiMergerTest {

    final ObjectMapper json = new ObjectMapper();

    JsonNode doc(String path, String schema) throws Exception {
        return json.readTree("{\"openapi\":\"3.1.0\",\"paths\":{\"" + path + "\":{\"get\":{}}},"
                + "\"components\":{\"schemas\":{\"" + schema + "\":{\"type\":\"object\"}},"
                + "\"securitySchemes\":{\"SecurityScheme\":{\"type\":\"http\",\"scheme\":\"bearer\"}}},"
                + "\"tags\":[{\"name\":\"" + schema + "\"}]}");
    }

    @Test
    void theMergedDocumentHasEveryServicesPathsAndSchemasOnce() throws Exception {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        docs.put("customer-service", doc("/api/customers", "CustomerView"));
        docs.put("lead-service", doc("/api/leads", "LeadView"));
        JsonNode merged = new OpenApiMerger(json).merge("1", docs);
        assertTrue(merged.path("paths").has("/api/customers"));
        assertTrue(merged.path("paths").has("/api/leads"));
        assertTrue(merged.path("components").path("schemas").has("LeadView"));
        assertEquals(1, merged.path("components").path("securitySchemes").size());
        assertEquals(2, merged.path("tags").size());
        assertTrue(merged.path("x-forecourt-unavailable").isMissingNode());
    }

    @Test
    void aServiceThatDidNotAnswerIsNamedNotFatal() throws Exception {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        docs.put("customer-service", doc("/api/customers", "CustomerView"));
        docs.put("parts-service", null);
        JsonNode merged = new OpenApiMerger(json).merge("1", docs);
        assertTrue(merged.path("paths").has("/api/customers"));
        assertEquals("parts-service", merged.path("x-forecourt-unavailable").get(0).asText());
    }
}
