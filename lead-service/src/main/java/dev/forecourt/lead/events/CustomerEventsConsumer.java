package dev.forecourt.lead.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.lead.domain.KnownCustomer;
import dev.forecourt.platform.events.CloudEvents;
import dev.forecourt.platform.inbox.Inbox;
import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@link KnownCustomer} in step with customer-events, a batch of records per transaction.
 * Idempotent through the inbox: a redelivered event changes nothing. An event that cannot be
 * read is parked on the dead-letter topic with the reason (header {@code dead-letter-reason})
 * and the rest of its batch goes on; a database hiccup retries the batch before giving up.
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    private static final Logger LOG = Logger.getLogger(CustomerEventsConsumer.class);
    static final String REGISTERED = "forecourt.customer.registered.v1";
    static final String REASON_HEADER = "dead-letter-reason";

    /** One readable event and, for the types we project, what it says. */
    record Readable(CloudEvent event, KnownCustomer registered) {
    }

    @Inject
    Inbox inbox;

    @Inject
    ObjectMapper json;

    @Inject
    @Channel("customer-events-dlq")
    MutinyEmitter<byte[]> deadLetters;

    @Incoming("customer-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 5, delay = 500, delayUnit = ChronoUnit.MILLIS)
    public void on(ConsumerRecords<String, byte[]> records) {
        List<Readable> readable = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> poison = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                readable.add(read(record.value()));
            } catch (IllegalArgumentException e) {
                poison.add(record);
                reasons.add(e.getMessage());
            }
        }
        // The inbox records and their effects commit together, once for the batch.
        QuarkusTransaction.requiringNew().run(() -> readable.forEach(this::apply));
        for (int i = 0; i < poison.size(); i++) {
            park(poison.get(i), reasons.get(i));
        }
    }

    Readable read(byte[] payload) {
        CloudEvent event = CloudEvents.parse(payload);
        if (!REGISTERED.equals(event.getType())) {
            return new Readable(event, null);
        }
        JsonNode data = data(event);
        KnownCustomer known = new KnownCustomer();
        known.customerId = UUID.fromString(text(data, "customerId"));
        known.storeId = text(data, "storeId");
        known.kind = text(data, "kind");
        known.registeredAt = event.getTime() == null ? Instant.now() : event.getTime().toInstant();
        return new Readable(event, known);
    }

    void apply(Readable readable) {
        if (!inbox.firstDelivery(readable.event())) {
            LOG.debugf("event %s already processed", readable.event().getId());
            return;
        }
        KnownCustomer incoming = readable.registered();
        if (incoming != null) {
            KnownCustomer known = KnownCustomer.findById(incoming.customerId);
            if (known == null) {
                incoming.persist();
            } else {
                known.storeId = incoming.storeId;
                known.kind = incoming.kind;
                known.registeredAt = incoming.registeredAt;
            }
        }
    }

    private void park(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("parking unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessageAndAwait(Message.of(record.value()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
    }

    private JsonNode data(CloudEvent event) {
        if (event.getData() == null) {
            throw new IllegalArgumentException("event " + event.getId() + " has no data");
        }
        try {
            return json.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("event " + event.getId() + " data is not JSON", e);
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return node.asText();
    }
}
