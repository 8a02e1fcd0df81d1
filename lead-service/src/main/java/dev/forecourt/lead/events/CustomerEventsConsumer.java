package dev.forecourt.lead.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forecourt.lead.domain.KnownCustomer;
import dev.forecourt.lead.service.CustomerMerges;
import dev.forecourt.platform.inbox.EventBatches;
import io.cloudevents.CloudEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps lead-service in step with customer-events, a batch of records per transaction
 * ({@link EventBatches}: idempotent through the inbox, unreadable events parked on the
 * dead-letter topic with their reason); a database hiccup retries the batch before giving up.
 * Registered and imported customers feed {@link KnownCustomer}; a merge re-points leads and orders
 * to the survivor and its undo points them back ({@link CustomerMerges}).
 */
@ApplicationScoped
public class CustomerEventsConsumer {

    static final String REGISTERED = "forecourt.customer.registered.v1";
    /** A bulk import's chunk: many customers in one event. */
    static final String IMPORTED = "forecourt.customer.imported.v1";
    static final String MERGED = "forecourt.customer.merged.v1";
    static final String MERGE_UNDONE = "forecourt.customer.merge-undone.v1";
    static final String REASON_HEADER = EventBatches.REASON_HEADER;

    @Inject
    EventBatches batches;

    @Inject
    EntityManager em;

    @Inject
    CustomerMerges merges;

    @Inject
    @Channel("customer-events-dlq")
    MutinyEmitter<byte[]> deadLetters;

    @Incoming("customer-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 5, delay = 500, delayUnit = ChronoUnit.MILLIS)
    public void on(ConsumerRecords<String, byte[]> records) {
        batches.process(records, this::read, (event, change) -> apply(change), deadLetters);
    }

    /** What an event asks of lead-service; {@link Known} with none for the types it does not use. */
    sealed interface Change permits Known, Merge, MergeUndone {
    }

    /** Customers registered or imported. */
    record Known(List<KnownCustomer> customers) implements Change {
    }

    record Merge(UUID mergeId, UUID mergedId, UUID survivorId) implements Change {
    }

    record MergeUndone(UUID mergeId) implements Change {
    }

    Change read(CloudEvent event) {
        Instant at = event.getTime() == null ? Instant.now() : event.getTime().toInstant();
        String type = event.getType() == null ? "" : event.getType();
        switch (type) {
            case REGISTERED -> {
                JsonNode data = batches.data(event);
                return new Known(List.of(known(data, EventBatches.text(data, "storeId"), at)));
            }
            case IMPORTED -> {
                JsonNode data = batches.data(event);
                String storeId = EventBatches.text(data, "storeId");
                List<KnownCustomer> known = new ArrayList<>();
                data.path("customers").forEach(c -> known.add(known(c, storeId, at)));
                return new Known(known);
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
                return new Known(List.of());
            }
        }
    }

    void apply(Change change) {
        switch (change) {
            case Known k -> apply(k.customers());
            case Merge m -> merges.repoint(m.mergeId(), m.mergedId(), m.survivorId());
            case MergeUndone u -> merges.restore(u.mergeId());
        }
    }


    private static KnownCustomer known(JsonNode data, String storeId, Instant at) {
        KnownCustomer known = new KnownCustomer();
        known.customerId = EventBatches.uuid(data, "customerId");
        known.storeId = storeId;
        known.kind = EventBatches.text(data, "kind");
        known.registeredAt = at;
        return known;
    }

    /**
     * Upserts the event's customers with one statement: an import announces up to a thousand customers
     * per event, and a find and an insert for each cost lead-service's database more CPU than
     * customer-service spent importing them (measured with the import bench: 53 s for a million).
     */
    void apply(List<KnownCustomer> customers) {
        if (customers.isEmpty()) {
            return;
        }
        Map<UUID, KnownCustomer> latest = new LinkedHashMap<>(); // one row per customer per statement
        customers.forEach(c -> latest.put(c.customerId, c));
        int n = latest.size();
        UUID[] ids = new UUID[n];
        String[] stores = new String[n];
        String[] kinds = new String[n];
        Timestamp[] at = new Timestamp[n];
        int i = 0;
        for (KnownCustomer c : latest.values()) {
            ids[i] = c.customerId;
            stores[i] = c.storeId;
            kinds[i] = c.kind;
            at[i++] = Timestamp.from(c.registeredAt);
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO known_customer (customer_id, store_id, kind,"
                    + " registered_at) SELECT * FROM unnest(?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE"
                    + " SET store_id = EXCLUDED.store_id, kind = EXCLUDED.kind, registered_at = EXCLUDED.registered_at")) {
                s.setArray(1, connection.createArrayOf("uuid", ids));
                s.setArray(2, connection.createArrayOf("varchar", stores));
                s.setArray(3, connection.createArrayOf("varchar", kinds));
                s.setArray(4, connection.createArrayOf("timestamptz", at));
                s.executeUpdate();
            }
        });
    }
}
