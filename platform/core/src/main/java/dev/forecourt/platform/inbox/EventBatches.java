package dev.forecourt.platform.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.platform.events.CloudEvents;
import dev.forecourt.platform.persistence.SqlStates;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * How every service consumes another service's events: a Kafka batch is read first (an event
 * that cannot be read is parked on the dead-letter topic with header {@code dead-letter-reason}
 * and the rest go on), then applied in one transaction through the {@link Inbox}, so a
 * redelivered event changes nothing. While the database is away (a lost connection, a restart, a
 * failover: {@link SqlStates#isTransient}) the batch is retried for as long as it takes, backing off
 * to {@link #MAX_BACKOFF_MS}: the partition waits, and nothing goes to the dead-letter topic for
 * want of a database. Other exceptions from {@code apply} roll the batch back for the channel's
 * own retry and then its failure strategy.
 */
@ApplicationScoped
public class EventBatches {

    private static final Logger LOG = Logger.getLogger(EventBatches.class);
    /** The longest wait between two tries of a batch while the database is away. */
    static final long MAX_BACKOFF_MS = 5_000;
    public static final String REASON_HEADER = "dead-letter-reason";
    /** Batches tried again because the database was away: {@code forecourt_events_database_waits_total} on /q/metrics. */
    public static final String DATABASE_WAITS = "forecourt.events.database.waits";

    @Inject
    Inbox inbox;

    @Inject
    ObjectMapper json;

    private final Counter databaseWaits;

    EventBatches(MeterRegistry metrics) {
        databaseWaits = Counter.builder(DATABASE_WAITS)
                .description("Event batches tried again because the database was away").register(metrics);
    }

    /**
     * @param read  turns an event into what {@code apply} needs; throws IllegalArgumentException when unreadable
     * @param apply the effect, called once per event id, inside the batch transaction
     */
    public <T> void process(ConsumerRecords<String, byte[]> records, Function<CloudEvent, T> read,
                            BiConsumer<CloudEvent, T> apply, MutinyEmitter<byte[]> deadLetters) {
        process(records, null, read, apply, deadLetters);
    }

    /**
     * As {@link #process(ConsumerRecords, Function, BiConsumer, MutinyEmitter)}, for a consumer that uses
     * only these event types: a record whose {@link CloudEvents#TYPE_HEADER} names another type is
     * skipped unparsed (a record without the header is read, as every record was before the relay set it).
     */
    public <T> void process(ConsumerRecords<String, byte[]> records, Set<String> types, Function<CloudEvent, T> read,
                            BiConsumer<CloudEvent, T> apply, MutinyEmitter<byte[]> deadLetters) {
        record Readable<T>(CloudEvent event, T value) {
        }
        List<Readable<T>> readable = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (types != null && !wanted(record, types)) {
                continue;
            }
            try {
                CloudEvent event = CloudEvents.parse(record.value());
                readable.add(new Readable<>(event, read.apply(event)));
            } catch (IllegalArgumentException e) {
                park(deadLetters, record, e.getMessage());
            }
        }
        if (readable.isEmpty()) {
            return;
        }
        for (long backoff = 200; ; backoff = Math.min(backoff * 2, MAX_BACKOFF_MS)) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    for (Readable<T> r : readable) {
                        if (inbox.firstDelivery(r.event())) {
                            apply.accept(r.event(), r.value());
                        } else {
                            LOG.debugf("event %s already processed", r.event().getId());
                        }
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (!SqlStates.isTransient(e)) {
                    throw e;
                }
                databaseWaits.increment();
                LOG.warnf("%d events wait for the database (%s); trying again in %d ms", readable.size(),
                        firstLine(e), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) { // shutting down: the batch is redelivered later
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean wanted(ConsumerRecord<String, byte[]> record, Set<String> types) {
        Header type = record.headers().lastHeader(CloudEvents.TYPE_HEADER);
        return type == null || type.value() == null || types.contains(new String(type.value(), StandardCharsets.UTF_8));
    }

    /** The innermost cause's message, first line: what the driver said, not the wrappers. */
    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The event's JSON data; IllegalArgumentException when absent or not JSON. */
    public JsonNode data(CloudEvent event) {
        if (event.getData() == null) {
            throw new IllegalArgumentException("event " + event.getId() + " has no data");
        }
        // The SDK's JSON format has parsed the data already: its bytes would be the tree written out
        // and parsed again (JFR: a fifth of lead-service's CPU samples while it consumed a bulk import's events).
        if (event.getData() instanceof JsonCloudEventData parsed) {
            return parsed.getNode();
        }
        try {
            return json.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("event " + event.getId() + " data is not JSON", e);
        }
    }

    /** A required text field; IllegalArgumentException naming it when missing. */
    public static String text(JsonNode data, String field) {
        JsonNode node = data.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return node.asText();
    }

    /** A required UUID field; IllegalArgumentException (the event is parked) when missing or malformed. */
    public static java.util.UUID uuid(JsonNode data, String field) {
        return java.util.UUID.fromString(text(data, field));
    }

    /** An optional text field (null when absent). */
    public static String optionalText(JsonNode data, String field) {
        JsonNode node = data.get(field);
        return node == null || node.isNull() || node.asText().isBlank() ? null : node.asText();
    }

    private static void park(MutinyEmitter<byte[]> deadLetters, ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("parking unreadable record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessageAndAwait(Message.of(record.value()).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers).build()));
    }
}
