package dev.forecourt.lead.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forecourt.lead.customers.KnownCustomers;
import dev.forecourt.lead.service.CustomerMerges;
import dev.forecourt.platform.inbox.EventBatches;
import io.cloudevents.CloudEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps lead-service in step with customer-events, a batch of records per transaction
 * ({@link EventBatches}: idempotent through the inbox, unreadable events parked on the
 * dead-letter topic with their reason); a database hiccup retries the batch before giving up.
 * Registered customers feed {@link KnownCustomers}; a merge re-points leads and orders
 * to the survivor and its undo points them back ({@link CustomerMerges}).
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    static final String REGISTERED = "forecourt.customer.registered.v1";
    static final String MERGED = "forecourt.customer.merged.v1";
    static final String MERGE_UNDONE = "forecourt.customer.merge-undone.v1";
    static final String REASON_HEADER = EventBatches.REASON_HEADER;
    /**
     * The types this consumer reads; the rest are skipped unparsed (EventBatches). A bulk import's
     * customers are not read at all (they are on customer-imports): copying a million of them here cost
     * lead-service and its database 26 core-seconds beside the import (bench), for one flag on a lead's
     * detail, which {@link KnownCustomers} answers by asking customer-service instead.
     */
    static final Set<String> USED = Set.of(REGISTERED, MERGED, MERGE_UNDONE);

    @Inject
    EventBatches batches;

    @Inject
    CustomerMerges merges;

    @Inject
    KnownCustomers known;

    @Inject
    @Channel("customer-events-dlq")
    MutinyEmitter<byte[]> deadLetters;

    @Incoming("customer-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 5, delay = 500, delayUnit = ChronoUnit.MILLIS)
    public void on(ConsumerRecords<String, byte[]> records) {
        batches.process(records, USED, this::read, (event, change) -> apply(change), deadLetters);
    }

    /** What an event asks of lead-service; {@link Nothing} for a type it does not use. */
    sealed interface Change permits Registered, Merge, MergeUndone, Nothing {
    }

    record Registered(UUID customerId, String storeId, String kind, Instant at) implements Change {
    }

    record Merge(UUID mergeId, UUID mergedId, UUID survivorId) implements Change {
    }

    record MergeUndone(UUID mergeId) implements Change {
    }

    /** An event of a type this consumer does not use that came without the type header (an older producer). */
    record Nothing() implements Change {
    }

    Change read(CloudEvent event) {
        String type = event.getType() == null ? "" : event.getType();
        switch (type) {
            case REGISTERED -> {
                JsonNode data = batches.data(event);
                return new Registered(EventBatches.uuid(data, "customerId"), EventBatches.text(data, "storeId"),
                        EventBatches.text(data, "kind"), event.getTime() == null ? Instant.now() : event.getTime().toInstant());
            }
            case MERGED -> {
                JsonNode data = batches.data(event);
                return new Merge(EventBatches.uuid(data, "mergeId"), EventBatches.uuid(data, "mergedId"),
                        EventBatches.uuid(data, "survivorId"));
            }
            case MERGE_UNDONE -> {
                return new MergeUndone(EventBatches.uuid(batches.data(event), "mergeId"));
            }
            default -> {
                return new Nothing();
            }
        }
    }

    void apply(Change change) {
        switch (change) {
            case Registered r -> known.record(r.customerId(), r.storeId(), r.kind(), r.at());
            case Merge m -> merges.repoint(m.mergeId(), m.mergedId(), m.survivorId());
            case MergeUndone u -> merges.restore(u.mergeId());
            case Nothing n -> { }
        }
    }
}
