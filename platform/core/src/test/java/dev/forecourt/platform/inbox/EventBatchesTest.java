package dev.forecourt.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.platform.events.CloudEvents;
import dev.forecourt.platform.events.DomainEvent;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A consumer reads an event's data as the producer wrote it, and is told plainly when there is none to read. */
class EventBatchesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventBatches batches = batches();

    @Test
    void theDataOfAnEnvelopeFromTheWireIsItsJson() throws Exception {
        Map<String, Object> data = Map.of("storeId", "store-a", "customers",
                List.of(Map.of("customerId", "c-1", "note", "两个 \"quotes\""), Map.of("customerId", "c-2")));
        DomainEvent event = new DomainEvent("forecourt.customer.imported.v1", "import", "job-1", "store-a", data);
        CloudEvent received = CloudEvents.parse(
                CloudEvents.write(UUID.randomUUID(), "/forecourt/customer-service", event, g -> JSON.writeValue(g, data), null));

        JsonNode read = batches.data(received);

        assertEquals(JSON.valueToTree(data), read);
        assertEquals("两个 \"quotes\"", read.path("customers").get(0).path("note").asText());
    }

    /** A consumer that names its types skips the others by their header; a record without one is read. */
    @Test
    void onlyARecordWhoseTypeHeaderNamesAnotherTypeIsSkipped() {
        java.util.Set<String> used = java.util.Set.of("forecourt.customer.registered.v1");
        java.util.function.Function<String, org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> withType = type -> {
            var record = new org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>("customer-events", 0, 0L, "k", new byte[0]);
            if (type != null) {
                record.headers().add(CloudEvents.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
            }
            return record;
        };
        assertTrue(EventBatches.wanted(withType.apply("forecourt.customer.registered.v1"), used));
        assertFalse(EventBatches.wanted(withType.apply("forecourt.customer.imported.v1"), used));
        assertTrue(EventBatches.wanted(withType.apply(null), used), "no header: an older producer's record is read");
        var empty = new org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>("customer-events", 0, 0L, "k", new byte[0]);
        empty.headers().add(CloudEvents.TYPE_HEADER, null);
        assertTrue(EventBatches.wanted(empty, used), "a header without a value is no header");
    }

    @Test
    void dataGivenAsBytesIsParsed() {
        CloudEvent event = CloudEventBuilder.v1().withId("e-1").withSource(URI.create("/x")).withType("t")
                .withData("application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)).build();
        assertEquals(1, batches.data(event).path("a").asInt());
    }

    @Test
    void anEventWithoutDataOrWithDataThatIsNotJsonIsUnreadable() {
        CloudEvent none = CloudEventBuilder.v1().withId("e-2").withSource(URI.create("/x")).withType("t").build();
        CloudEvent text = CloudEventBuilder.v1().withId("e-3").withSource(URI.create("/x")).withType("t")
                .withData("application/json", "not json".getBytes(StandardCharsets.UTF_8)).build();
        assertEquals("event e-2 has no data", assertThrows(IllegalArgumentException.class, () -> batches.data(none)).getMessage());
        assertEquals("event e-3 data is not JSON", assertThrows(IllegalArgumentException.class, () -> batches.data(text)).getMessage());
    }

    private static EventBatches batches() {
        EventBatches b = new EventBatches(new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        b.json = JSON;
        return b;
    }
}
