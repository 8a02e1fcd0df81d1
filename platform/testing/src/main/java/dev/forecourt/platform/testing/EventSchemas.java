package dev.forecourt.platform.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * Checks a published event against the Forecourt envelope and its type's JSON Schema, read
 * from {@code schemas/events/<type>.json} on the classpath (the publishing service's resources).
 */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private EventSchemas() {
    }

    /** Fails with every violation when the raw event does not match its envelope and data schemas. */
    public static void assertValid(byte[] rawEvent) {
        JsonNode event;
        try {
            event = JSON.readTree(rawEvent);
        } catch (IOException e) {
            throw new AssertionError("event is not JSON", e);
        }
        check("envelope", schema("forecourt/cloudevent-envelope.schema.json"), event);
        String type = event.path("type").asText();
        check(type, schema("schemas/events/" + type + ".json"), event.path("data"));
    }

    private static void check(String what, JsonSchema schema, JsonNode node) {
        Set<ValidationMessage> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            throw new AssertionError(what + " does not match its schema: " + errors + " in " + node);
        }
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no schema " + resource + " on the classpath: every event type needs one");
            }
            return FACTORY.getSchema(JSON.readTree(in), CONFIG);
        } catch (IOException e) {
            throw new AssertionError("unreadable schema " + resource, e);
        }
    }
}
