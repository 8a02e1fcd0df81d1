package dev.forecourt.platform.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox's direct envelope writer says exactly what the CloudEvents SDK's builder says. */
class CloudEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWrittenEnvelopeReadsBackAsTheSdkBuiltOne() throws Exception {
        UUID id = UUID.randomUUID();
        DomainEvent event = new DomainEvent("forecourt.lead.captured.v1", "lead", "lead-\"42\"\\ü", "store-a",
                Map.of("leadId", "42", "note", "两个 \"quotes\""));
        byte[] data = JSON.writeValueAsBytes(event.data());

        CloudEvent written = CloudEvents.parse(CloudEvents.write(id, "/forecourt/lead-service", event,
                g -> JSON.writeValue(g, event.data()), "corr-1"));
        CloudEvent built = CloudEvents.parse(CloudEvents.serialize(
                CloudEvents.envelope(id, "/forecourt/lead-service", event, data, "corr-1")));

        assertEquals(built.getSpecVersion(), written.getSpecVersion());
        assertEquals(built.getId(), written.getId());
        assertEquals(built.getSource(), written.getSource());
        assertEquals(built.getType(), written.getType());
        assertEquals(built.getDataContentType(), written.getDataContentType());
        assertEquals(built.getDataSchema(), written.getDataSchema());
        assertEquals("lead-\"42\"\\ü", written.getSubject());
        assertEquals(built.getExtension(CloudEvents.STORE_ID), written.getExtension(CloudEvents.STORE_ID));
        assertEquals("corr-1", written.getExtension(CloudEvents.CORRELATION_ID));
        assertEquals(JSON.readTree(built.getData().toBytes()), JSON.readTree(written.getData().toBytes()));
        assertEquals("两个 \"quotes\"", JSON.readTree(written.getData().toBytes()).get("note").asText());
        assertTrue(Duration.between(written.getTime(), OffsetDateTime.now()).abs().toSeconds() < 5, "time is now");
    }

    @Test
    void noCorrelationIdMeansNoExtension() {
        DomainEvent event = new DomainEvent("forecourt.lead.captured.v1", "lead", "1", "store-a", Map.of());
        byte[] bytes = CloudEvents.write(UUID.randomUUID(), "/forecourt/x", event, g -> g.writeRawValue("{}"), " ");
        assertNull(CloudEvents.parse(bytes).getExtension(CloudEvents.CORRELATION_ID));
    }
}
